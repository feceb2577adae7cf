package dev.flowsweep.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What one run of a retention policy did.
 *
 * @param policy        the policy's name
 * @param outcome       how it ended
 * @param cutoff        runs that ended strictly before it were old enough; null when the policy has no age condition
 *                      or the run was skipped
 * @param startedAt     when it started, by the service's clock
 * @param elapsed       how long it took
 * @param batches       batches committed
 * @param deleted       runs deleted over all batches
 * @param releasedSlots per concurrency limit id, slots released over all batches
 * @param message       for a skipped run, who holds the policy or when its window opens; for a failed one, the error
 *                      (its cause); for one stopped by its window, when the window closed; otherwise null
 */
public record RetentionRun(String policy, Outcome outcome, Instant cutoff, Instant startedAt, Duration elapsed,
                           int batches, long deleted, Map<UUID, Integer> releasedSlots, String message) {

    /** How a run of a policy ended. */
    public enum Outcome {
        /** A batch came back short of the batch size: nothing old enough was left (as far as this run saw). */
        COMPLETED,
        /** The policy's time budget ran out; the batch in flight finished first. */
        TIME_BUDGET,
        /** The running thread was interrupted; the batch in flight finished first. */
        INTERRUPTED,
        /** The service was closing; the batch in flight finished first. */
        CLOSED,
        /** Renewing the lease failed (another instance took it over after it expired): this run stopped. */
        LEASE_LOST,
        /** A batch or the lease failed with a storage error; the batches before it stay committed. */
        FAILED,
        /** Its batch window closed; the batch in flight finished first, and the next opening goes on. */
        WINDOW_CLOSED,
        /** Not run: none of the policy's batch windows is open. */
        SKIPPED_OUTSIDE_WINDOW,
        /** Not run: this service was already running the policy. */
        SKIPPED_ALREADY_RUNNING,
        /** Not run: another instance sharing the storage holds the policy's lease. */
        SKIPPED_LEASE_HELD;

        /** Whether the run did not start at all. */
        public boolean skipped() {
            return this == SKIPPED_ALREADY_RUNNING || this == SKIPPED_LEASE_HELD || this == SKIPPED_OUTSIDE_WINDOW;
        }
    }

    /**
     * Whether the run ended as planned: it completed, or stopped at its time budget or its window's close. Failed,
     * interrupted, closed, lease-lost and skipped runs are not successes.
     */
    public boolean succeeded() {
        return outcome == Outcome.COMPLETED || outcome == Outcome.TIME_BUDGET || outcome == Outcome.WINDOW_CLOSED;
    }

    public RetentionRun {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(elapsed, "elapsed");
        releasedSlots = Map.copyOf(releasedSlots);
    }

    /** Slots released over all limits. */
    public int totalReleasedSlots() {
        return releasedSlots.values().stream().mapToInt(Integer::intValue).sum();
    }
}
