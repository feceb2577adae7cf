package dev.flowsweep.purge;

import dev.flowsweep.spi.PurgeTask;
import dev.flowsweep.spi.StorageTransaction;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one purge transaction does, inside the storage transaction it is given: the one replaceable unit of the log
 * purge. The {@link LogPurger} around it decides when to run one (wake-ups, polling) and what to do after one failed
 * (the {@link Backoff}, one run per transaction); a unit only claims, deletes and completes.
 *
 * <p>{@link ClaimThenDelete} is the unit used today: claim due queue rows (locked, skip locked), delete their logs in
 * bounded statements, remove the rows when no log is left. Another unit can replace it without touching the rest,
 * for instance one that claims <em>by deleting</em> the queue rows (one statement removes the claimed rows in the
 * same transaction as the logs, so a rollback puts them back), or one that first takes the runs handed over in
 * process by {@link PurgeWakeUp#purgesQueued}. Whatever it does, a unit must leave the queue rows of runs whose logs
 * are not all deleted when its transaction commits, and must report what it claimed before anything that may fail,
 * so that a failure can be recorded against those runs after the rollback.
 */
interface PurgeTransaction {
    /**
     * Claims up to {@code maxRuns} purges due at {@code now} and deletes their logs, in {@code tx}.
     *
     * @param claimed told the claimed purges as soon as they are claimed, before logs are deleted
     * @return what the transaction did, to be committed
     */
    Done purge(StorageTransaction tx, Instant now, int maxRuns, Consumer<List<PurgeTask>> claimed);

    /** How a purge transaction ended (when it did not throw). */
    enum Kind {
        /** Nothing was due. */
        NOTHING_DUE,
        /** The claimed runs have no logs left and left the queue. */
        COMPLETED,
        /** The transaction stopped at its row cap; the claimed runs stay queued for the next one. */
        ROW_CAP_REACHED
    }

    /**
     * What a purge transaction did.
     *
     * @param kind        how it ended
     * @param runs        runs it claimed
     * @param logsDeleted logs it deleted
     */
    record Done(Kind kind, int runs, long logsDeleted) {
    }
}
