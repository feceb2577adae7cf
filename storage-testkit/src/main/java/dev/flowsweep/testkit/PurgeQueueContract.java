package dev.flowsweep.testkit;

import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spi.PurgeTask;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.testkit.Fixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log purge queue of {@code PurgeQueueStore}: one entry per run, due times, failures, retries, stats; claims by
 * deleting ({@code takeDue}, {@code take}), undone with the transaction, and {@code putBack}.
 */
public abstract class PurgeQueueContract extends StorageContractSupport {

    private void enqueue(Instant now, UUID... ids) {
        fx.tx(tx -> {
            tx.purgeQueue().enqueue(List.of(ids), now);
            return null;
        });
    }

    private List<PurgeTask> claim(Instant now, int max) {
        return fx.tx(tx -> tx.purgeQueue().claimDue(now, max));
    }

    private static List<UUID> runIds(List<PurgeTask> tasks) {
        List<UUID> ids = new ArrayList<>();
        for (PurgeTask t : tasks) {
            ids.add(t.flowRunId());
        }
        return ids;
    }

    private PurgeQueueStats stats() {
        return fx.tx(tx -> tx.purgeQueue().stats());
    }

    @Test
    void anEmptyQueueHasNothingDue() {
        assertEquals(new PurgeQueueStats(0, 0, null), stats());
        assertEquals(List.of(), claim(T0, 10));
    }

    @Test
    void enqueueingARunTwiceKeepsOneEntryWithItsFirstEnqueueTime() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        enqueue(T0, a);
        enqueue(T0.plusSeconds(5), a, b);
        enqueue(T0.plusSeconds(9), b, b);
        assertEquals(new PurgeQueueStats(2, 0, T0), stats());
        List<PurgeTask> due = claim(T0.plusSeconds(60), 10);
        assertEquals(List.of(new PurgeTask(a, T0, 0, false, null), new PurgeTask(b, T0.plusSeconds(5), 0, false, null)), due);
    }

    @Test
    void claimDueReturnsDueEntriesOldestFirstUpToMax() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        enqueue(T0.plusSeconds(2), third);
        enqueue(T0, first);
        enqueue(T0.plusSeconds(1), second);
        assertEquals(List.of(), claim(T0.minusNanos(1_000), 10), "nothing is due before its enqueue time");
        assertEquals(List.of(first), runIds(claim(T0, 10)), "due exactly at its time");
        assertEquals(List.of(first, second), runIds(claim(T0.plusSeconds(5), 2)));
        assertEquals(List.of(first, second, third), runIds(claim(T0.plusSeconds(5), 10)));
        assertEquals(List.of(first, second, third), runIds(claim(T0.plusSeconds(5), 10)), "claiming removes nothing");
    }

    @Test
    void aRecordedFailureDelaysTheEntryUntilItsNextAttempt() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        enqueue(T0, a, b);
        fx.tx(tx -> {
            tx.purgeQueue().recordFailure(a, 1, "connection reset", T0.plusSeconds(10), false);
            return null;
        });
        assertEquals(List.of(b), runIds(claim(T0.plusSeconds(5), 10)));
        assertEquals(List.of(b), runIds(claim(T0.plusSeconds(10).minusNanos(1_000), 10)));
        List<PurgeTask> due = claim(T0.plusSeconds(10), 10);
        assertTrue(due.contains(new PurgeTask(a, T0, 1, false, "connection reset")), "due again at its next attempt: " + due);
        assertEquals(new PurgeQueueStats(2, 0, T0), stats());
    }

    @Test
    void aFailedEntryIsCountedKeptAndRetriedOnRetryFailed() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        enqueue(T0, a);
        enqueue(T0.plusSeconds(1), b);
        fx.tx(tx -> {
            tx.purgeQueue().recordFailure(a, 5, "disk full", T0.plusSeconds(60), true);
            return null;
        });
        assertEquals(new PurgeQueueStats(1, 1, T0), stats(), "a failed entry is still queued");
        assertEquals(List.of(b), runIds(claim(T0.plusSeconds(30), 10)));
        List<PurgeTask> slow = claim(T0.plusSeconds(60), 10);
        assertEquals(new PurgeTask(a, T0, 5, true, "disk full"), slow.get(0), "failed entries come due on the slow schedule");

        Instant retryAt = T0.plusSeconds(40);
        assertEquals(1, (int) fx.tx(tx -> tx.purgeQueue().retryFailed(retryAt)));
        assertEquals(new PurgeQueueStats(2, 0, T0), stats());
        List<PurgeTask> due = claim(retryAt, 10);
        assertEquals(List.of(a, b), runIds(due));
        assertEquals(0, due.get(0).attempts(), "attempts reset");
        assertFalse(due.get(0).failed());
        assertEquals(0, (int) fx.tx(tx -> tx.purgeQueue().retryFailed(retryAt)), "nothing failed any more");
    }

    @Test
    void completeRemovesEntries() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        enqueue(T0, a);
        enqueue(T0.plusSeconds(1), b, c);
        fx.tx(tx -> {
            tx.purgeQueue().complete(List.of(a, c, UUID.randomUUID()));
            return null;
        });
        assertEquals(new PurgeQueueStats(1, 0, T0.plusSeconds(1)), stats());
        assertEquals(List.of(b), runIds(claim(T0.plusSeconds(9), 10)));
        fx.tx(tx -> {
            tx.purgeQueue().complete(List.of(b));
            return null;
        });
        PurgeQueueStats empty = stats();
        assertEquals(0, empty.pending());
        assertNull(empty.oldestEnqueuedAt());
        enqueue(T0.plusSeconds(20), a);
        assertEquals(new PurgeQueueStats(1, 0, T0.plusSeconds(20)), stats(), "a completed run can be queued again");
    }

    @Test
    void manyEntriesInOneTransaction() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(UUID.randomUUID());
        }
        fx.tx(tx -> {
            tx.purgeQueue().enqueue(ids, T0);
            return null;
        });
        assertEquals(1_000, stats().pending());
        assertEquals(250, claim(T0, 250).size());
        fx.tx(tx -> {
            tx.purgeQueue().complete(ids.subList(0, 600));
            return null;
        });
        assertEquals(400, stats().pending());
    }
    private List<PurgeTask> queued() {
        return claim(T0.plusSeconds(86_400), 1_000);
    }

    @Test
    void takeDueRemovesTheDueEntriesItReturnsOldestFirst() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        enqueue(T0, first);
        enqueue(T0.plusSeconds(1), second);
        enqueue(T0.plusSeconds(9), later);
        List<PurgeTask> taken = fx.tx(tx -> tx.purgeQueue().takeDue(T0.plusSeconds(5), 10));
        assertEquals(List.of(new PurgeTask(first, T0, 0, false, null), new PurgeTask(second, T0.plusSeconds(1), 0, false,
                null)), taken, "the due entries as they were, oldest first");
        assertEquals(List.of(later), runIds(queued()), "the taken entries left the queue, the other one stayed");
        assertEquals(List.of(), fx.tx(tx -> tx.purgeQueue().takeDue(T0.plusSeconds(5), 10)), "nothing more is due");
        assertEquals(List.of(later), runIds(fx.tx(tx -> tx.purgeQueue().takeDue(T0.plusSeconds(9), 1))));
        assertEquals(new PurgeQueueStats(0, 0, null), stats());
    }

    @Test
    void takeRemovesOnlyTheDueEntriesOfTheRunsAskedFor() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID notDue = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID neverQueued = UUID.randomUUID();
        enqueue(T0, other);
        enqueue(T0.plusSeconds(1), b, a, notDue);
        fx.tx(tx -> {
            tx.purgeQueue().recordFailure(notDue, 2, "timeout", T0.plusSeconds(60), false);
            return null;
        });
        List<PurgeTask> taken = fx.tx(tx -> tx.purgeQueue().take(List.of(a, notDue, neverQueued, b, a),
                T0.plusSeconds(5)));
        assertEquals(List.of(a, b).stream().sorted(dev.flowsweep.model.Uuids.ORDER).toList(), runIds(taken),
                "the due entries asked for, once each, oldest first (same enqueue time: by id)");
        assertEquals(new PurgeTask(a, T0.plusSeconds(1), 0, false, null),
                taken.get(taken.get(0).flowRunId().equals(a) ? 0 : 1));
        List<PurgeTask> left = queued();
        assertEquals(List.of(other, notDue), runIds(left), "the entry not asked for and the one not due stay");
        assertEquals(new PurgeTask(notDue, T0.plusSeconds(1), 2, false, "timeout"), left.get(1));
        assertEquals(List.of(), fx.tx(tx -> tx.purgeQueue().take(List.of(a, b), T0.plusSeconds(5))),
                "a run taken once is not taken again");
    }

    @Test
    void aTakeIsUndoneWithItsTransactionTogetherWithTheLogsItDeleted() {
        UUID run = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        fx.logs(run, 6);
        fx.logs(other, 2);
        enqueue(T0, run);
        fx.tx(tx -> {
            tx.purgeQueue().recordFailure(run, 3, "earlier failure", T0, false);
            return null;
        });
        RuntimeException boom = new IllegalStateException("the purge failed after deleting");
        RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> fx.tx(tx -> {
            List<PurgeTask> taken = tx.purgeQueue().take(List.of(run), T0);
            assertEquals(1, taken.size());
            assertEquals(6, tx.logs().deleteByFlowRunIds(List.of(run), 100));
            assertEquals(0, tx.purgeQueue().stats().pending(), "inside the transaction the entry is gone");
            throw boom;
        }));
        assertTrue(thrown == boom || thrown.getCause() == boom, "the failure reaches the caller: " + thrown);
        assertEquals(6, fx.countLogs(List.of(run)), "the logs are back");
        assertEquals(List.of(new PurgeTask(run, T0, 3, false, "earlier failure")), queued(),
                "the entry is back as it was, attempts included");
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> fx.tx(tx -> {
            assertEquals(1, tx.purgeQueue().takeDue(T0, 10).size());
            tx.logs().deleteByFlowRunIds(List.of(run), 100);
            throw boom;
        }));
        assertEquals(6, fx.countLogs(List.of(run)));
        assertEquals(List.of(new PurgeTask(run, T0, 3, false, "earlier failure")), queued());
        assertEquals(2, fx.countLogs(List.of(other)));
    }

    @Test
    void putBackQueuesTakenEntriesAgainAsTheyWereDueAtTheGivenTime() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        enqueue(T0, a);
        enqueue(T0.plusSeconds(1), b);
        fx.tx(tx -> {
            tx.purgeQueue().recordFailure(a, 5, "disk full", T0, true);
            return null;
        });
        fx.tx(tx -> {
            List<PurgeTask> taken = tx.purgeQueue().takeDue(T0.plusSeconds(2), 10);
            assertEquals(2, taken.size());
            tx.purgeQueue().putBack(taken, T0.plusSeconds(30));
            return null;
        });
        assertEquals(new PurgeQueueStats(1, 1, T0), stats());
        assertEquals(List.of(), claim(T0.plusSeconds(29), 10), "due at the time given");
        assertEquals(List.of(new PurgeTask(a, T0, 5, true, "disk full"), new PurgeTask(b, T0.plusSeconds(1), 0, false,
                null)), claim(T0.plusSeconds(30), 10), "each as it was");
    }
}
