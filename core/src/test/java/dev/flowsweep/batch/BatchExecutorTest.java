package dev.flowsweep.batch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchExecutorTest {
    @Test
    void theHostsExecutorIsUsedAndNeverShutDown() throws Exception {
        ScheduledThreadPoolExecutor host = new ScheduledThreadPoolExecutor(1);
        try {
            BatchExecutor e = BatchExecutor.hostOrOwn(host, "unused");

            assertSame(host, e.executor());
            assertFalse(e.owned());
            assertTrue(e.shutdown(Duration.ZERO));
            assertFalse(host.isShutdown());
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void withoutAHostItOwnsOneDaemonThreadAndShutsItDown() throws Exception {
        BatchExecutor e = BatchExecutor.hostOrOwn(null, "flowsweep-test");
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        e.executor().execute(() -> {
            thread.set(Thread.currentThread());
            ran.countDown();
        });

        assertTrue(ran.await(20, TimeUnit.SECONDS));
        assertTrue(e.owned());
        assertEquals("flowsweep-test", thread.get().getName());
        assertTrue(thread.get().isDaemon());
        assertTrue(e.shutdown(Duration.ofSeconds(20)));
        assertTrue(e.executor().isShutdown());
    }

    @Test
    void aTaskStillRunningAtTheTimeoutIsInterrupted() throws Exception {
        BatchExecutor e = BatchExecutor.hostOrOwn(null, "flowsweep-test");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        e.executor().execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException ie) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(20, TimeUnit.SECONDS));

        assertFalse(e.shutdown(Duration.ZERO));
        assertTrue(interrupted.await(20, TimeUnit.SECONDS));
    }
}
