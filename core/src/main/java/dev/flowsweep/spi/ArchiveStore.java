package dev.flowsweep.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The archive: JSON documents of deleted rows, written in the deleting transaction before the rows go
 * (docs/CONTRACT.md, "Archive"). In the JDBC adapter it is Flowsweep's own table {@code <prefix>archive}, and the
 * documents are built by the database ({@code INSERT … SELECT}, one statement per table), so no row crosses the wire.
 */
public interface ArchiveStore {

    /**
     * Archives these runs (locked by this transaction, not yet changed) and what goes with them: their task runs and,
     * on Prefect's layout, their flow run and task run states. Call it before anything of theirs is deleted or
     * changed. Runs that do not exist are skipped.
     *
     * @return how many documents were written
     */
    int archiveRuns(ArchiveBatch batch, Collection<UUID> flowRunIds, Instant archivedAt);

    /**
     * Archives the logs of the runs of these claimed purge entries that ask for it ({@link PurgeTask#archive()}, set
     * by {@link PurgeQueueStore#enqueue(Collection, Instant, ArchiveBatch)}), under that entry's batch, reason and
     * actor; logs archived before are skipped, so a purge that takes several transactions archives each log once.
     * Called by the purge, after it has taken the entries and before it deletes the logs.
     *
     * @return how many documents were written
     */
    int archiveLogs(Collection<PurgeTask> tasks, Instant archivedAt);

    /** The batches, newest first (by their first row), at most {@code max}. */
    List<ArchiveBatchSummary> batches(int max);

    /**
     * Streams every archived document archived before {@code before} (null: all) in id order to {@code sink},
     * without holding them in memory (a cursor; the JDBC adapter reads with a fetch size).
     *
     * @return how many were streamed
     */
    long export(Instant before, Consumer<ArchivedDocument> sink);

    /** How many documents are archived, before {@code before} (null: all). */
    long count(Instant before);

    /**
     * Deletes at most {@code maxRows} documents archived strictly before {@code before}; fewer than {@code maxRows}
     * means none is left.
     */
    int drop(Instant before, int maxRows);
}
