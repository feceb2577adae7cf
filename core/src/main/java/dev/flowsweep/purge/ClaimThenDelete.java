package dev.flowsweep.purge;

import dev.flowsweep.spi.PurgeTask;
import dev.flowsweep.spi.StorageTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The purge transaction used today: claims up to {@code maxRuns} due queue rows
 * ({@link dev.flowsweep.spi.PurgeQueueStore#claimDue}, oldest first, rows locked by another instance skipped),
 * deletes their logs in statements of at most {@code maxRowsPerStatement} rows, and removes the rows when no log is
 * left. It stops after {@code maxRowsPerTransaction} rows: the rows then stay queued and the next transaction
 * continues where it stopped, so a run with millions of logs never makes one huge transaction.
 */
final class ClaimThenDelete implements PurgeTransaction {
    private static final Logger log = LoggerFactory.getLogger(LogPurger.class);

    private final int maxRowsPerStatement;
    private final int maxRowsPerTransaction;

    ClaimThenDelete(int maxRowsPerStatement, int maxRowsPerTransaction) {
        this.maxRowsPerStatement = maxRowsPerStatement;
        this.maxRowsPerTransaction = maxRowsPerTransaction;
    }

    @Override
    public Done purge(StorageTransaction tx, Instant now, int maxRuns, Consumer<List<PurgeTask>> claimed) {
        List<PurgeTask> tasks = tx.purgeQueue().claimDue(now, maxRuns);
        claimed.accept(List.copyOf(tasks));
        if (tasks.isEmpty()) {
            return new Done(Kind.NOTHING_DUE, 0, 0);
        }
        List<UUID> ids = new ArrayList<>(tasks.size());
        List<UUID> archiving = new ArrayList<>();
        for (PurgeTask task : tasks) {
            ids.add(task.flowRunId());
            if (task.archiveLogs()) {
                archiving.add(task.flowRunId());
            }
        }
        if (!archiving.isEmpty()) {
            tx.archive().archiveLogs(archiving, now);   // before the deletes; each log once (docs/CONTRACT.md, "Archive")
        }
        long rows = 0;
        while (true) {
            int max = (int) Math.min(maxRowsPerStatement, maxRowsPerTransaction - rows);
            int deleted = tx.logs().deleteByFlowRunIds(ids, max);
            rows += deleted;
            if (deleted < max) {
                tx.purgeQueue().complete(ids);
                log.debug("purged {} log(s) of {} deleted run(s)", rows, ids.size());
                return new Done(Kind.COMPLETED, tasks.size(), rows);
            }
            if (rows >= maxRowsPerTransaction) {
                log.debug("purged {} log(s) of {} deleted run(s); more left", rows, ids.size());
                return new Done(Kind.ROW_CAP_REACHED, tasks.size(), rows);
            }
        }
    }
}
