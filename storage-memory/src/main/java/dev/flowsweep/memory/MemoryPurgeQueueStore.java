package dev.flowsweep.memory;

import dev.flowsweep.model.Uuids;
import dev.flowsweep.spi.ArchiveBatch;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spi.PurgeQueueStore;
import dev.flowsweep.spi.PurgeTask;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The purge queue in memory. <strong>Not durable:</strong> purges still queued when the JVM stops are lost
 * together with the logs they would have deleted, since both live only in this storage.
 */
final class MemoryPurgeQueueStore implements PurgeQueueStore {
    private static final Comparator<PurgeEntry> OLDEST_FIRST =
            Comparator.comparing(PurgeEntry::enqueuedAt).thenComparing(PurgeEntry::flowRunId, Uuids.ORDER);

    private final MemoryTransaction tx;

    MemoryPurgeQueueStore(MemoryTransaction tx) {
        this.tx = tx;
    }

    /** A run already queued keeps its entry as it is (attempts, due time, failure). */
    @Override
    public void enqueue(Collection<UUID> flowRunIds, Instant now) {
        enqueue(flowRunIds, now, null);
    }

    /** A run already queued keeps its entry; a new one asks for its logs to be archived when {@code archive} is set. */
    @Override
    public void enqueue(Collection<UUID> flowRunIds, Instant now, ArchiveBatch archive) {
        Objects.requireNonNull(now, "now");
        Tables t = tx.tables();
        for (UUID id : flowRunIds) {
            if (!t.purgeQueue.containsKey(id)) {
                t.putPurge(new PurgeEntry(id, now, 0, now, false, null, archive));
            }
        }
    }

    /** Due entries, failed ones included (they come due on the slow schedule), oldest first. */
    @Override
    public List<PurgeTask> claimDue(Instant now, int max) {
        Objects.requireNonNull(now, "now");
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        List<PurgeEntry> due = new ArrayList<>();
        for (PurgeEntry e : tx.tables().purgeQueue.values()) {
            if (!e.nextAttemptAt().isAfter(now)) {
                due.add(e);
            }
        }
        due.sort(OLDEST_FIRST);
        List<PurgeTask> result = new ArrayList<>();
        for (PurgeEntry e : due.subList(0, Math.min(max, due.size()))) {
            result.add(e.toTask());
        }
        return List.copyOf(result);
    }

    /** The due entries of these runs, removed, oldest first (the transaction holds every "row" alone). */
    @Override
    public List<PurgeTask> take(Collection<UUID> flowRunIds, Instant now) {
        Objects.requireNonNull(now, "now");
        Tables t = tx.tables();
        List<PurgeEntry> taken = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(flowRunIds)) {
            PurgeEntry e = t.purgeQueue.get(id);
            if (e != null && !e.nextAttemptAt().isAfter(now)) {
                taken.add(e);
            }
        }
        taken.sort(OLDEST_FIRST);
        List<PurgeTask> result = new ArrayList<>(taken.size());
        for (PurgeEntry e : taken) {
            t.removePurge(e.flowRunId());
            result.add(e.toTask());
        }
        return List.copyOf(result);
    }

    /** The entries as they were, due at {@code dueAt}. */
    @Override
    public void putBack(Collection<PurgeTask> tasks, Instant dueAt) {
        Objects.requireNonNull(dueAt, "dueAt");
        Tables t = tx.tables();
        for (PurgeTask task : tasks) {
            t.putPurge(new PurgeEntry(task.flowRunId(), task.enqueuedAt(), task.attempts(), dueAt, task.failed(),
                    task.lastError(), task.archive()));
        }
    }

    @Override
    public void complete(Collection<UUID> flowRunIds) {
        Tables t = tx.tables();
        for (UUID id : flowRunIds) {
            t.removePurge(id);
        }
    }

    /** Updates the entry; an entry no longer queued (completed meanwhile) stays gone. */
    @Override
    public void recordFailure(UUID flowRunId, int attempts, String error, Instant nextAttemptAt, boolean failed) {
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Tables t = tx.tables();
        PurgeEntry e = t.purgeQueue.get(flowRunId);
        if (e != null) {
            t.putPurge(e.with(attempts, nextAttemptAt, failed, error));
        }
    }

    @Override
    public int retryFailed(Instant now) {
        Objects.requireNonNull(now, "now");
        Tables t = tx.tables();
        List<PurgeEntry> failed = new ArrayList<>();
        for (PurgeEntry e : t.purgeQueue.values()) {
            if (e.failed()) {
                failed.add(e);
            }
        }
        for (PurgeEntry e : failed) {
            t.putPurge(e.with(0, now, false, e.lastError()));
        }
        return failed.size();
    }

    @Override
    public PurgeQueueStats stats() {
        long pending = 0;
        long failed = 0;
        Instant oldest = null;
        for (PurgeEntry e : tx.tables().purgeQueue.values()) {
            if (e.failed()) {
                failed++;
            } else {
                pending++;
            }
            if (oldest == null || e.enqueuedAt().isBefore(oldest)) {
                oldest = e.enqueuedAt();
            }
        }
        return new PurgeQueueStats(pending, failed, oldest);
    }
}
