package dev.flowsweep.spring.boot.health;

import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.retention.RetentionStatus;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spring.boot.PurgeQueueMonitor;
import dev.flowsweep.spring.boot.properties.HealthProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Flowsweep's health, named {@code flowsweep} at {@code /actuator/health}: the purge queue and the retention service.
 *
 * <pre>
 * "flowsweep": {
 *   "status": "UP",
 *   "details": {
 *     "purge": {"pending": 0, "failed": 0, "oldestPendingAge": "PT0S"},
 *     "retention": {"finished-30d": {"running": false, "lastOutcome": "COMPLETED", "lastStartedAt": "…",
 *                                    "lastDeleted": 200, "nextRunAt": "…"}}
 *   }
 * }
 * </pre>
 * DOWN when the purge queue cannot be read (the database is unreachable), and, when {@code flowsweep.health.*} asks
 * for it, when more purges have failed than {@code max-failed-purges}, when the oldest has waited longer than
 * {@code max-purge-lag}, or while a policy's last run failed ({@code down-on-retention-failure}); the details then
 * say why under {@code problems}. Out of the box, background lag alone does not turn it DOWN, so that it never takes
 * an instance out of a load balancer's rotation for it.
 */
public final class FlowsweepHealthIndicator extends AbstractHealthIndicator {
    private final PurgeQueueMonitor purgeQueue;
    private final RetentionService retention;
    private final HealthProperties thresholds;

    /**
     * @param purgeQueue the purge queue's figures
     * @param retention  the retention service, nullable (none configured)
     * @param thresholds when to report DOWN
     */
    public FlowsweepHealthIndicator(PurgeQueueMonitor purgeQueue, RetentionService retention,
                                    HealthProperties thresholds) {
        super("Flowsweep's purge queue cannot be read");
        this.purgeQueue = Objects.requireNonNull(purgeQueue, "purgeQueue");
        this.retention = retention;
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> problems = new ArrayList<>();
        PurgeQueueStats stats = purgeQueue.stats();
        Duration age = purgeQueue.oldestAge(stats);
        Map<String, Object> purge = new LinkedHashMap<>();
        purge.put("pending", stats.pending());
        purge.put("failed", stats.failed());
        purge.put("oldestPendingAge", age.toString());
        builder.withDetail("purge", purge);
        Long maxFailed = thresholds.getMaxFailedPurges();
        if (maxFailed != null && stats.failed() > maxFailed) {
            problems.add(stats.failed() + " log purge(s) failed, more than flowsweep.health.max-failed-purges ("
                    + maxFailed + ")");
        }
        Duration maxLag = thresholds.getMaxPurgeLag();
        if (maxLag != null && age.compareTo(maxLag) > 0) {
            problems.add("the oldest queued log purge has waited " + age + ", longer than "
                    + "flowsweep.health.max-purge-lag (" + maxLag + ")");
        }
        if (retention != null) {
            Map<String, Object> policies = new LinkedHashMap<>();
            for (RetentionStatus status : retention.status()) {
                policies.put(status.name(), policyDetails(status));
                if (thresholds.isDownOnRetentionFailure() && status.failing()) {
                    problems.add("the last run of retention policy " + status.name() + " failed: "
                            + status.lastAttempt().message());
                }
            }
            builder.withDetail("retention", policies);
        }
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.down().withDetail("problems", problems);
        }
    }

    private static Map<String, Object> policyDetails(RetentionStatus status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("running", status.running());
        RetentionRun last = status.lastRun();
        if (last != null) {
            details.put("lastOutcome", last.outcome().name());
            details.put("lastStartedAt", last.startedAt().toString());
            details.put("lastDeleted", last.deleted());
            if (last.message() != null) {
                details.put("lastMessage", last.message());
            }
        }
        if (status.nextRunAt() != null) {
            details.put("nextRunAt", status.nextRunAt().toString());
        }
        RetentionRun attempt = status.lastAttempt();
        if (attempt != null && attempt != last) {
            details.put("lastAttemptOutcome", attempt.outcome().name());
            details.put("lastAttemptStartedAt", attempt.startedAt().toString());
            if (attempt.message() != null) {
                details.put("lastAttemptMessage", attempt.message());
            }
        }
        details.put("failing", status.failing());
        details.put("failedRuns", status.failedRuns());
        if (status.lastSuccessAt() != null) {
            details.put("lastSuccessAt", status.lastSuccessAt().toString());
        }
        if (!status.policy().windows().isAlways()) {
            details.put("windows", status.policy().windows().toString());
            details.put("windowOpen", status.windowOpen());
            details.put("nextWindowOpensAt", String.valueOf(status.nextWindowOpensAt()));
        }
        return details;
    }
}
