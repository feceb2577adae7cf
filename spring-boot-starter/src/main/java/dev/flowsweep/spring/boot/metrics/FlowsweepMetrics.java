package dev.flowsweep.spring.boot.metrics;

import dev.flowsweep.events.DeletionEvent;
import dev.flowsweep.events.DeletionListener;
import dev.flowsweep.events.DeletionReason;
import dev.flowsweep.purge.PurgeBatch;
import dev.flowsweep.purge.PurgeListener;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionRunListener;
import dev.flowsweep.service.DrainProgress;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spring.boot.PurgeQueueMonitor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Flowsweep's meters, made from its events: a {@link DeletionListener} (deletions), a {@link PurgeListener} (purge
 * transactions), a {@link RetentionRunListener} (retention runs) and gauges over the purge queue. Spring Boot binds it
 * to its meter registry; the starter registers it with the services it builds (an application that builds its own
 * services adds it to them).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #RUNS_DELETED}</td><td>counter (runs)</td><td>reason, policy</td><td>runs deleted</td></tr>
 *   <tr><td>{@value #SLOTS_RELEASED}</td><td>counter (slots)</td><td>reason, policy</td>
 *       <td>concurrency slots released by deleted runs</td></tr>
 *   <tr><td>{@value #DELETIONS}</td><td>timer</td><td>reason, policy</td><td>committed deletions: a bulk delete's or
 *       a delete by id's latency up to its commit, transient retries included; a drain or retention batch's</td></tr>
 *   <tr><td>{@value #PURGE_PENDING}</td><td>gauge (runs)</td><td></td><td>queued log purges not failed</td></tr>
 *   <tr><td>{@value #PURGE_FAILED}</td><td>gauge (runs)</td><td></td>
 *       <td>log purges that used up their attempts (still queued, retried slowly)</td></tr>
 *   <tr><td>{@value #PURGE_OLDEST_AGE}</td><td>time gauge</td><td></td>
 *       <td>how long the oldest queued purge has waited; 0 when the queue is empty</td></tr>
 *   <tr><td>{@value #PURGE_BATCHES}</td><td>timer</td><td>outcome</td><td>purge transactions, by how they ended
 *       ({@code completed}, {@code more_left}: stopped at its row cap, {@code failed}: rolled back)</td></tr>
 *   <tr><td>{@value #RETENTION_BATCHES}</td><td>counter (batches)</td><td>policy</td>
 *       <td>retention batches committed</td></tr>
 *   <tr><td>{@value #RETENTION_RUNS}</td><td>counter (runs)</td><td>policy, outcome</td>
 *       <td>retention runs ended, by outcome (completed, time_budget, failed, skipped_lease_held, ...)</td></tr>
 *   <tr><td>{@value #RETENTION_LAST_SUCCESS}</td><td>time gauge</td><td>policy</td>
 *       <td>when the policy's last successful run (completed, or stopped by its time budget or its batch window)
 *       ended, since the epoch; registered at the first one</td></tr>
 *   <tr><td>{@value #RETENTION_FAILED_RUNS}</td><td>counter (runs)</td><td>policy</td>
 *       <td>retention runs that failed (a batch or the lease); registered at the first failure</td></tr>
 * </table>
 * {@code reason} is {@code bulk_delete}, {@code delete_by_id}, {@code drain} or {@code retention}; {@code policy} is
 * the retention policy's name, {@code none} for the other reasons. Policy names come from the configuration, so the
 * tags stay few. The purge gauges read the queue through the {@link PurgeQueueMonitor} (one query per
 * {@code flowsweep.purge.stats-max-age}); when it cannot be read they show NaN.
 */
public final class FlowsweepMetrics implements MeterBinder, DeletionListener, PurgeListener, RetentionRunListener {
    public static final String RUNS_DELETED = "flowsweep.runs.deleted";
    public static final String SLOTS_RELEASED = "flowsweep.slots.released";
    public static final String DELETIONS = "flowsweep.deletions";
    public static final String PURGE_PENDING = "flowsweep.purge.pending";
    public static final String PURGE_FAILED = "flowsweep.purge.failed";
    public static final String PURGE_OLDEST_AGE = "flowsweep.purge.oldest.age";
    public static final String PURGE_BATCHES = "flowsweep.purge.batches";
    public static final String RETENTION_BATCHES = "flowsweep.retention.batches";
    public static final String RETENTION_RUNS = "flowsweep.retention.runs";
    public static final String RETENTION_LAST_SUCCESS = "flowsweep.retention.last.success";
    public static final String RETENTION_FAILED_RUNS = "flowsweep.retention.runs.failed";

    /** The {@code policy} tag of deletions that are not a retention policy's. */
    public static final String NO_POLICY = "none";

    private static final Logger log = LoggerFactory.getLogger(FlowsweepMetrics.class);

    private final PurgeQueueMonitor purgeQueue;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    /** Per policy, the epoch milliseconds of the end of its last successful run; the gauges' state. */
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    /** @param purgeQueue the purge queue's figures; nullable (no purge gauges) */
    public FlowsweepMetrics(PurgeQueueMonitor purgeQueue) {
        this.purgeQueue = purgeQueue;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(Objects.requireNonNull(registry, "registry"));
        if (purgeQueue != null) {
            Gauge.builder(PURGE_PENDING, purgeQueue, stat(PurgeQueueStats::pending))
                    .description("Queued log purges of deleted runs that are not failed")
                    .baseUnit("runs")
                    .register(registry);
            Gauge.builder(PURGE_FAILED, purgeQueue, stat(PurgeQueueStats::failed))
                    .description("Log purges that used up their attempts (still queued, retried slowly)")
                    .baseUnit("runs")
                    .register(registry);
            TimeGauge.builder(PURGE_OLDEST_AGE, purgeQueue, TimeUnit.MILLISECONDS,
                            stat(s -> purgeQueue.oldestAge(s).toMillis()))
                    .description("How long the oldest queued log purge has waited")
                    .register(registry);
        }
        for (Map.Entry<String, AtomicLong> e : lastSuccess.entrySet()) {
            registerLastSuccess(registry, e.getKey(), e.getValue());
        }
    }

    private ToDoubleFunction<PurgeQueueMonitor> stat(ToDoubleFunction<PurgeQueueStats> figure) {
        return monitor -> {
            try {
                return figure.applyAsDouble(monitor.stats());
            } catch (RuntimeException e) {
                log.debug("purge queue figures not readable: {}", e.toString());
                return Double.NaN;
            }
        };
    }

    // ------------------------------------------------------------------------------------------------ deletions

    @Override
    public void onDeletion(DeletionEvent event) {
        Tags tags = tags(event.reason());
        for (MeterRegistry registry : registries) {
            Counter.builder(RUNS_DELETED).description("Flow runs deleted").baseUnit("runs").tags(tags)
                    .register(registry).increment(event.runIds().size());
            Counter.builder(SLOTS_RELEASED).description("Concurrency slots released by deleted flow runs")
                    .baseUnit("slots").tags(tags)
                    .register(registry).increment(event.totalReleasedSlots());
            Timer.builder(DELETIONS).description("Committed deletions, their latency up to the commit")
                    .tags(tags).register(registry).record(event.elapsed());
        }
    }

    private static Tags tags(DeletionReason reason) {
        return Tags.of("reason", reason.kind().name().toLowerCase(Locale.ROOT),
                "policy", reason.policy() == null ? NO_POLICY : reason.policy());
    }

    // ------------------------------------------------------------------------------------------------ purge

    @Override
    public void onBatch(PurgeBatch batch) {
        for (MeterRegistry registry : registries) {
            Timer.builder(PURGE_BATCHES).description("Purge transactions, by how they ended")
                    .tag("outcome", batch.outcome().name().toLowerCase(Locale.ROOT))
                    .register(registry).record(batch.elapsed());
        }
    }

    // ------------------------------------------------------------------------------------------------ retention

    @Override
    public void onBatch(RetentionPolicy policy, DrainProgress progress) {
        for (MeterRegistry registry : registries) {
            Counter.builder(RETENTION_BATCHES).description("Retention batches committed").baseUnit("batches")
                    .tag("policy", policy.name()).register(registry).increment();
        }
    }

    @Override
    public void onRunFinished(RetentionRun run) {
        for (MeterRegistry registry : registries) {
            Counter.builder(RETENTION_RUNS).description("Retention runs ended, by outcome").baseUnit("runs")
                    .tags("policy", run.policy(), "outcome", run.outcome().name().toLowerCase(Locale.ROOT))
                    .register(registry).increment();
        }
        if (run.outcome() == RetentionRun.Outcome.FAILED) {
            for (MeterRegistry registry : registries) {
                Counter.builder(RETENTION_FAILED_RUNS).description("Retention runs that failed (a batch or the lease)")
                        .baseUnit("runs").tag("policy", run.policy()).register(registry).increment();
            }
        }
        if (run.succeeded()) {
            long endedAt = run.startedAt().plus(run.elapsed()).toEpochMilli();
            AtomicLong state = lastSuccess.computeIfAbsent(run.policy(), name -> {
                AtomicLong fresh = new AtomicLong(endedAt);
                for (MeterRegistry registry : registries) {
                    registerLastSuccess(registry, name, fresh);
                }
                return fresh;
            });
            state.set(endedAt);
        }
    }

    private static void registerLastSuccess(MeterRegistry registry, String policy, AtomicLong state) {
        TimeGauge.builder(RETENTION_LAST_SUCCESS, state, TimeUnit.MILLISECONDS, AtomicLong::doubleValue)
                .description("When the policy's last successful retention run ended, since the epoch")
                .tag("policy", policy)
                .register(registry);
    }
}
