package dev.flowsweep.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The log purge queue: one entry per deleted flow run whose logs are still to be deleted. In the JDBC adapter
 * it is a table, so a purge enqueued by a committed delete survives a crash and is claimed by whichever
 * instance sharing the database gets to it first. The log purge claims entries by removing them
 * ({@link #takeDue}, {@link #take}) in the transaction that deletes their logs, so that one commit removes both and a
 * rollback restores both.
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

    /**
     * Claims by deleting: removes up to {@code max} entries due at {@code now}, chosen as {@link #claimDue} chooses
     * them (oldest first, entries locked by another transaction skipped, not waited for), and returns them as they
     * were. The removal belongs to this transaction: when it rolls back (a failed log delete, a crash) the entries are
     * queued again exactly as they were, attempts included; when it commits, they are gone with the logs deleted in
     * it, with no second statement to complete them. Default: {@link #claimDue} then {@link #complete}.
     */
    default List<PurgeTask> takeDue(Instant now, int max) {
        List<PurgeTask> tasks = claimDue(now, max);
        List<UUID> ids = new ArrayList<>(tasks.size());
        for (PurgeTask t : tasks) {
            ids.add(t.flowRunId());
        }
        complete(ids);
        return tasks;
    }

    /**
     * Claims these runs by deleting: as {@link #takeDue}, but only the entries of {@code flowRunIds} (runs handed over
     * in process by the transaction that queued them) that are due at {@code now} and not locked by another
     * transaction; a run no longer queued (purged by another instance meanwhile) is not returned. Returned oldest
     * first. Default: the due entries from {@link #claimDue}, then {@link #complete} of the ones asked for; adapters
     * override it with a lookup by key.
     */
    default List<PurgeTask> take(Collection<UUID> flowRunIds, Instant now) {
        Set<UUID> wanted = new HashSet<>(flowRunIds);
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<PurgeTask> taken = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (PurgeTask t : claimDue(now, Integer.MAX_VALUE)) {
            if (wanted.contains(t.flowRunId())) {
                taken.add(t);
                ids.add(t.flowRunId());
            }
        }
        complete(ids);
        return taken;
    }

    /**
     * Queues again, in this transaction, entries this transaction {@linkplain #takeDue took} and could not finish
     * (the purge stopped at its row cap): each keeps its enqueue time, attempts, failure and error, due at
     * {@code dueAt}. Default: {@link #enqueue} then {@link #recordFailure} of each.
     */
    default void putBack(Collection<PurgeTask> tasks, Instant dueAt) {
        for (PurgeTask t : tasks) {
            if (t.archive() == null) {
                enqueue(List.of(t.flowRunId()), t.enqueuedAt());
            } else {
                enqueue(List.of(t.flowRunId()), t.enqueuedAt(), t.archive());
            }
            recordFailure(t.flowRunId(), t.attempts(), t.lastError(), dueAt, t.failed());
        }
    }

    /** Removes these entries: their logs are gone. */
    void complete(Collection<UUID> flowRunIds);

    /** Records a failed attempt: attempts, error, when to try next, and whether it is now failed. */
    void recordFailure(UUID flowRunId, int attempts, String error, Instant nextAttemptAt, boolean failed);

    /** Makes every failed entry due at {@code now} again with its attempts reset; returns how many. */
    int retryFailed(Instant now);

    PurgeQueueStats stats();
}
