package dev.flowsweep.batch;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where a background component runs its work: the host's {@link ScheduledExecutorService}, which the component
 * never shuts down, or one daemon thread of its own, which {@link #shutdown(Duration)} stops. Used by the
 * {@code LogPurger} and the {@code RetentionService}.
 *
 * <p>Thread-safe.
 */
public final class BatchExecutor {
    private final ScheduledExecutorService executor;
    private final boolean owned;

    private BatchExecutor(ScheduledExecutorService executor, boolean owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /**
     * The host's executor when there is one, otherwise a new single-thread executor on a daemon thread named
     * {@code threadName}.
     *
     * @param host       the host's executor; null to own a thread
     * @param threadName the name of the owned thread
     */
    public static BatchExecutor hostOrOwn(ScheduledExecutorService host, String threadName) {
        Objects.requireNonNull(threadName, "threadName");
        if (host != null) {
            return new BatchExecutor(host, false);
        }
        return new BatchExecutor(Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }), true);
    }

    /** The executor to schedule on. */
    public ScheduledExecutorService executor() {
        return executor;
    }

    /** Whether the executor is the component's own (and so is shut down by {@link #shutdown(Duration)}). */
    public boolean owned() {
        return owned;
    }

    /** {@code "its own thread"} or {@code "the host's executor"}, for log lines. */
    public String describe() {
        return owned ? "its own thread" : "the host's executor";
    }

    /**
     * Shuts the owned executor down: lets the task in flight finish for up to {@code timeout}, then interrupts it.
     * Does nothing to a host's executor. If the calling thread is interrupted while waiting, the owned executor is
     * interrupted at once and the {@link InterruptedException} is thrown.
     *
     * @return false when the owned executor's task was still running at the timeout (it was then interrupted);
     *         true otherwise
     * @throws InterruptedException when the calling thread was interrupted while waiting
     */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        if (!owned) {
            return true;
        }
        executor.shutdown();
        try {
            if (executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            throw e;
        }
        executor.shutdownNow();
        return false;
    }
}
