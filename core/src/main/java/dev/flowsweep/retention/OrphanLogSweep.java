package dev.flowsweep.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one sweep of orphaned logs did: logs whose {@code flow_run_id} names no existing run (typically written by
 * a worker after its run was deleted), with a timestamp before {@code loggedBefore}.
 *
 * @param outcome      how it ended ({@link RetentionRun.Outcome}: completed, budget, closed, lease, failed, skipped)
 * @param loggedBefore only logs older than this were swept (now minus the service's grace)
 * @param startedAt    when it started, by the service's clock
 * @param elapsed      how long it took
 * @param batches      transactions that deleted logs
 * @param deleted      logs deleted
 * @param message      for a skipped sweep, who holds the lease; for a failed one, the error; otherwise null
 */
public record OrphanLogSweep(RetentionRun.Outcome outcome, Instant loggedBefore, Instant startedAt, Duration elapsed,
                             int batches, long deleted, String message) {
    public OrphanLogSweep {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
