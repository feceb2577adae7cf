package dev.flowsweep.service;

import dev.flowsweep.spi.DeletionImpact;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A dry run with per-table counts ({@link BulkDeleteService#preview}): what a delete would remove if it ran now.
 * Nothing was changed or locked; a delete that follows removes the same rows if the data does not change in between.
 *
 * @param matching      how many runs match the filter now
 * @param runs          how many of them the delete would take (at most its limit)
 * @param firstIds      the first of those, in deletion order ({@code ID_DESC}), at most the number asked for
 * @param impact        per table, how many rows it would remove ({@link DeletionImpact}; logs by the purge after it)
 * @param releasedSlots per concurrency limit id, how many slots it would release (active limits only)
 */
public record DeletionPreview(long matching, long runs, List<UUID> firstIds, DeletionImpact impact,
                              Map<UUID, Integer> releasedSlots) {
    public DeletionPreview {
        firstIds = List.copyOf(firstIds);
        Objects.requireNonNull(impact, "impact");
        releasedSlots = Map.copyOf(releasedSlots);
    }

    /** Slots released over all limits. */
    public int totalReleasedSlots() {
        return releasedSlots.values().stream().mapToInt(Integer::intValue).sum();
    }
}
