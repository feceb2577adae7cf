package dev.flowsweep.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One committed deletion: what a {@link DeletionListener} is told after a bulk delete, a single delete, a drain
 * batch or a retention batch committed and deleted at least one run.
 *
 * @param reason          why: {@code BULK_DELETE}, {@code DELETE_BY_ID}, {@code DRAIN} or {@code RETENTION:<policy>}
 * @param actor           who asked, as the caller passed it (e.g. a user name); null when none was given
 * @param runIds          the runs this transaction deleted, in {@code ID_DESC} order; never empty
 * @param releasedSlots   per concurrency limit id, how many slots this transaction released
 * @param purgesEnqueued  how many log purges this transaction queued (one per deleted run): their logs are deleted
 *                        asynchronously by a {@code LogPurger}
 * @param committedAt     the deleting service's clock just after commit
 * @param elapsed         how long the call took up to that commit, by the same clock, transient retries included (a
 *                        bulk delete's latency; for a drain or a retention run, its batch's); never negative
 */
public record DeletionEvent(DeletionReason reason, String actor, List<UUID> runIds, Map<UUID, Integer> releasedSlots,
                            int purgesEnqueued, Instant committedAt, Duration elapsed) {
    public DeletionEvent {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(elapsed, "elapsed");
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative, was " + elapsed);
        }
        runIds = List.copyOf(runIds);
        releasedSlots = Map.copyOf(releasedSlots);
        Objects.requireNonNull(committedAt, "committedAt");
        if (runIds.isEmpty()) {
            throw new IllegalArgumentException("a deletion event names at least one run");
        }
    }

    /** Slots released over all limits. */
    public int totalReleasedSlots() {
        return releasedSlots.values().stream().mapToInt(Integer::intValue).sum();
    }
}
