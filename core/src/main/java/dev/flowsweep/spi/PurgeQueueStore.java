package dev.flowsweep.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The log purge queue: one entry per deleted flow run whose logs are still to be deleted. In the JDBC adapter
 * it is a table, so a purge enqueued by a committed delete survives a crash and is claimed by whichever
 * instance sharing the database gets to it first.
 */
public interface PurgeQueueStore {
    /** Queues purges of these runs' logs, due at {@code now}; a run already queued stays queued once. */
    void enqueue(Collection<UUID> flowRunIds, Instant now);

    /**
     * {@link #enqueue(Collection, Instant)}, and when {@code archive} is not null the entries ask the purge to archive
     * the runs' logs under that batch before deleting them ({@link ArchiveStore#archiveLogs}).
     *
     * @throws UnsupportedOperationException by default, when {@code archive} is not null
     */
    default void enqueue(Collection<UUID> flowRunIds, Instant now, ArchiveBatch archive) {
        if (archive != null) {
            throw new UnsupportedOperationException(getClass().getName() + " cannot queue purges that archive logs");
        }
        enqueue(flowRunIds, now);
    }

    /**
     * Up to {@code max} queued purges due at {@code now} (next attempt at or before it), oldest first, locked for
     * this transaction; entries locked by another transaction are skipped, not waited for.
     */
    List<PurgeTask> claimDue(Instant now, int max);

    /** Removes these entries: their logs are gone. */
    void complete(Collection<UUID> flowRunIds);

    /** Records a failed attempt: attempts, error, when to try next, and whether it is now failed. */
    void recordFailure(UUID flowRunId, int attempts, String error, Instant nextAttemptAt, boolean failed);

    /** Makes every failed entry due at {@code now} again with its attempts reset; returns how many. */
    int retryFailed(Instant now);

    PurgeQueueStats stats();
}
