package dev.flowsweep.purge;

import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a {@link PurgeListener} is told: one batch per purge transaction that claimed runs or failed. */
class PurgeListenerTest {
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private final FakePurgeStorage storage = new FakePurgeStorage();
    private final MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);
    private final List<PurgeBatch> batches = new ArrayList<>();

    private LogPurger.Builder builder() {
        return LogPurger.builder(storage).clock(clock).listener(batches::add);
    }

    private static UUID id(int n) {
        return new UUID(0x1000L * n, n);
    }

    @Test
    void aCompletedTransactionTellsItsRunsLogsAndDuration() {
        storage.enqueue(id(1), T0, 3);
        storage.enqueue(id(2), T0, 4);
        storage.onDelete = () -> clock.add(Duration.ofMillis(250)); // the delete statement takes 250 ms

        builder().build().purgeDue();

        assertEquals(List.of(new PurgeBatch(PurgeBatch.Outcome.COMPLETED, 2, 7, Duration.ofMillis(250), null)),
                batches, "one transaction; the pass ends on its short claim, and nothing due tells nothing");
    }

    @Test
    void aTransactionStoppedAtItsRowCapTellsMoreLeftThenTheNextOneCompletes() {
        storage.enqueue(id(1), T0, 12);

        builder().maxRowsPerStatement(5).maxRowsPerTransaction(7).build().purgeDue();

        assertEquals(List.of(PurgeBatch.Outcome.MORE_LEFT, PurgeBatch.Outcome.COMPLETED),
                batches.stream().map(PurgeBatch::outcome).toList());
        assertEquals(List.of(7L, 5L), batches.stream().map(PurgeBatch::logsDeleted).toList());
        assertEquals(List.of(1, 1), batches.stream().map(PurgeBatch::runs).toList());
    }

    @Test
    void aFailedTransactionTellsItsRunsAndTheErrorAndNoLogsDeleted() {
        storage.enqueue(id(1), T0, 2);
        storage.enqueue(id(2), T0, 2);
        storage.poison(id(2));

        builder().build().purgeDue();

        // The batch of 2 fails, then one run per transaction: id(1) completes, id(2) fails again.
        assertEquals(List.of(PurgeBatch.Outcome.FAILED, PurgeBatch.Outcome.COMPLETED, PurgeBatch.Outcome.FAILED),
                batches.stream().map(PurgeBatch::outcome).toList());
        PurgeBatch first = batches.get(0);
        assertEquals(2, first.runs());
        assertEquals(0, first.logsDeleted());
        assertTrue(first.error().contains("poisoned run"), first.error());
        assertEquals(1, batches.get(2).runs());
        assertNull(batches.get(1).error());
    }

    @Test
    void aClaimThatFailsTellsAFailureOfNoRun() {
        storage.enqueue(id(1), T0, 2);
        storage.down = true;

        builder().build().purgeDue();

        assertEquals(1, batches.size());
        assertEquals(PurgeBatch.Outcome.FAILED, batches.get(0).outcome());
        assertEquals(0, batches.get(0).runs());
        assertTrue(batches.get(0).error().contains("connection refused"), batches.get(0).error());
    }

    @Test
    void nothingDueTellsNothing() {
        builder().build().purgeDue();

        assertTrue(batches.isEmpty());
    }

    @Test
    void aFailingListenerDoesNotStopThePurge() {
        storage.enqueue(id(1), T0, 3);
        LogPurger purger = LogPurger.builder(storage).clock(clock).listener(b -> {
            throw new IllegalStateException("metrics down");
        }).build();

        purger.purgeDue();

        assertEquals(0, storage.queueSize());
        assertEquals(0, storage.totalLogs());
    }

    @Test
    void theListenerIsRequired() {
        assertThrows(NullPointerException.class, () -> LogPurger.builder(storage).listener(null));
    }
}
