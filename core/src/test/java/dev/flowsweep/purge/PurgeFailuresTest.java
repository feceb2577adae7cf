package dev.flowsweep.purge;

import dev.flowsweep.purge.FakePurgeStorage.Failure;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed purges, stepped by hand: backoff, failed purges, one run per transaction, storage outages. */
class PurgeFailuresTest {
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private final FakePurgeStorage storage = new FakePurgeStorage();
    private final MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);

    private LogPurger.Builder builder() {
        return LogPurger.builder(storage).clock(clock);
    }

    private static UUID id(int n) {
        return new UUID(0x1000L * n, n);
    }

    private static <T> T last(List<T> list) {
        assertFalse(list.isEmpty(), "nothing recorded");
        return list.get(list.size() - 1);
    }

    @Test
    void backsOffThenMarksFailedAfterFiveAttempts() {
        storage.enqueue(id(1), T0, 3);
        storage.poison(id(1));
        LogPurger purger = builder().build();

        Duration[] delays = {Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)};
        for (int attempt = 1; attempt <= 4; attempt++) {
            purger.purgeDue();
            Failure f = last(storage.failures);
            assertEquals(attempt, f.attempts());
            assertFalse(f.failed());
            assertEquals(clock.instant().plus(delays[attempt - 1]), f.nextAttemptAt());
            assertTrue(f.error().contains("poisoned run"), f.error());

            // Not due before its backoff has passed.
            clock.add(delays[attempt - 1].minusMillis(1));
            purger.purgeDue();
            assertEquals(attempt, storage.failures.size());
            clock.add(Duration.ofMillis(1));
        }

        purger.purgeDue();
        Failure fifth = last(storage.failures);
        assertEquals(5, fifth.attempts());
        assertTrue(fifth.failed());
        assertEquals(clock.instant().plus(LogPurger.DEFAULT_FAILED_RETRY_INTERVAL), fifth.nextAttemptAt());
        assertEquals(1, purger.failedCount());
        assertEquals(0, purger.pendingCount());
        assertEquals(3, storage.logCount(id(1)));
    }

    @Test
    void failedPurgesAreRetriedEveryFailedRetryIntervalAndNeverDropped() {
        storage.enqueue(id(1), T0, 3);
        storage.poison(id(1));
        LogPurger purger = builder().backoff(List.of(Duration.ofSeconds(1))).maxAttempts(2)
                .failedRetryInterval(Duration.ofMinutes(5)).build();
        purger.purgeDue();
        clock.add(Duration.ofSeconds(1));
        purger.purgeDue();
        assertTrue(last(storage.failures).failed());

        for (int attempt = 3; attempt <= 5; attempt++) {
            clock.add(Duration.ofMinutes(5).minusSeconds(1));
            purger.purgeDue();
            assertEquals(attempt - 1, storage.failures.size(), "not due before the interval");
            clock.add(Duration.ofSeconds(1));
            purger.purgeDue();
            Failure f = last(storage.failures);
            assertEquals(attempt, f.attempts());
            assertTrue(f.failed());
            assertEquals(clock.instant().plus(Duration.ofMinutes(5)), f.nextAttemptAt());
            assertEquals(1, storage.queueSize());
        }

        storage.cure(id(1));
        clock.add(Duration.ofMinutes(5));
        purger.purgeDue();
        assertEquals(0, storage.queueSize());
        assertEquals(0, purger.failedCount());
    }

    @Test
    void theLastBackoffDelayRepeatsWhenThereAreMoreAttemptsThanDelays() {
        storage.enqueue(id(1), T0, 1);
        storage.poison(id(1));
        LogPurger purger = builder().backoff(List.of(Duration.ofSeconds(3))).maxAttempts(4).build();

        for (int attempt = 1; attempt <= 3; attempt++) {
            purger.purgeDue();
            assertEquals(clock.instant().plusSeconds(3), last(storage.failures).nextAttemptAt());
            assertFalse(last(storage.failures).failed());
            clock.add(Duration.ofSeconds(3));
        }
        purger.purgeDue();
        assertTrue(last(storage.failures).failed());
    }

    @Test
    void retryFailedMakesFailedPurgesDueWithAttemptsReset() {
        storage.enqueue(id(1), T0, 2);
        storage.poison(id(1));
        LogPurger purger = builder().maxAttempts(1).build();
        purger.purgeDue();
        assertEquals(1, purger.failedCount());

        storage.cure(id(1));
        assertEquals(1, purger.retryFailed());
        assertEquals(0, storage.entry(id(1)).attempts());
        assertFalse(storage.entry(id(1)).failed());

        purger.purgeDue();
        assertEquals(0, storage.queueSize());
        assertEquals(0, purger.retryFailed());
    }

    @Test
    void aBadRunDoesNotUseUpTheAttemptsOfTheRunsClaimedWithIt() {
        storage.enqueue(id(1), T0, 2);
        storage.enqueue(id(2), T0, 2);
        storage.enqueue(id(3), T0, 2);
        storage.poison(id(2));

        builder().build().purgeDue();

        assertEquals(1, storage.queueSize());
        assertEquals(1, storage.entry(id(2)).attempts());
        assertEquals(List.of(id(2)), storage.failures.stream().map(Failure::flowRunId).toList());
        assertEquals(0, storage.logCount(id(1)));
        assertEquals(0, storage.logCount(id(3)));
        assertEquals(2, storage.logCount(id(2)));
        // The batch of 3, then one run per transaction, then a batch again: nothing due.
        assertEquals(List.of(3, 1, 1, 1, 0), storage.claims);
    }

    @Test
    void aStorageOutageLosesNothing() {
        storage.enqueue(id(1), T0, 2);
        storage.down = true;
        LogPurger purger = builder().build();

        purger.purgeDue();

        assertEquals(0, storage.entry(id(1)).attempts());
        assertTrue(storage.failures.isEmpty());

        storage.down = false;
        purger.purgeDue();
        assertEquals(0, storage.queueSize());
    }

    @Test
    void whenTheFailureCannotBeRecordedTheEntryStaysAsItWas() {
        storage.enqueue(id(1), T0, 2);
        storage.poison(id(1));
        storage.recordingFails = true;
        LogPurger purger = builder().build();

        purger.purgeDue();

        FakePurgeStorage.Entry entry = storage.entry(id(1));
        assertEquals(0, entry.attempts());
        assertEquals(T0, entry.nextAttemptAt());
        assertTrue(storage.failures.isEmpty());

        storage.recordingFails = false;
        purger.purgeDue();
        assertEquals(1, storage.entry(id(1)).attempts());
    }

    @Test
    void longErrorsAreCut() {
        storage.enqueue(id(1), T0, 1);
        storage.deleteError = "x".repeat(5000);

        builder().build().purgeDue();

        String error = last(storage.failures).error();
        assertEquals(LogPurger.MAX_ERROR_LENGTH, error.length());
        assertTrue(error.endsWith("…"));
    }
}
