package dev.flowsweep.purge;

import dev.flowsweep.spi.PurgeTask;
import dev.flowsweep.spi.StorageTransaction;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What one purge transaction does, inside the storage transaction it is given: the one replaceable unit of the log
 * purge. The {@link LogPurger} around it decides when to run one and on which runs (hand-offs, wake-ups, polling) and
 * what to do after one failed (the {@link Backoff}, one run per transaction); a unit only claims and deletes.
 *
 * <p>{@link ClaimByDelete} is the unit used today: it claims by removing the queue rows (due rows, or the rows of runs
 * handed over in process) in the same transaction as it deletes their logs, so a commit removes both and a rollback
 * restores both. Whatever a unit does, it must leave the queue rows of runs whose logs are not all deleted when its
 * transaction commits, and must report what it claimed before anything that may fail, so that a failure can be
 * recorded against those runs after the rollback.
 */
interface PurgeTransaction {
    /**
     * Claims purges due at {@code now} and deletes their logs, in {@code tx}.
     *
     * @param claim   which purges: the runs handed over, or the oldest due ones
     * @param claimed told the claimed purges as soon as they are claimed, before logs are deleted
     * @return what the transaction did, to be committed
     */
    Done purge(StorageTransaction tx, Instant now, Claim claim, Consumer<List<PurgeTask>> claimed);

    /**
     * Which purges a transaction claims.
     *
     * @param runs the runs handed over in process (their due entries are claimed), or null for the oldest due entries
     * @param max  for {@code runs == null}: how many entries at most
     */
    record Claim(List<UUID> runs, int max) {
        static Claim due(int max) {
            return new Claim(null, max);
        }

        static Claim handedOver(List<UUID> runs) {
            return new Claim(List.copyOf(runs), runs.size());
        }

        boolean handedOver() {
            return runs != null;
        }
    }

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
