package dev.flowsweep.examples.server;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where requests are worked on, at most {@code maxRequests} at once ({@link HttpLimits#maxRequests()}): a request
 * beyond is not queued, {@link #tryExecute} says no at once and the caller answers 503. The HTTP library's own threads
 * only parse, read bodies and write answers, so a route blocked on the database never holds them.
 */
final class RequestPool {
    private final Semaphore permits;
    private final ThreadPoolExecutor executor;

    RequestPool(int maxRequests) {
        this.permits = new Semaphore(maxRequests);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "flowsweep-request-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Runs the work when there is room for one more request; false, without running it, when there is none. */
    boolean tryExecute(Runnable work) {
        if (!permits.tryAcquire()) {
            return false;
        }
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } finally {
                    permits.release();
                }
            });
            return true;
        } catch (RejectedExecutionException stopped) {
            permits.release();
            return false;
        }
    }

    /** Requests being worked on now. */
    int active() {
        return executor.getActiveCount();
    }

    /** Stops taking work, waits up to {@code millis} for the work in flight, then interrupts what is left. */
    void shutdown(long millis) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
