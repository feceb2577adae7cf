package dev.flowsweep.batch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop under drain, retention runs and the orphaned-log sweep; each of those has tests of its own too. */
class BatchLoopTest {
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final UUID LIMIT_A = UUID.fromString("10000000-0000-0000-0000-00000000000a");
    private static final UUID LIMIT_B = UUID.fromString("b0000000-0000-0000-0000-00000000000b");

    private final MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);
    private final List<BatchLoop.Progress> progress = new ArrayList<>();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** Batches of these sizes, then empty ones. */
    private static BatchLoop.Batch sizes(Integer... sizes) {
        Deque<Integer> left = new ArrayDeque<>(List.of(sizes));
        return () -> BatchLoop.Step.of(left.isEmpty() ? 0 : left.poll());
    }

    @Test
    void runsUntilABatchComesBackShortAddingUpItemsAndSlots() {
        Deque<BatchLoop.Step> steps = new ArrayDeque<>(List.of(
                new BatchLoop.Step(2, Map.of(LIMIT_A, 1)),
                new BatchLoop.Step(2, Map.of(LIMIT_A, 2, LIMIT_B, 1)),
                new BatchLoop.Step(1, Map.of())));

        BatchLoop.Result r = BatchLoop.startingNow(clock, 2).run(steps::poll, progress::add);

        assertEquals(BatchLoop.Stop.EXHAUSTED, r.stop());
        assertEquals(3, r.batches());
        assertEquals(5, r.items());
        assertEquals(1, r.lastBatchSize());
        assertEquals(Map.of(LIMIT_A, 3, LIMIT_B, 1), r.releasedSlots());
        assertNull(r.failure());
        assertEquals(List.of(new BatchLoop.Progress(1, 2, 2, Duration.ZERO), new BatchLoop.Progress(2, 4, 2, Duration.ZERO),
                new BatchLoop.Progress(3, 5, 1, Duration.ZERO)), progress);
    }

    @Test
    void theTimeBudgetIsCheckedBeforeEachBatch() {
        BatchLoop.Result r = BatchLoop.startingNow(clock, 1).timeBudget(Duration.ofSeconds(25))
                .run(sizes(1, 1, 1, 1, 1), p -> clock.add(Duration.ofSeconds(10)));

        assertEquals(BatchLoop.Stop.TIME_BUDGET, r.stop());
        assertEquals(3, r.batches(), "batches start at 0, 10 and 20 s; at 30 s the budget of 25 s is used up");
        assertEquals(Duration.ofSeconds(30), r.elapsed());
    }

    @Test
    void closingComesBeforeAnInterruptWhichComesBeforeTheBudget() {
        Thread.currentThread().interrupt();
        BatchLoop.Result closed = BatchLoop.startingNow(clock, 1).timeBudget(Duration.ZERO).closing(() -> true)
                .run(sizes(1), progress::add);
        BatchLoop.Result interrupted = BatchLoop.startingNow(clock, 1).timeBudget(Duration.ZERO)
                .run(sizes(1), progress::add);

        assertEquals(BatchLoop.Stop.CLOSED, closed.stop());
        assertEquals(BatchLoop.Stop.INTERRUPTED, interrupted.stop());
        assertTrue(Thread.currentThread().isInterrupted(), "the flag is kept");
        assertEquals(0, closed.batches() + interrupted.batches());
        assertTrue(progress.isEmpty());
    }

    @Test
    void theCheckBeforeAFurtherBatchIsNotAskedBeforeTheFirst() {
        List<Integer> asked = new ArrayList<>();
        BatchLoop.Result r = BatchLoop.startingNow(clock, 1)
                .beforeFurtherBatch(() -> {
                    asked.add(progress.size());
                    return asked.size() < 2;
                })
                .run(sizes(1, 1, 1, 1), progress::add);

        assertEquals(BatchLoop.Stop.LEASE_LOST, r.stop());
        assertEquals(2, r.batches());
        assertEquals(List.of(1, 2), asked);
    }

    @Test
    void pausesAfterFullBatchesOnlyAndACutPauseStops() {
        List<Duration> pauses = new ArrayList<>();
        BatchLoop.Result r = BatchLoop.startingNow(clock, 2).pause(Duration.ofMillis(200), pauses::add)
                .run(sizes(2, 2, 1), progress::add);
        assertEquals(BatchLoop.Stop.EXHAUSTED, r.stop());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(200)), pauses);

        AtomicBoolean closing = new AtomicBoolean();
        BatchLoop.Result cutByClose = BatchLoop.startingNow(clock, 2).closing(closing::get)
                .pause(Duration.ofSeconds(1), d -> {
                    closing.set(true);
                    return false;
                }).run(sizes(2, 2), progress::add);
        BatchLoop.Result cutByInterrupt = BatchLoop.startingNow(clock, 2).pause(Duration.ofSeconds(1), d -> false)
                .run(sizes(2, 2), progress::add);
        assertEquals(BatchLoop.Stop.CLOSED, cutByClose.stop());
        assertEquals(BatchLoop.Stop.INTERRUPTED, cutByInterrupt.stop());
        assertEquals(1, cutByInterrupt.batches());
    }

    @Test
    void aFailureEndsTheLoopWithWhatTheBatchesBeforeItDid() {
        IllegalStateException boom = new IllegalStateException("gone");
        Deque<Integer> sizes = new ArrayDeque<>(List.of(3, 3));
        BatchLoop.Result r = BatchLoop.startingNow(clock, 3).run(() -> {
            if (sizes.isEmpty()) {
                throw boom;
            }
            return BatchLoop.Step.of(sizes.poll());
        }, progress::add);

        assertEquals(BatchLoop.Stop.FAILED, r.stop());
        assertSame(boom, r.failure());
        assertEquals(2, r.batches());
        assertEquals(6, r.items());
    }

    @Test
    void elapsedIsNeverNegative() {
        BatchLoop loop = BatchLoop.startingAt(clock, T0.plusSeconds(5), 1);

        assertEquals(Duration.ZERO, loop.elapsed());
        assertThrows(IllegalArgumentException.class, () -> BatchLoop.startingNow(clock, 0));
    }
}
