package dev.flowsweep.purge;

import dev.flowsweep.purge.FakePurgeStorage.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogPurgerTest {
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FakePurgeStorage storage = new FakePurgeStorage();
    private final MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private LogPurger.Builder builder() {
        return LogPurger.builder(storage).clock(clock);
    }

    private LogPurger track(LogPurger purger) {
        toClose.add(purger);
        return purger;
    }

    private static UUID id(int n) {
        return new UUID(0x1000L * n, n);
    }

    // ----------------------------------------------------------------------------- one pass, stepped by hand

    @Nested
    class Batches {
        @Test
        void deletesLogsInBoundedStatementsThenCompletes() {
            storage.enqueue(id(1), T0, 12);
            storage.enqueue(id(2), T0, 0);

            builder().maxRowsPerStatement(5).build().purgeDue();

            assertEquals(0, storage.queueSize());
            assertEquals(0, storage.totalLogs());
            assertEquals(List.of(new Statement(5, 5), new Statement(5, 5), new Statement(5, 2)), storage.statements);
            assertEquals(List.of(2), storage.claims, "a short batch ends the pass");
        }

        @Test
        void keepsTheEntryWhenTheTransactionCapIsReachedAndContinuesInTheNextTransaction() {
            storage.enqueue(id(1), T0, 12);

            builder().maxRowsPerStatement(5).maxRowsPerTransaction(7).build().purgeDue();

            // tx 1: 5 + 2 rows (the cap): the entry stays; tx 2: 5 + 0: none left, completed.
            assertEquals(List.of(new Statement(5, 5), new Statement(2, 2), new Statement(5, 5), new Statement(2, 0)),
                    storage.statements);
            assertEquals(List.of(1, 1), storage.claims);
            assertEquals(0, storage.queueSize());
            assertEquals(0, storage.logCount(id(1)));
        }

        @Test
        void claimsRunsPerBatchUntilABatchIsShort() {
            for (int i = 1; i <= 250; i++) {
                storage.enqueue(id(i), T0.minusSeconds(1).plusMillis(i), 1);
            }

            builder().runsPerBatch(100).build().purgeDue();

            assertEquals(List.of(100, 100, 50), storage.claims);
            assertEquals(0, storage.queueSize());
        }

        @Test
        void byDefaultTheRunsOfOneFullBulkDeleteArePurgedInOneTransaction() {
            for (int i = 1; i <= dev.flowsweep.service.BulkDeleteService.DEFAULT_LIMIT_CAP; i++) {
                storage.enqueue(id(i), T0.minusSeconds(1).plusMillis(i), 1);
            }

            builder().build().purgeDue();

            assertEquals(List.of(dev.flowsweep.service.BulkDeleteService.DEFAULT_LIMIT_CAP), storage.claims,
                    "every run of one bulk delete claimed by one transaction, and no second claim to find the queue empty");
            assertEquals(0, storage.queueSize());
            assertEquals(1, storage.statements.size(), "their logs deleted with one statement");
        }

        @Test
        void purgesOnlyWhatIsDue() {
            storage.enqueue(id(1), T0.plusSeconds(10), 3);

            LogPurger purger = builder().build();
            purger.purgeDue();
            assertEquals(1, storage.queueSize());

            clock.add(Duration.ofSeconds(10));
            purger.purgeDue();
            assertEquals(0, storage.queueSize());
        }
    }

    // ----------------------------------------------------------------------------- observation

    @Test
    void reportsCountsAndTheAgeOfTheOldestQueuedPurge() {
        LogPurger purger = builder().build();
        assertEquals(Optional.empty(), purger.oldestPendingAge());

        storage.enqueue(id(1), T0, 1);
        storage.enqueue(id(2), T0.plusSeconds(30), 1);
        clock.add(Duration.ofSeconds(90));

        assertEquals(Optional.of(Duration.ofSeconds(90)), purger.oldestPendingAge());
        assertEquals(2, purger.pendingCount());
        assertEquals(0, purger.failedCount());
    }

    @Test
    void ageIsNeverNegative() {
        storage.enqueue(id(1), T0.plusSeconds(5), 1);

        assertEquals(Optional.of(Duration.ZERO), builder().build().oldestPendingAge());
    }

    // ----------------------------------------------------------------------------- asynchronous behaviour

    @Nested
    class Running {
        @Test
        void purgesOnItsOwnDaemonThreadAndStopsItOnClose() throws Exception {
            AtomicReference<Thread> purgeThread = new AtomicReference<>();
            storage.onDelete = () -> purgeThread.set(Thread.currentThread());
            storage.enqueue(id(1), T0, 3);

            LogPurger purger = builder().build().start();
            assertTrue(purger.awaitIdle(WAIT));

            Thread thread = purgeThread.get();
            assertNotNull(thread);
            assertEquals(LogPurger.THREAD_NAME, thread.getName());
            assertTrue(thread.isDaemon());
            assertTrue(thread != Thread.currentThread());
            assertEquals(0, storage.totalLogs());

            purger.close();
            thread.join(WAIT.toMillis());
            assertFalse(thread.isAlive());
        }

        @Test
        void runsOnTheHostExecutorAndNeverShutsItDown() throws Exception {
            ScheduledThreadPoolExecutor host = new ScheduledThreadPoolExecutor(2);
            toClose.add(host::shutdownNow);
            storage.enqueue(id(1), T0, 3);

            LogPurger purger = builder().executor(host).build().start();
            assertTrue(purger.awaitIdle(WAIT));
            purger.close();

            assertFalse(host.isShutdown());
            assertEquals(0, storage.queueSize());
            // Nothing of the purger's stays scheduled on the host's executor.
            assertTrue(host.getQueue().stream().allMatch(r -> ((Future<?>) r).isCancelled()));
            assertEquals("still usable", host.submit(() -> "still usable").get());
        }

        @Test
        void findsPurgesEnqueuedByOthersByPolling() throws Exception {
            LogPurger purger = track(builder().pollInterval(Duration.ofMillis(20)).build().start());
            assertTrue(purger.awaitIdle(WAIT));

            // Enqueued behind the purger's back (another process sharing the database): no wake-up.
            storage.enqueue(id(1), T0, 4);

            assertTrue(storage.await(s -> s.queueSize() == 0, WAIT));
            assertEquals(0, storage.totalLogs());
        }

        @Test
        void runsHandedOverArePurgedByKeyWithoutAScanOfTheQueue() throws Exception {
            LogPurger purger = track(builder().runsPerBatch(2).pollInterval(Duration.ofHours(1)).build().start());
            assertTrue(purger.awaitIdle(WAIT));
            storage.enqueue(id(9), T0, 4); // behind the purger's back: only a scan finds it
            for (int i = 1; i <= 3; i++) {
                storage.enqueue(id(i), T0, 2);
            }
            int claimsBefore;
            synchronized (storage) {
                claimsBefore = storage.claims.size();
            }

            purger.purgesQueued(List.of(id(1), id(2), id(3)));

            assertTrue(storage.await(s -> s.queueSize() == 1, WAIT));
            synchronized (storage) {
                assertEquals(claimsBefore, storage.claims.size(), "no scan of the queue");
                assertEquals(List.of(List.of(id(1), id(2)), List.of(id(3))), storage.takes,
                        "taken by key, runsPerBatch at a time");
                assertEquals(4, storage.logCount(id(9)));
            }
            purger.wakeUp();
            assertTrue(storage.await(s -> s.queueSize() == 0, WAIT));
            assertEquals(0, storage.totalLogs());
        }

        @Test
        void aHandedOverBatchThatFailsIsTriedOneRunPerTransactionAndOnlyTheBadRunCountsAnAttempt() throws Exception {
            for (int i = 1; i <= 3; i++) {
                storage.enqueue(id(i), T0, 2);
            }
            storage.poison(id(2));
            LogPurger purger = track(builder().pollInterval(Duration.ofHours(1)).maxAttempts(1)
                    .failedRetryInterval(Duration.ofHours(1)).build());
            purger.start();
            assertTrue(purger.awaitIdle(WAIT)); // the start scan: the batch fails, then one by one; id(2) failed
            storage.enqueue(id(4), T0, 1);
            storage.enqueue(id(5), T0, 1);
            storage.poison(id(5));

            purger.purgesQueued(List.of(id(4), id(5)));

            assertTrue(storage.await(s -> s.failures.size() == 2, WAIT));
            assertTrue(storage.await(s -> s.entry(id(4)) == null, WAIT));
            assertEquals(1, storage.entry(id(5)).attempts(), "the bad run's attempt is recorded, its row kept");
            assertEquals(1, storage.logCount(id(5)));
            assertEquals(0, storage.logCount(id(4)));
            assertEquals(List.of(id(2), id(5)), storage.failures.stream().map(FakePurgeStorage.Failure::flowRunId)
                    .toList());
        }

        @Test
        void aHandOffBeforeStartOrAfterCloseIsIgnoredAndTheQueueStillHasTheRuns() throws Exception {
            storage.enqueue(id(1), T0, 2);
            LogPurger purger = track(builder().pollInterval(Duration.ofHours(1)).build());
            purger.purgesQueued(List.of(id(1)));
            assertEquals(1, storage.queueSize());
            purger.start();
            assertTrue(purger.awaitIdle(WAIT), "the start scan finds it");
            assertEquals(0, storage.totalLogs());
            purger.close();
            storage.enqueue(id(2), T0, 2);
            purger.purgesQueued(List.of(id(2)));
            assertEquals(1, storage.queueSize());
        }

        @Test
        void wakeUpPurgesWithoutWaitingForThePoll() throws Exception {
            LogPurger purger = track(builder().pollInterval(Duration.ofHours(1)).build().start());
            assertTrue(purger.awaitIdle(WAIT));

            storage.enqueue(id(1), T0, 4);
            purger.wakeUp();

            assertTrue(storage.await(s -> s.queueSize() == 0, WAIT));
        }

        @Test
        void awaitIdleIgnoresFailedPurgesAndRetryFailedWakesThePurger() throws Exception {
            storage.enqueue(id(1), T0, 2);
            storage.enqueue(id(2), T0, 2);
            storage.poison(id(2));
            LogPurger purger = track(LogPurger.builder(storage).maxAttempts(1)
                    .failedRetryInterval(Duration.ofHours(1)).pollInterval(Duration.ofHours(1)).build().start());

            assertTrue(purger.awaitIdle(WAIT));
            assertEquals(1, purger.failedCount());
            assertEquals(0, storage.logCount(id(1)));

            storage.cure(id(2));
            assertEquals(1, purger.retryFailed());
            assertTrue(storage.await(s -> s.queueSize() == 0, WAIT));
            assertTrue(purger.awaitIdle(WAIT));
            assertEquals(0, purger.failedCount());
        }

        @Test
        void retriesAfterTheBackoffWithoutWaitingForThePoll() throws Exception {
            storage.enqueue(id(1), T0, 2);
            storage.poison(id(1));
            LogPurger purger = track(LogPurger.builder(storage).backoff(List.of(Duration.ofMillis(10)))
                    .pollInterval(Duration.ofHours(1)).build().start());

            assertTrue(storage.await(s -> s.failures.size() >= 1, WAIT));
            storage.cure(id(1));

            assertTrue(storage.await(s -> s.queueSize() == 0, WAIT));
            assertTrue(purger.awaitIdle(WAIT));
        }

        @Test
        void awaitIdleIsFalseAtTheDeadlineWhenNothingPurges() throws Exception {
            storage.enqueue(id(1), T0, 1);
            LogPurger notStarted = track(builder().build());

            assertFalse(notStarted.awaitIdle(Duration.ofMillis(50)));
            assertEquals(1, storage.queueSize());
        }

        @Test
        void awaitIdleOnAPurgerWithNothingToDoReadsTheQueueOnceAndClaimsNothing() throws Exception {
            LogPurger purger = track(builder().pollInterval(Duration.ofHours(1)).build().start());
            assertTrue(purger.awaitIdle(WAIT)); // after the pass that start() runs
            int claimsBefore;
            int transactionsBefore;
            synchronized (storage) {
                claimsBefore = storage.claims.size();
                transactionsBefore = storage.transactions;
            }

            assertTrue(purger.awaitIdle(WAIT));

            synchronized (storage) {
                assertEquals(claimsBefore, storage.claims.size(), "no purge pass asked for");
                assertEquals(transactionsBefore + 1, storage.transactions, "one transaction: the pending count");
            }
        }

        @Test
        void awaitIdleWakesAnIdlePurgerForPurgesEnqueuedBehindItsBack() throws Exception {
            LogPurger purger = track(builder().pollInterval(Duration.ofHours(1)).build().start());
            assertTrue(purger.awaitIdle(WAIT));
            storage.enqueue(id(1), T0, 3); // another process: no wake-up, and the poll is an hour away

            assertTrue(purger.awaitIdle(WAIT));

            assertEquals(0, storage.queueSize());
            assertEquals(0, storage.totalLogs());
        }

        @Test
        void awaitIdleIsTrueAtOnceForAnEmptyQueue() throws Exception {
            assertTrue(track(builder().build()).awaitIdle(Duration.ZERO));
        }

        @Test
        void closeFinishesTheBatchInFlightAndLeavesTheRestQueued() throws Exception {
            for (int i = 1; i <= 5; i++) {
                storage.enqueue(id(i), T0.minusSeconds(1).plusMillis(i), 1);
            }
            CountDownLatch inFlight = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            storage.onDelete = () -> {
                inFlight.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            LogPurger purger = track(builder().runsPerBatch(2).build().start());
            assertTrue(inFlight.await(WAIT.toSeconds(), TimeUnit.SECONDS));

            Thread closer = new Thread(purger::close, "closer");
            closer.start();
            awaitTrue(purger::isClosing);
            release.countDown();
            closer.join(WAIT.toMillis());

            assertFalse(closer.isAlive());
            assertEquals(3, storage.queueSize(), "the batch in flight (2 runs) completed, 3 stay queued");
            assertNull(storage.entry(id(1)));
            assertNull(storage.entry(id(2)));
        }

        @Test
        void lifecycle() {
            storage.enqueue(id(1), T0, 1);
            LogPurger purger = builder().build();

            purger.wakeUp();                       // not started: nothing happens
            assertEquals(0, storage.transactions);

            purger.close();
            purger.close();                        // idempotent
            assertThrows(IllegalStateException.class, purger::start);
            purger.wakeUp();                       // closed: nothing happens
            assertEquals(0, storage.transactions);
        }
    }

    @Test
    void builderRefusesNonsense() {
        LogPurger.Builder b = builder();
        assertThrows(IllegalArgumentException.class, () -> b.runsPerBatch(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxRowsPerStatement(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxRowsPerTransaction(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> b.backoff(List.of()));
        assertThrows(IllegalArgumentException.class, () -> b.backoff(List.of(Duration.ofSeconds(-1))));
        assertThrows(IllegalArgumentException.class, () -> b.pollInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.failedRetryInterval(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.closeTimeout(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> LogPurger.builder(null));
    }

    // ----------------------------------------------------------------------------- helpers

    /** Waits for a condition of the purger itself, re-checking as the waiting thread is scheduled. */
    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached in " + WAIT);
            Thread.yield();
        }
    }
}
