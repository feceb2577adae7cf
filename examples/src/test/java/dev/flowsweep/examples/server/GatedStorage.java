package dev.flowsweep.examples.server;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.TransactionCallback;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A storage wrapper for tests: {@link #pause()} holds every new transaction until {@link #resume()} (and waits for
 * those in flight to end first); {@link #failNext()} makes the next transaction throw a storage failure.
 * Given to the log purger only, it lets a test hold the purge back deterministically, without sleeping.
 */
final class GatedStorage implements FlowsweepStorage {
    private final FlowsweepStorage delegate;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Supplier<? extends RuntimeException> failure;

    GatedStorage(FlowsweepStorage delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T inTransaction(TransactionCallback<T> work) {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw failure.get();
        }
        gate.readLock().lock();
        try {
            return delegate.inTransaction(work);
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Waits for the transactions in flight, then holds new ones back until {@link #resume()} (same thread). */
    void pause() {
        gate.writeLock().lock();
    }

    void resume() {
        gate.writeLock().unlock();
    }

    void failNext() {
        failNext(1, false);
    }

    /** The next {@code count} transactions fail; {@code transientFailure}: as a deadlock, which may succeed when retried. */
    void failNext(int count, boolean transientFailure) {
        failNextWith(count, transientFailure
                ? () -> new FlowsweepStorageException("simulated storage failure: deadlock detected",
                        new java.sql.SQLException("deadlock detected", "40P01"), true)
                : () -> new FlowsweepStorageException("simulated storage failure: connection refused",
                        new java.sql.SQLException("connection refused")));
    }

    /** The next {@code count} transactions throw what {@code failure} makes (before touching the storage). */
    void failNextWith(int count, Supplier<? extends RuntimeException> failure) {
        this.failure = failure;
        failuresLeft.set(count);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
