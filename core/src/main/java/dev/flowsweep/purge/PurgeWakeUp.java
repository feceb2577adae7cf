package dev.flowsweep.purge;

import java.util.List;
import java.util.UUID;

/**
 * What a {@code BulkDeleteService} tells the log purge after each commit that deleted runs: the ids of the runs whose
 * purge that transaction queued. {@link LogPurger} implements it; pass it with
 * {@code BulkDeleteService.builder(storage).logPurger(purger)}.
 *
 * <p>The queue rows written in the committed transaction are the durable record of what is to purge; this call is
 * only a hand-off that makes the purge start sooner and skip the scan of the queue. An implementation may ignore the
 * ids and look at the queue, or purge these runs' logs at once, in process (the {@link LogPurger} does): it must then
 * still remove their queue rows in the same transaction as the logs (the {@link LogPurger} claims them by deleting
 * them), and leave the rows in place when it fails, so that a crash between the commit and the purge loses nothing. Purges queued by other processes sharing the database reach no wake-up: the purger's polling finds
 * them.
 *
 * <p>Called on the deleting thread, after commit: it must not block. A {@link RuntimeException} it throws is logged
 * and does not undo or fail the deletion.
 */
@FunctionalInterface
public interface PurgeWakeUp {
    /**
     * Purges were queued for these runs by a transaction that committed.
     *
     * @param flowRunIds the deleted runs, in the order the transaction reported them ({@code ID_DESC}); never empty
     */
    void purgesQueued(List<UUID> flowRunIds);
}
