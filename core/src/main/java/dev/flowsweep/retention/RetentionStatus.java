package dev.flowsweep.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The state of one policy in a {@link RetentionService}.
 *
 * @param policy            the policy
 * @param running           whether this service is running it right now
 * @param lastRun           its last finished run in this service (skipped ones included); null before the first
 * @param nextRunAt         when the schedule runs it next; null when the service is not started or is closed
 * @param lastAttempt       its last run that was not skipped (how it ended: completed, failed with its cause, stopped
 *                          by its window, ...); null before the first
 * @param lastSuccessAt     when its last successful run ended ({@link RetentionRun#succeeded()}); null before the first
 * @param failedRuns        how many of its runs failed in this service
 * @param windowOpen        whether one of its batch windows is open now (true without windows)
 * @param nextWindowOpensAt when one of its windows next opens (now when one is open); null without windows
 */
public record RetentionStatus(RetentionPolicy policy, boolean running, RetentionRun lastRun, Instant nextRunAt,
                              RetentionRun lastAttempt, Instant lastSuccessAt, long failedRuns, boolean windowOpen,
                              Instant nextWindowOpensAt) {
    public RetentionStatus {
        Objects.requireNonNull(policy, "policy");
    }

    /** A status without the run history and windows: only the last run. */
    public RetentionStatus(RetentionPolicy policy, boolean running, RetentionRun lastRun, Instant nextRunAt) {
        this(policy, running, lastRun, nextRunAt, lastRun == null || lastRun.outcome().skipped() ? null : lastRun,
                lastRun != null && lastRun.succeeded() ? lastRun.startedAt().plus(lastRun.elapsed()) : null,
                lastRun != null && lastRun.outcome() == RetentionRun.Outcome.FAILED ? 1 : 0, true, null);
    }

    /** Whether its last run that was not skipped failed: it is failing until a run succeeds. */
    public boolean failing() {
        return lastAttempt != null && lastAttempt.outcome() == RetentionRun.Outcome.FAILED;
    }

    /** The policy's name. */
    public String name() {
        return policy.name();
    }

    /** The policy's interval. */
    public Duration interval() {
        return policy.interval();
    }
}
