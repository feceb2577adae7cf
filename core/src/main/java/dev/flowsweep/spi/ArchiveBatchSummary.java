package dev.flowsweep.spi;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One archive batch as {@code archive list} shows it.
 *
 * @param batchId    the batch
 * @param firstAt    when its first row was archived
 * @param lastAt     when its last row was archived (its logs are archived later, by the purge)
 * @param reason     the deletion reason's audit code
 * @param actor      nullable
 * @param countByKind documents per kind ({@code flow_run}, {@code task_run}, {@code log}, …), kinds sorted
 */
public record ArchiveBatchSummary(UUID batchId, Instant firstAt, Instant lastAt, String reason, String actor,
                                  Map<String, Long> countByKind) {
    public ArchiveBatchSummary {
        countByKind = Map.copyOf(countByKind);
    }

    /** All documents of the batch. */
    public long total() {
        return countByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
