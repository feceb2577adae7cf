package dev.flowsweep.retention;

import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DrainProgress;
import dev.flowsweep.service.MockStorage;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.LeaseStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Batch windows and run outcomes of {@link RetentionService} on the test clock: a run outside its windows is skipped,
 * one whose window closes stops after the batch in flight and goes on at the next opening; the status keeps the last
 * attempt, the failures and the last success.
 */
class RetentionWindowsTest {
    /** Monday 2026-06-01 02:00 in Berlin. */
    private static final Instant MONDAY_2_BERLIN = Instant.parse("2026-06-01T00:00:00Z");

    private final MutableClock clock = MutableClock.of(MONDAY_2_BERLIN, ZoneOffset.UTC);
    private final MockStorage mocks = new MockStorage();
    private final FlowRunStore flowRuns = mocks.flowRuns;
    private final LeaseStore leases = mocks.leases;
    private final Deque<List<UUID>> batches = new ArrayDeque<>();
    private RetentionService service;

    @BeforeEach
    void deleteInBatches() {
        when(flowRuns.lockIdsForDelete(any(), anyInt())).thenAnswer(inv -> batches.isEmpty() ? List.of() : batches.poll());
        when(flowRuns.delete(anyCollection())).thenAnswer(inv -> {
            Collection<UUID> ids = inv.getArgument(0);
            return ids.stream().map(id -> new DeletedFlowRun(id, StateType.COMPLETED, null)).toList();
        });
        when(leases.tryAcquire(anyString(), anyString(), any(), any())).thenReturn(true);
        when(leases.release(anyString(), anyString())).thenReturn(true);
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    private void givenBatches(int... sizes) {
        for (int size : sizes) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                ids.add(UUID.randomUUID());
            }
            batches.add(ids);
        }
    }

    /** A policy of batches of 3 that may run Monday to Friday, 01:00 to 05:00 in Berlin. */
    private RetentionService service(RetentionRunListener listener) {
        RetentionPolicy p = RetentionPolicy.builder("old").olderThan(Duration.ofDays(30)).batchSize(3)
                .windows("Mon-Fri 01:00-05:00 Europe/Berlin").build();
        BulkDeleteService deletes = BulkDeleteService.builder(mocks.storage).clock(clock).build();
        service = RetentionService.builder(deletes).policy(p).clock(clock).instanceId("me").noOrphanLogSweep()
                .runListener(listener).build();
        return service;
    }

    @Test
    void aWindowClosingStopsTheRunAfterTheBatchInFlightAndTheNextOpeningGoesOn() {
        givenBatches(3, 3, 3, 3, 1);
        // Each batch takes an hour by the test clock: the window (until 05:00, 03:00 UTC) closes after the third.
        service(new RetentionRunListener() {
            @Override
            public void onBatch(RetentionPolicy policy, DrainProgress progress) {
                clock.add(Duration.ofHours(1));
            }
        });

        RetentionRun first = service.runNow("old");

        assertEquals(RetentionRun.Outcome.WINDOW_CLOSED, first.outcome());
        assertEquals(3, first.batches(), "the batch in flight at 05:00 finished; no further one started");
        assertEquals(9, first.deleted());
        assertTrue(first.succeeded());
        assertTrue(first.message().contains("goes on when one opens, at 2026-06-01T23:00:00Z"), first.message());
        RetentionStatus status = service.status().get(0);
        assertFalse(status.windowOpen());
        assertEquals(Instant.parse("2026-06-01T23:00:00Z"), status.nextWindowOpensAt());
        assertEquals(first, status.lastAttempt());

        clock.setInstant(Instant.parse("2026-06-01T12:00:00Z"));
        RetentionRun outside = service.runNow("old");
        assertEquals(RetentionRun.Outcome.SKIPPED_OUTSIDE_WINDOW, outside.outcome());
        assertTrue(outside.outcome().skipped());
        assertTrue(outside.message().contains("the next opens at 2026-06-01T23:00:00Z"), outside.message());
        assertEquals(outside, service.status().get(0).lastRun());
        assertEquals(first, service.status().get(0).lastAttempt(), "a skip is no attempt");

        clock.setInstant(Instant.parse("2026-06-01T23:00:00Z"));
        RetentionRun resumed = service.runNow("old");
        assertEquals(RetentionRun.Outcome.COMPLETED, resumed.outcome());
        assertEquals(4, resumed.deleted(), "the rest");
        assertTrue(service.status().get(0).windowOpen());
    }

    @Test
    void aRunOutsideItsWindowsTouchesNothing() {
        clock.setInstant(Instant.parse("2026-06-06T01:00:00Z"));  // Saturday
        givenBatches(3);
        service(new RetentionRunListener() {
        });

        RetentionRun run = service.runNow("old");

        assertEquals(RetentionRun.Outcome.SKIPPED_OUTSIDE_WINDOW, run.outcome());
        assertEquals(0, run.deleted());
        verify(flowRuns, never()).lockIdsForDelete(any(), anyInt());
        verify(leases, never()).tryAcquire(anyString(), anyString(), any(), any());
        assertTrue(run.message().contains("the next opens at 2026-06-07T23:00:00Z"), run.message());
    }

    @Test
    void theStatusKeepsAFailureVisibleUntilARunSucceeds() {
        givenBatches(3);
        doAnswer(inv -> batches.poll())
                .doThrow(new FlowsweepStorageException("disk full", null))
                .doAnswer(inv -> List.of())
                .when(flowRuns).lockIdsForDelete(any(), anyInt());
        service(new RetentionRunListener() {
        });

        RetentionRun failed = service.runNow("old");

        assertEquals(RetentionRun.Outcome.FAILED, failed.outcome());
        assertFalse(failed.succeeded());
        assertTrue(failed.message().contains("disk full"), failed.message());
        RetentionStatus status = service.status().get(0);
        assertTrue(status.failing());
        assertEquals(1, status.failedRuns());
        assertNull(status.lastSuccessAt());

        clock.setInstant(Instant.parse("2026-06-02T12:00:00Z"));  // outside the window: skipped
        service.runNow("old");
        assertTrue(service.status().get(0).failing(), "a skipped run hides no failure");

        clock.setInstant(Instant.parse("2026-06-02T00:30:00Z"));
        RetentionRun ok = service.runNow("old");
        assertEquals(RetentionRun.Outcome.COMPLETED, ok.outcome());
        status = service.status().get(0);
        assertFalse(status.failing());
        assertEquals(1, status.failedRuns(), "failures are counted, not forgotten");
        assertEquals(Instant.parse("2026-06-02T00:30:00Z"), status.lastSuccessAt());
    }
}
