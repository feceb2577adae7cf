package dev.flowsweep.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The state of one policy in a {@link RetentionService}.
 *
 * @param policy    the policy
 * @param running   whether this service is running it right now
 * @param lastRun   its last finished run in this service (skipped ones included); null before the first
 * @param nextRunAt when the schedule runs it next; null when the service is not started or is closed
 */
public record RetentionStatus(RetentionPolicy policy, boolean running, RetentionRun lastRun, Instant nextRunAt) {
    public RetentionStatus {
        Objects.requireNonNull(policy, "policy");
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
