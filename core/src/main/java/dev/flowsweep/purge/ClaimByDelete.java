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
 * The purge transaction: claims by deleting — removes the queue rows it claims
 * ({@link dev.flowsweep.spi.PurgeQueueStore#take} for runs handed over in process,
 * {@link dev.flowsweep.spi.PurgeQueueStore#takeDue} for the oldest due rows, rows locked by another instance skipped)
 * — then deletes their logs in statements of at most {@code maxRowsPerStatement} rows, in the same transaction: the
 * commit removes the logs and the rows together, with no statement to complete them, and a rollback (a failed delete,
 * a crash) puts the rows back as they were, attempts included. It stops after {@code maxRowsPerTransaction} rows and
 * puts the rows back ({@link dev.flowsweep.spi.PurgeQueueStore#putBack}, due at once): the next transaction continues
 * where it stopped, so a run with millions of logs never makes one huge transaction.
 */
final class ClaimByDelete implements PurgeTransaction {
    private static final Logger log = LoggerFactory.getLogger(LogPurger.class);

    private final int maxRowsPerStatement;
    private final int maxRowsPerTransaction;

    ClaimByDelete(int maxRowsPerStatement, int maxRowsPerTransaction) {
        this.maxRowsPerStatement = maxRowsPerStatement;
        this.maxRowsPerTransaction = maxRowsPerTransaction;
    }

    @Override
    public Done purge(StorageTransaction tx, Instant now, Claim claim, Consumer<List<PurgeTask>> claimed) {
        List<PurgeTask> tasks = claim.handedOver() ? tx.purgeQueue().take(claim.runs(), now)
                : tx.purgeQueue().takeDue(now, claim.max());
        claimed.accept(List.copyOf(tasks));
        if (tasks.isEmpty()) {
            return new Done(Kind.NOTHING_DUE, 0, 0);
        }
        List<UUID> ids = new ArrayList<>(tasks.size());
        List<PurgeTask> archiving = new ArrayList<>();
        for (PurgeTask task : tasks) {
            ids.add(task.flowRunId());
            if (task.archiveLogs()) {
                archiving.add(task);
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
                log.debug("purged {} log(s) of {} deleted run(s)", rows, ids.size());
                return new Done(Kind.COMPLETED, tasks.size(), rows);
            }
            if (rows >= maxRowsPerTransaction) {
                tx.purgeQueue().putBack(tasks, now);
                log.debug("purged {} log(s) of {} deleted run(s); more left", rows, ids.size());
                return new Done(Kind.ROW_CAP_REACHED, tasks.size(), rows);
            }
        }
    }
}
