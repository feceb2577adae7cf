package dev.flowsweep.service;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * What a drain did and why it stopped.
 *
 * @param releasedSlots per limit id, slots released over all batches
 */
public record DrainResult(int batches, long deleted, Map<UUID, Integer> releasedSlots, StopReason stopReason,
                          Duration elapsed) {

    /** Why a drain stopped. */
    public enum StopReason {
        /** A batch came back short of the batch size: nothing matching is left (as far as this drain saw). */
        EXHAUSTED,
        /** The draining thread was interrupted; the batch in flight finished first. */
        INTERRUPTED,
        /** The time budget ran out; the batch in flight finished first. */
        TIME_BUDGET
    }

    public DrainResult {
        releasedSlots = Map.copyOf(releasedSlots);
    }
}
