package dev.flowsweep.purge;

import dev.flowsweep.batch.BatchExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When the purger works: a pass at start, on every wake-up and hand-off, when a retry becomes due, and every poll
 * interval; never two passes at once, whatever the executor. Requests are counted: the request that moves the count
 * from 0 submits the run loop, which runs passes until the count drops back to 0, so no request is lost between the
 * loop's last pass and its end. A pass is told whether a queue scan was asked for since the last one ({@link #request});
 * a hand-off ({@link #kick}) asks only for the runs handed over.
 */
final class PurgeScheduler {
    private static final Logger log = LoggerFactory.getLogger(LogPurger.class);

    private final BatchExecutor executor;
    private final Duration pollInterval;
    private final Pass pass;

    /** Guards the lifecycle fields and {@link #activeLoops}; notified whenever a run loop ends. */
    private final Object monitor = new Object();
    private volatile boolean started;
    private volatile boolean closing;
    private ScheduledFuture<?> pollFuture;
    private ScheduledFuture<?> retryWake;
    private int activeLoops;
    private long loopsEnded;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean scan = new AtomicBoolean();

    /** One pass of the purger. */
    @FunctionalInterface
    interface Pass {
        /** @param scanQueue whether to look at the queue, beyond the runs handed over */
        void run(boolean scanQueue);
    }

    PurgeScheduler(BatchExecutor executor, Duration pollInterval, Pass pass) {
        this.executor = executor;
        this.pollInterval = pollInterval;
        this.pass = pass;
    }

    /**
     * Starts polling and asks for a first pass.
     *
     * @return false when it was started already
     * @throws IllegalStateException when closed
     */
    boolean start() {
        synchronized (monitor) {
            if (closing) {
                throw new IllegalStateException("LogPurger is closed");
            }
            if (started) {
                return false;
            }
            started = true;
            long pollNanos = pollInterval.toNanos();
            pollFuture = executor.executor().scheduleWithFixedDelay(this::request, pollNanos, pollNanos,
                    TimeUnit.NANOSECONDS);
        }
        log.debug("log purger started on {}", executor.describe());
        request();
        return true;
    }

    boolean isClosing() {
        return closing;
    }

    /** Whether started and not closing: requests are served. */
    boolean running() {
        return started && !closing;
    }

    /**
     * Asks for a pass that scans the queue soon; does nothing before start or after close. Never blocks, never throws.
     */
    void request() {
        scan.set(true);
        kick();
    }

    /** Asks for a pass soon, for the runs handed over only; as {@link #request} otherwise. */
    void kick() {
        if (!started || closing) {
            return;
        }
        if (requests.getAndIncrement() == 0) {
            try {
                executor.executor().execute(this::runLoop);
            } catch (RejectedExecutionException e) {
                requests.set(0);
                log.warn("log purge not scheduled: the executor refused it ({})", e.toString());
            }
        }
    }

    private void runLoop() {
        synchronized (monitor) {
            activeLoops++;
        }
        boolean drained = false;
        try {
            int served = requests.get();
            while (!closing) {
                try {
                    pass.run(scan.getAndSet(false));
                } catch (RuntimeException e) {
                    log.error("log purge pass failed", e);
                }
                if (requests.addAndGet(-served) == 0) {
                    drained = true;
                    return;
                }
                served = requests.get();
            }
        } finally {
            if (!drained) {
                requests.set(0);
            }
            synchronized (monitor) {
                activeLoops--;
                loopsEnded++;
                monitor.notifyAll();
            }
        }
    }

    /**
     * Makes sure a pass runs when a retry {@code delay} from now becomes due. Delays of a poll interval or more need
     * nothing: the poll finds them. Keeps an earlier wake-up already scheduled.
     */
    void wakeAfter(Duration delay) {
        if (delay.compareTo(pollInterval) >= 0) {
            return;
        }
        long nanos = Math.max(0, delay.toNanos());
        synchronized (monitor) {
            if (closing || !started) {
                return;
            }
            if (retryWake != null && !retryWake.isDone()) {
                if (retryWake.getDelay(TimeUnit.NANOSECONDS) <= nanos) {
                    return;
                }
                retryWake.cancel(false);
            }
            try {
                retryWake = executor.executor().schedule(this::request, nanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                log.debug("retry wake-up not scheduled: {}", e.toString());
            }
        }
    }

    /** Whether a run loop is running or about to. */
    boolean busy() {
        synchronized (monitor) {
            return activeLoops > 0 || requests.get() > 0;
        }
    }

    /** How many run loops have ended: a value to pass to {@link #awaitLoopEnd}. */
    long loopsEnded() {
        synchronized (monitor) {
            return loopsEnded;
        }
    }

    /** Waits up to {@code nanos} unless a run loop ended since {@code seen} was read. */
    void awaitLoopEnd(long seen, long nanos) throws InterruptedException {
        synchronized (monitor) {
            if (loopsEnded == seen) {
                TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
            }
        }
    }

    /**
     * Stops: cancels the poll and the retry wake-up, then waits up to {@code timeout} for the pass in flight (an
     * owned executor is shut down and, after the timeout, interrupted). Calling it again does nothing. If the
     * calling thread is interrupted while waiting, it stops waiting and keeps its interrupt flag.
     */
    void close(Duration timeout) {
        synchronized (monitor) {
            if (closing) {
                return;
            }
            closing = true;
            if (pollFuture != null) {
                pollFuture.cancel(false);
            }
            if (retryWake != null) {
                retryWake.cancel(false);
            }
        }
        try {
            if (executor.owned()) {
                if (!executor.shutdown(timeout)) {
                    log.warn("log purge transaction still running after {}; interrupted it", timeout);
                }
            } else if (!awaitNoActiveLoop(System.nanoTime() + timeout.toNanos())) {
                log.warn("log purge transaction still running after {}; leaving it to finish on the host's executor",
                        timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitNoActiveLoop(long deadline) throws InterruptedException {
        synchronized (monitor) {
            while (activeLoops > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, remaining);
            }
            return true;
        }
    }
}
