package dev.flowsweep.purge;

/**
 * Told about every purge transaction of a {@link LogPurger} that claimed runs or failed: for metrics (purge latency,
 * logs deleted, failures) and progress displays. Register it with
 * {@code LogPurger.builder(storage).listener(listener)}. The queue's state (pending, failed, age of the oldest) is
 * read with {@link LogPurger#pendingCount()}, {@link LogPurger#failedCount()} and {@link LogPurger#oldestPendingAge()}.
 *
 * <p>Called on the purger's thread, after the transaction committed or rolled back, so it should be quick. A
 * {@link RuntimeException} it throws is logged and ignored.
 */
@FunctionalInterface
public interface PurgeListener {
    /** Nothing. */
    PurgeListener NONE = batch -> { };

    /** One purge transaction ended. */
    void onBatch(PurgeBatch batch);
}
