package dev.flowsweep.retention;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The lifecycle of a {@link RetentionService}: started, closing, and how many runs (policy runs, sweeps) are in
 * flight, on any thread, so that {@link RetentionService#close()} can wait for them. A run in flight stops before its
 * next batch once closing starts, and a pause between batches ends at once.
 */
final class Lifecycle {
    /** Guards {@link #started}, {@link #active} and what the service schedules; notified when a run ends. */
    private final Object monitor = new Object();
    private final CountDownLatch closeSignal = new CountDownLatch(1);
    private boolean started;
    private volatile boolean closing;
    private int active;

    /**
     * Starts once: runs {@code schedule} under the lock the first time.
     *
     * @return false when started already
     * @throws IllegalStateException when closing
     */
    boolean start(Runnable schedule) {
        synchronized (monitor) {
            if (closing) {
                throw closed();
            }
            if (started) {
                return false;
            }
            started = true;
            schedule.run();
            return true;
        }
    }

    /**
     * Starts closing once: runs {@code cancel} under the lock, then wakes the pauses.
     *
     * @return false when closing already
     */
    boolean close(Runnable cancel) {
        synchronized (monitor) {
            if (closing) {
                return false;
            }
            closing = true;
            cancel.run();
        }
        closeSignal.countDown();
        return true;
    }

    boolean isClosing() {
        return closing;
    }

    /** @throws IllegalStateException when closing */
    void checkOpen() {
        if (closing) {
            throw closed();
        }
    }

    private static IllegalStateException closed() {
        return new IllegalStateException("RetentionService is closed");
    }

    /** Runs {@code read} under the lock (reads of what {@link #start} and {@link #close} change). */
    <T> T underLock(Supplier<T> read) {
        synchronized (monitor) {
            return read.get();
        }
    }

    /** A run begins. */
    void enter() {
        synchronized (monitor) {
            active++;
        }
    }

    /** A run ends. */
    void exit() {
        synchronized (monitor) {
            active--;
            monitor.notifyAll();
        }
    }

    /** Waits until no run is in flight or the deadline ({@link System#nanoTime()}); false at the deadline. */
    boolean awaitNoActive(long deadline) throws InterruptedException {
        synchronized (monitor) {
            while (active > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, remaining);
            }
            return true;
        }
    }

    /** Waits for the pause or until closing; false when closing or interrupted (flag kept). */
    boolean pause(Duration pause) {
        try {
            return !closeSignal.await(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
