package dev.flowsweep.spring.boot.properties;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.model.StateType;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.retention.BatchWindows;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Turns the {@code flowsweep.*} properties into Flowsweep's builders, one property at a time, so that a value the
 * builder refuses is reported under its property's name. The auto-configuration builds its beans with these
 * methods and {@link Problems#THROW}; {@link PropertiesValidator} runs the same methods on stand-ins with a collecting
 * {@link Problems} when the properties are bound, so the rules are the builders' own and are written once.
 */
public final class FlowsweepBuilders {
    private FlowsweepBuilders() {
    }

    /** Where a refused value goes. */
    @FunctionalInterface
    public interface Problems {
        /** Throws an {@link IllegalArgumentException} naming the property: for building beans. */
        Problems THROW = (property, message) -> {
            throw new IllegalArgumentException(FlowsweepProperties.PREFIX + "." + property + ": " + message);
        };

        /**
         * Reports one refused value.
         *
         * @param property the property's path under {@code flowsweep.}, e.g. {@code retention.policies[0].batch-size}
         * @param message  why it was refused
         */
        void report(String property, String message);
    }

    /** The storage's builder on {@code dataSource}, with the {@code flowsweep.storage.*} settings. */
    public static JdbcStorage.Builder storage(DataSource dataSource, StorageProperties p, Problems problems) {
        JdbcStorage.Builder b = JdbcStorage.builder(dataSource);
        StorageProperties.Layout layout = p.getLayout();
        if (layout == null) {
            problems.report("storage.layout", "must be flowsweep or prefect");
        } else {
            b.layout(layout.jdbc());
        }
        List<String> revisions = p.getAcceptPrefectRevisions() == null ? List.of() : p.getAcceptPrefectRevisions();
        if (layout != StorageProperties.Layout.PREFECT) {
            if (!revisions.isEmpty()) {
                problems.report("storage.accept-prefect-revisions", "needs flowsweep.storage.layout=prefect");
            }
            if (p.isAcceptAnyPrefectRevision()) {
                problems.report("storage.accept-any-prefect-revision", "needs flowsweep.storage.layout=prefect");
            }
        } else if (p.isAcceptAnyPrefectRevision()) {
            b.acceptAnyPrefectRevision();
        } else {
            apply(problems, "storage.accept-prefect-revisions",
                    () -> b.acceptPrefectRevisions(revisions.toArray(String[]::new)));
        }
        apply(problems, "storage.table-prefix", () -> b.tablePrefix(p.getTablePrefix()));
        apply(problems, "storage.schema-mode", () -> b.schemaMode(p.getSchemaMode()));
        apply(problems, "storage.statement-timeout", () -> b.statementTimeout(p.getStatementTimeout()));
        apply(problems, "storage.lock-timeout", () -> b.lockTimeout(p.getLockTimeout()));
        apply(problems, "storage.schema-lock-wait", () -> b.schemaLockWait(p.getSchemaLockWait()));
        return b;
    }

    /** The purger's builder on {@code storage}, with the {@code flowsweep.purge.*} settings. */
    public static LogPurger.Builder purger(FlowsweepStorage storage, PurgeProperties p, Problems problems) {
        LogPurger.Builder b = LogPurger.builder(storage);
        apply(problems, "purge.runs-per-batch", () -> b.runsPerBatch(p.getRunsPerBatch()));
        apply(problems, "purge.max-rows-per-statement", () -> b.maxRowsPerStatement(p.getMaxRowsPerStatement()));
        apply(problems, "purge.max-rows-per-transaction", () -> b.maxRowsPerTransaction(p.getMaxRowsPerTransaction()));
        apply(problems, "purge.backoff", () -> b.backoff(p.getBackoff()));
        apply(problems, "purge.max-attempts", () -> b.maxAttempts(p.getMaxAttempts()));
        apply(problems, "purge.failed-retry-interval", () -> b.failedRetryInterval(p.getFailedRetryInterval()));
        apply(problems, "purge.poll-interval", () -> b.pollInterval(p.getPollInterval()));
        apply(problems, "purge.close-timeout", () -> b.closeTimeout(p.getCloseTimeout()));
        apply(problems, "purge.stats-max-age", () -> {
            if (p.getStatsMaxAge() == null || p.getStatsMaxAge().isNegative()) {
                throw new IllegalArgumentException("statsMaxAge must not be negative, was " + p.getStatsMaxAge());
            }
        });
        return b;
    }

    /** The bulk delete service's builder on {@code storage}, with the {@code flowsweep.bulk-delete.*} settings. */
    public static BulkDeleteService.Builder bulkDelete(FlowsweepStorage storage, BulkDeleteProperties p,
                                                       Problems problems) {
        BulkDeleteService.Builder b = BulkDeleteService.builder(storage);
        apply(problems, "bulk-delete.limit-cap", () -> b.limitCap(p.getLimitCap()));
        b.requireFilter(p.isRequireFilter());
        apply(problems, "bulk-delete.max-transient-retries", () -> b.maxTransientRetries(p.getMaxTransientRetries()));
        return b;
    }

    /**
     * The retention service's builder on {@code service}, with the {@code flowsweep.retention.*} settings and
     * policies. Its {@code build()} checks what concerns several properties (unique names, batch sizes within the
     * cap, pauses shorter than the lease): call {@link #buildRetention} to have those reported too.
     */
    public static RetentionService.Builder retention(BulkDeleteService service, RetentionProperties p,
                                                     Problems problems) {
        RetentionService.Builder b = RetentionService.builder(service);
        if (p.getInstanceId() != null) {
            apply(problems, "retention.instance-id", () -> b.instanceId(p.getInstanceId()));
        }
        if (!p.isUseLease()) {
            b.withoutLease();
        }
        apply(problems, "retention.lease-ttl", () -> b.leaseTtl(p.getLeaseTtl()));
        apply(problems, "retention.actor", () -> b.actor(p.getActor()));
        apply(problems, "retention.initial-delay", () -> b.initialDelay(p.getInitialDelay()));
        apply(problems, "retention.close-timeout", () -> b.closeTimeout(p.getCloseTimeout()));
        RetentionProperties.OrphanLogs orphans = p.getOrphanLogs();
        if (orphans.isEnabled()) {
            apply(problems, "retention.orphan-logs.interval", () -> b.orphanLogSweep(orphans.getInterval()));
        } else {
            b.noOrphanLogSweep();
        }
        apply(problems, "retention.orphan-logs.grace", () -> b.orphanLogGrace(orphans.getGrace()));
        apply(problems, "retention.orphan-logs.batch-size", () -> b.orphanLogBatchSize(orphans.getBatchSize()));
        apply(problems, "retention.orphan-logs.time-budget", () -> b.orphanLogTimeBudget(orphans.getTimeBudget()));
        List<RetentionProperties.Policy> policies = p.getPolicies() == null ? List.of() : p.getPolicies();
        for (int i = 0; i < policies.size(); i++) {
            RetentionPolicy policy = policy(policies.get(i), "retention.policies[" + i + "]", problems);
            if (policy != null) {
                b.policy(policy);
            }
        }
        return b;
    }

    /** {@code builder.build()}, with what it refuses reported under {@code flowsweep.retention.policies}. */
    public static RetentionService buildRetention(RetentionService.Builder builder, Problems problems) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            problems.report("retention.policies", e.getMessage());
            return null;
        }
    }

    /**
     * One policy from {@code flowsweep.retention.policies[n]}; null when a value was refused (and reported).
     *
     * @param path the policy's property path, e.g. {@code retention.policies[0]}
     */
    public static RetentionPolicy policy(RetentionProperties.Policy p, String path, Problems problems) {
        RetentionPolicy.Builder b;
        try {
            b = RetentionPolicy.builder(p.getName());
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.report(path + ".name", p.getName() == null ? "every policy needs a name" : e.getMessage());
            return null;
        }
        List<String> refused = new ArrayList<>();
        Problems mine = (property, message) -> {
            refused.add(property);
            problems.report(property, message);
        };
        apply(mine, path + ".older-than", () -> b.olderThan(p.getOlderThan()));
        List<StateType> states = p.getStates() == null ? List.of() : p.getStates();
        if (p.isAnyState()) {
            if (!states.isEmpty()) {
                mine.report(path + ".states", "give either states or any-state: true, not both");
            }
            b.anyState();
        } else if (!states.isEmpty()) {
            apply(mine, path + ".states", () -> b.states(states));
        }
        List<String> tags = p.getTags() == null ? List.of() : p.getTags();
        if (!tags.isEmpty()) {
            apply(mine, path + ".tags", () -> b.filter(FlowRunFilter.builder().tagsAll(tags.toArray(String[]::new))
                    .build()));
        }
        b.topLevelOnly(p.isTopLevelOnly());
        b.archive(p.isArchive());
        apply(mine, path + ".batch-size", () -> b.batchSize(p.getBatchSize()));
        apply(mine, path + ".pause-between-batches", () -> b.pauseBetweenBatches(p.getPauseBetweenBatches()));
        apply(mine, path + ".time-budget", () -> b.timeBudget(p.getTimeBudget()));
        apply(mine, path + ".interval", () -> b.interval(p.getInterval()));
        apply(mine, path + ".windows", () -> b.windows(BatchWindows.parse(p.getWindows())));
        if (!refused.isEmpty()) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            problems.report(path, e.getMessage());
            return null;
        }
    }

    private static void apply(Problems problems, String property, Runnable setting) {
        try {
            setting.run();
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = e.getMessage();
            problems.report(property, message == null || e instanceof NullPointerException
                    ? "must be set" + (message == null ? "" : " (" + message + ")") : message);
        }
    }
}
