package dev.flowsweep.retention;

import dev.flowsweep.filter.FlowRunFilter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a retention policy would delete if it ran now: nothing was changed or locked. A run that follows deletes
 * the same runs if the data and the cutoff do not change in between (new runs may grow old enough meanwhile).
 *
 * @param policy    the policy's name
 * @param cutoff    runs that ended strictly before it are old enough; null when the policy has no age condition
 * @param filter    the filter the run would delete by (the policy's filter with its conditions added)
 * @param matching  how many runs match now
 * @param firstIds  the first matching ids in the order the batches would delete them ({@code ID_DESC}), at most
 *                  the number asked for
 * @param batchSize runs per batch
 */
public record RetentionPreview(String policy, Instant cutoff, FlowRunFilter filter, long matching, List<UUID> firstIds,
                               int batchSize) {
    public RetentionPreview {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(filter, "filter");
        firstIds = List.copyOf(firstIds);
    }

    /** How many batches that delete something a run would commit: {@code ceil(matching / batchSize)}. */
    public long batches() {
        return (matching + batchSize - 1) / batchSize;
    }
}
