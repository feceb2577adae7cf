package dev.flowsweep.examples.server;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When workers and queue are full, an exchange runs on the submitting thread marked saturated (answered 503). */
class ServerRequestPoolTest {
    @Test
    void overflowRunsOnTheCallerMarkedSaturated() throws Exception {
        RequestPool pool = new RequestPool(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try {
            pool.execute(() -> {
                started.countDown();
                await(release);
            });
            assertTrue(started.await(30, TimeUnit.SECONDS));
            pool.execute(() -> { }); // fills the queue
            AtomicBoolean sawSaturated = new AtomicBoolean();
            Thread caller = Thread.currentThread();
            pool.execute(() -> sawSaturated.set(Thread.currentThread() == caller && RequestPool.isSaturated()));
            assertTrue(sawSaturated.get());
            assertFalse(RequestPool.isSaturated(), "the mark is cleared afterwards");
        } finally {
            release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
