package dev.flowsweep.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one bulk delete did.
 *
 * @param deleted       the ids this call deleted, in {@code ID_DESC} order (unsigned UUID order, descending)
 * @param releasedSlots per concurrency limit id, how many deleted runs released a slot of it (active limits only;
 *                      {@code active_slots} itself never drops below 0)
 */
public record BulkDeleteResult(List<UUID> deleted, Map<UUID, Integer> releasedSlots) {
    public BulkDeleteResult {
        deleted = List.copyOf(deleted);
        releasedSlots = Map.copyOf(releasedSlots);
    }

    public static BulkDeleteResult empty() {
        return new BulkDeleteResult(List.of(), Map.of());
    }

    /** Slots released over all limits. */
    public int totalReleasedSlots() {
        return releasedSlots.values().stream().mapToInt(Integer::intValue).sum();
    }
}
