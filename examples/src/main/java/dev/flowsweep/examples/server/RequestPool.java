package dev.flowsweep.examples.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that handles requests: {@code threads} workers and a queue of {@code queueCapacity}. When both
 * are full, the JDK server's dispatcher thread runs the exchange itself with a "saturated" mark, and the
 * {@link Router} answers it 503 at once without doing the work — so overload costs a short answer, not memory.
 */
final class RequestPool extends ThreadPoolExecutor {
    private static final ThreadLocal<Boolean> SATURATED = ThreadLocal.withInitial(() -> false);

    RequestPool(int threads, int queueCapacity) {
        super(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity), threadFactory(),
                (task, pool) -> {
                    SATURATED.set(true);
                    try {
                        task.run();
                    } finally {
                        SATURATED.set(false);
                    }
                });
        allowCoreThreadTimeOut(true);
    }

    /** Whether the current thread is answering an exchange that the pool had no room for. */
    static boolean isSaturated() {
        return SATURATED.get();
    }

    private static java.util.concurrent.ThreadFactory threadFactory() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "flowsweep-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
