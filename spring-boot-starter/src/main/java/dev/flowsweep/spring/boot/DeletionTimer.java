package dev.flowsweep.spring.boot;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.TransactionCallback;

import java.util.Objects;

/**
 * Times the storage transactions of the {@code BulkDeleteService} the starter builds, per thread, so that a
 * {@code DeletionListener} can tell how long the deleting transaction took: the service tells its listeners on the
 * deleting thread right after that transaction committed, so {@link #lastCommittedNanos()} read in the listener is
 * that transaction's time, from its start to its commit (a retried transaction: its last attempt). Costs two
 * {@link System#nanoTime()} calls per transaction.
 */
public final class DeletionTimer {
    private final ThreadLocal<long[]> last = ThreadLocal.withInitial(() -> new long[] {-1});

    /** {@code storage}, with each transaction timed. Closing the result does not close {@code storage}. */
    public FlowsweepStorage timed(FlowsweepStorage storage) {
        Objects.requireNonNull(storage, "storage");
        return new FlowsweepStorage() {
            @Override
            public <T> T inTransaction(TransactionCallback<T> work) {
                long[] slot = last.get();
                slot[0] = -1;
                long start = System.nanoTime();
                T result = storage.inTransaction(work);
                slot[0] = System.nanoTime() - start;
                return result;
            }

            @Override
            public String describe() {
                return storage.describe();
            }

            @Override
            public String toString() {
                return storage.toString();
            }
        };
    }

    /** How long the last transaction this thread committed through {@link #timed} took, in nanoseconds; -1 if none. */
    public long lastCommittedNanos() {
        return last.get()[0];
    }
}
