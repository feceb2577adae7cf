package dev.flowsweep.retention;

import dev.flowsweep.events.DeletionEvent;
import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DrainProgress;
import dev.flowsweep.service.MockStorage;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.Lease;
import dev.flowsweep.spi.LeaseStore;
import dev.flowsweep.spi.LogStore;
import dev.flowsweep.spi.StorageTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.threeten.extra.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Scheduling, batching, leases and stop conditions of {@link RetentionService}, against a mocked storage SPI. */
class RetentionServiceTest {
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final String ME = "instance-a";
    private static final String LEASE = RetentionService.LEASE_PREFIX + "old";
    private static final Duration TTL = RetentionService.DEFAULT_LEASE_TTL;

    private final MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);
    private final MockStorage mocks = new MockStorage();
    private final FlowsweepStorage storage = mocks.storage;
    private final StorageTransaction tx = mocks.tx;
    private final FlowRunStore flowRuns = mocks.flowRuns;
    private final LeaseStore leases = mocks.leases;
    private final LogStore logs = mocks.logs;
    private final Deque<List<UUID>> batches = new ArrayDeque<>();
    private final List<DeletionEvent> events = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private BulkDeleteService deletes;
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
        deletes = BulkDeleteService.builder(storage).clock(clock).deletionListener(events::add).build();
    }

    @AfterEach
    void closeService() {
        Thread.interrupted();
        if (service != null) {
            service.close();
        }
    }

    private static RetentionPolicy.Builder policy() {
        return RetentionPolicy.builder("old").olderThan(Duration.ofDays(30)).batchSize(3);
    }

    private RetentionService.Builder builder(RetentionPolicy policy) {
        return RetentionService.builder(deletes).policy(policy).clock(clock).instanceId(ME).pauser(pauses::add)
                .noOrphanLogSweep();
    }

    private RetentionService service(RetentionPolicy policy) {
        service = builder(policy).build();
        return service;
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

    /** {@code criterion} (a top-level And) and below the smallest of {@code ids}. */
    private static Criterion below(Criterion criterion, List<UUID> ids) {
        List<Criterion> children = new ArrayList<>(((Criterion.And) criterion).children());
        children.add(new Criterion.IdBelow(ids.stream().min(Uuids.ORDER).orElseThrow()));
        return new Criterion.And(children);
    }

    // ------------------------------------------------------------------------------------------- batches

    @Test
    void runsBatchesThroughTheBulkDeleteServiceUntilOneComesBackShort() {
        givenBatches(3, 3, 1);
        List<List<UUID>> given = List.copyOf(batches);
        RetentionPolicy p = policy().build();

        RetentionRun run = service(p).runNow("old");

        assertEquals(RetentionRun.Outcome.COMPLETED, run.outcome());
        assertEquals(3, run.batches());
        assertEquals(7, run.deleted());
        assertEquals(T0.minus(Duration.ofDays(30)), run.cutoff());
        assertEquals(T0, run.startedAt());
        assertNull(run.message());
        Criterion expected = p.filterAt(T0).toCriterion().orElseThrow();
        // down the ids: each batch after a full one looks below its smallest id; the short batch below is followed,
        // in the same step, by one over every run (empty here), which ends the run
        InOrder order = inOrder(flowRuns);
        order.verify(flowRuns).lockIdsForDelete(expected, 3);
        order.verify(flowRuns).lockIdsForDelete(below(expected, given.get(0)), 3);
        order.verify(flowRuns).lockIdsForDelete(below(expected, given.get(1)), 3);
        order.verify(flowRuns).lockIdsForDelete(expected, 3);
        verify(flowRuns, times(4)).lockIdsForDelete(any(), anyInt());
        assertEquals(3, events.size());
        for (DeletionEvent e : events) {
            assertEquals("RETENTION:old", e.reason().toString());
            assertEquals(RetentionService.DEFAULT_ACTOR, e.actor());
        }
        assertEquals(List.of(3, 3, 1), events.stream().map(e -> e.runIds().size()).toList());
    }

    @Test
    void theCutoffIsTakenOnceWhenTheRunStarts() {
        givenBatches(3, 3, 0);
        RetentionPolicy p = policy().build();
        service = builder(p).runListener(new RetentionRunListener() {
            @Override
            public void onBatch(RetentionPolicy policy, DrainProgress progress) {
                clock.add(Duration.ofHours(1));
            }
        }).build();

        RetentionRun run = service.runNow("old");

        Criterion firstCutoff = p.filterAt(T0).toCriterion().orElseThrow();
        verify(flowRuns, times(2)).lockIdsForDelete(firstCutoff, 3); // the first batch, and the last from the top
        verify(flowRuns, times(2)).lockIdsForDelete(argThat(c -> c instanceof Criterion.And and
                && and.children().containsAll(((Criterion.And) firstCutoff).children())
                && and.children().get(and.children().size() - 1) instanceof Criterion.IdBelow), eq(3));
        assertEquals(Duration.ofHours(3), run.elapsed());
    }

    @Test
    void pausesBetweenBatchesButNotAfterTheLast() {
        givenBatches(3, 3, 2);
        service(policy().pauseBetweenBatches(Duration.ofMillis(250)).build()).runNow("old");

        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(250)), pauses);
    }

    @Test
    void aPauseCutShortByAnInterruptEndsTheRun() {
        givenBatches(3, 3, 2);
        service = builder(policy().pauseBetweenBatches(Duration.ofSeconds(1)).build()).pauser(d -> false).build();

        RetentionRun run = service.runNow("old");

        assertEquals(RetentionRun.Outcome.INTERRUPTED, run.outcome());
        assertEquals(1, run.batches());
        assertEquals(3, run.deleted());
    }

    @Test
    void theTimeBudgetIsCheckedBeforeEachBatch() {
        givenBatches(3, 3, 3, 3, 3);
        service = builder(policy().timeBudget(Duration.ofSeconds(150)).build()).runListener(new RetentionRunListener() {
            @Override
            public void onBatch(RetentionPolicy policy, DrainProgress progress) {
                clock.add(Duration.ofSeconds(60));
            }
        }).build();

        RetentionRun run = service.runNow("old");

        assertEquals(RetentionRun.Outcome.TIME_BUDGET, run.outcome());
        assertEquals(3, run.batches(), "batches start at 0 s, 60 s and 120 s; at 180 s the budget of 150 s is used up");
        assertEquals(9, run.deleted());
    }

    @Test
    void anInterruptedThreadStartsNoBatchAndStillReleasesTheLease() {
        givenBatches(3);
        service(policy().build());
        Thread.currentThread().interrupt();

        RetentionRun run = service.runNow("old");

        assertTrue(Thread.interrupted(), "the interrupt flag is left set");
        assertEquals(RetentionRun.Outcome.INTERRUPTED, run.outcome());
        assertEquals(0, run.batches());
        verify(flowRuns, never()).lockIdsForDelete(any(), anyInt());
        verify(leases).release(LEASE, ME);
    }

    @Test
    void aStorageFailureEndsTheRunAsFailedKeepingWhatWasDeleted() {
        givenBatches(3);
        doAnswer(inv -> batches.poll())
                .doThrow(new FlowsweepStorageException("connection reset", null))
                .when(flowRuns).lockIdsForDelete(any(), anyInt());
        service(policy().build());

        RetentionRun run = service.runNow("old");

        assertEquals(RetentionRun.Outcome.FAILED, run.outcome());
        assertEquals(1, run.batches());
        assertEquals(3, run.deleted());
        assertTrue(run.message().contains("connection reset"), run.message());
        verify(leases).release(LEASE, ME);
        assertEquals(run, service.status().get(0).lastRun());
    }

    // ------------------------------------------------------------------------------------------- leases

    @Test
    void takesTheLeaseRenewsItBeforeEachFurtherBatchAndReleasesIt() {
        givenBatches(3, 3, 1);
        RetentionRunListener probe = mock(RetentionRunListener.class);
        service = builder(policy().build()).runListener(probe).build();

        service.runNow("old");

        InOrder order = inOrder(leases, flowRuns, probe);
        order.verify(leases).tryAcquire(LEASE, ME, T0, T0.plus(TTL));
        order.verify(probe).onRunStarted(any(), eq(T0.minus(Duration.ofDays(30))));
        order.verify(flowRuns).lockIdsForDelete(any(), eq(3));
        order.verify(leases).tryAcquire(LEASE, ME, T0, T0.plus(TTL));
        order.verify(flowRuns).lockIdsForDelete(any(), eq(3));
        order.verify(leases).tryAcquire(LEASE, ME, T0, T0.plus(TTL));
        order.verify(flowRuns).lockIdsForDelete(any(), eq(3));
        order.verify(probe).onRunFinished(any());
        order.verify(leases).release(LEASE, ME);
        order.verifyNoMoreInteractions();
    }

    @Test
    void aLeaseHeldByAnotherInstanceSkipsTheRun() {
        givenBatches(3);
        when(leases.tryAcquire(anyString(), anyString(), any(), any())).thenReturn(false);
        when(leases.find(LEASE)).thenReturn(Optional.of(new Lease(LEASE, "instance-b", T0, T0.plusSeconds(60))));

        RetentionRun run = service(policy().build()).runNow("old");

        assertEquals(RetentionRun.Outcome.SKIPPED_LEASE_HELD, run.outcome());
        assertTrue(run.outcome().skipped());
        assertEquals("held by instance-b until " + T0.plusSeconds(60), run.message());
        verify(flowRuns, never()).lockIdsForDelete(any(), anyInt());
        verify(leases, never()).release(anyString(), anyString());
        assertTrue(events.isEmpty());
    }

    @Test
    void aLeaseThatCannotBeRenewedStopsTheRunAfterItsBatch() {
        givenBatches(3, 3, 3);
        when(leases.tryAcquire(anyString(), anyString(), any(), any())).thenReturn(true, false);
        when(leases.find(LEASE)).thenReturn(Optional.of(new Lease(LEASE, "instance-b", T0, T0.plusSeconds(60))));

        RetentionRun run = service(policy().build()).runNow("old");

        assertEquals(RetentionRun.Outcome.LEASE_LOST, run.outcome());
        assertEquals(1, run.batches());
        assertTrue(run.message().contains("instance-b"), run.message());
        verify(flowRuns, times(1)).lockIdsForDelete(any(), anyInt());
    }

    @Test
    void aStorageThatCannotTakeTheLeaseFailsTheRunWithoutDeleting() {
        when(leases.tryAcquire(anyString(), anyString(), any(), any()))
                .thenThrow(new FlowsweepStorageException("db down", null));

        RetentionRun run = service(policy().build()).runNow("old");

        assertEquals(RetentionRun.Outcome.FAILED, run.outcome());
        assertTrue(run.message().contains("db down"), run.message());
        verify(flowRuns, never()).lockIdsForDelete(any(), anyInt());
    }

    @Test
    void withoutLeaseNoLeaseIsTouched() {
        givenBatches(3, 1);
        service = builder(policy().build()).withoutLease().build();

        assertEquals(4, service.runNow("old").deleted());
        verifyNoInteractions(leases);
    }

    @Test
    void startingOnAStorageWithoutLeasesIsRefusedUnlessWithoutLease() {
        when(tx.leases()).thenThrow(new UnsupportedOperationException("no leases here"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> service(policy().build()).start());
        assertTrue(e.getMessage().contains("withoutLease()"), e.getMessage());

        RetentionRun run = service.runNow("old");
        assertEquals(RetentionRun.Outcome.FAILED, run.outcome());
        assertTrue(run.message().contains("withoutLease()"), run.message());
    }

    // ------------------------------------------------------------------------------------------- one at a time

    @Test
    void aPolicyRunningHereIsNotStartedAgain() {
        givenBatches(3, 1);
        List<RetentionRun> nested = new ArrayList<>();
        List<Boolean> runningSeen = new ArrayList<>();
        service = builder(policy().build()).runListener(new RetentionRunListener() {
            @Override
            public void onBatch(RetentionPolicy policy, DrainProgress progress) {
                runningSeen.add(service.status().get(0).running());
                if (nested.isEmpty()) {
                    nested.add(service.runNow("old"));
                }
            }
        }).build();

        RetentionRun outer = service.runNow("old");

        assertEquals(RetentionRun.Outcome.SKIPPED_ALREADY_RUNNING, nested.get(0).outcome());
        assertEquals(RetentionRun.Outcome.COMPLETED, outer.outcome());
        assertEquals(4, outer.deleted());
        assertEquals(List.of(true, true), runningSeen);
        assertFalse(service.status().get(0).running());
        verify(leases, times(2)).tryAcquire(eq(LEASE), eq(ME), any(), any());   // taken once, renewed once
    }

    @Test
    void closingStopsARunAfterItsBatchInFlight() {
        givenBatches(3, 3, 3);
        service = builder(policy().build()).closeTimeout(Duration.ZERO).runListener(new RetentionRunListener() {
            @Override
            public void onBatch(RetentionPolicy policy, DrainProgress progress) {
                service.close();
            }
        }).build();

        RetentionRun run = service.runNow("old");

        assertEquals(RetentionRun.Outcome.CLOSED, run.outcome());
        assertEquals(1, run.batches());
        verify(leases).release(LEASE, ME);
        assertThrows(IllegalStateException.class, () -> service.runNow("old"));
        assertThrows(IllegalStateException.class, () -> service.start());
    }

    // ------------------------------------------------------------------------------------------- schedule

    @Test
    void startSchedulesEachPolicyOnTheHostsExecutorAndCloseLeavesItRunning() {
        ScheduledExecutorService executor = mock(ScheduledExecutorService.class);
        ScheduledFuture<?> future = mock(ScheduledFuture.class);
        doReturn(future).when(executor).scheduleWithFixedDelay(any(), anyLong(), anyLong(), any());
        when(future.getDelay(TimeUnit.NANOSECONDS)).thenReturn(Duration.ofMinutes(20).toNanos());
        RetentionPolicy p = policy().interval(Duration.ofMinutes(30)).build();
        service = builder(p).executor(executor).initialDelay(Duration.ofSeconds(5))
                .orphanLogSweep(Duration.ofHours(2)).build();

        service.start();

        ArgumentCaptor<Runnable> task = ArgumentCaptor.forClass(Runnable.class);
        verify(executor).scheduleWithFixedDelay(task.capture(), eq(Duration.ofSeconds(5).toNanos()),
                eq(Duration.ofMinutes(30).toNanos()), eq(TimeUnit.NANOSECONDS));
        verify(executor).scheduleWithFixedDelay(any(), eq(Duration.ofSeconds(5).toNanos()),
                eq(Duration.ofHours(2).toNanos()), eq(TimeUnit.NANOSECONDS));
        assertEquals(T0.plus(Duration.ofMinutes(20)), service.status().get(0).nextRunAt());
        assertNull(service.status().get(0).lastRun());

        givenBatches(2);
        task.getValue().run();
        assertEquals(2, service.status().get(0).lastRun().deleted());

        service.close();
        verify(future, times(2)).cancel(false);
        verify(executor, never()).shutdown();
        verify(executor, never()).shutdownNow();
        assertNull(service.status().get(0).nextRunAt());
    }

    @Test
    void aScheduledRunThatFailsDoesNotEscapeIntoTheExecutor() {
        ScheduledExecutorService executor = mock(ScheduledExecutorService.class);
        doReturn(mock(ScheduledFuture.class)).when(executor).scheduleWithFixedDelay(any(), anyLong(), anyLong(), any());
        doThrow(new IllegalStateException("bug")).when(flowRuns).lockIdsForDelete(any(), anyInt());
        service = builder(policy().build()).executor(executor).build().start();
        ArgumentCaptor<Runnable> task = ArgumentCaptor.forClass(Runnable.class);
        verify(executor).scheduleWithFixedDelay(task.capture(), anyLong(), anyLong(), any());

        task.getValue().run();

        assertEquals(RetentionRun.Outcome.FAILED, service.status().get(0).lastRun().outcome());
    }

    @Test
    void theServicesOwnThreadRunsTheScheduleAndStopsOnClose() throws Exception {
        givenBatches(2);
        CountDownLatch finished = new CountDownLatch(1);
        service = builder(policy().build()).runListener(new RetentionRunListener() {
            @Override
            public void onRunFinished(RetentionRun run) {
                finished.countDown();
            }
        }).build().start();

        assertTrue(finished.await(10, TimeUnit.SECONDS), "the first run starts at once");
        service.close();
        assertEquals(2, service.status().get(0).lastRun().deleted());
    }

    @Test
    void buildChecksThePoliciesAgainstTheServiceAndTheLease() {
        BulkDeleteService capped = BulkDeleteService.builder(storage).limitCap(50).build();
        assertThrows(IllegalArgumentException.class, () -> RetentionService.builder(capped)
                .policy(policy().batchSize(51).build()).build());
        assertThrows(IllegalArgumentException.class, () -> RetentionService.builder(deletes)
                .policy(policy().build()).policy(policy().build()).build());
        assertThrows(IllegalArgumentException.class, () -> RetentionService.builder(deletes)
                .policy(policy().pauseBetweenBatches(Duration.ofMinutes(1)).build()).leaseTtl(Duration.ofMinutes(1)).build());
        RetentionService.builder(deletes).policy(policy().pauseBetweenBatches(Duration.ofMinutes(1)).build())
                .withoutLease().build().close();
        assertThrows(IllegalArgumentException.class, () -> service(policy().build()).runNow("missing"));
        assertThrows(IllegalArgumentException.class, () -> RetentionService.builder(deletes).actor(""));
        assertThrows(IllegalArgumentException.class, () -> RetentionService.builder(deletes).instanceId("x".repeat(201)));
    }

    // ------------------------------------------------------------------------------------------- dry run

    @Test
    void aDryRunCountsAndListsTheFirstIdsWithTheRunsFilterAndChangesNothing() {
        RetentionPolicy p = policy().build();
        Criterion c = p.filterAt(T0).toCriterion().orElseThrow();
        UUID a = UUID.randomUUID();
        when(flowRuns.count(c)).thenReturn(7L);
        when(flowRuns.findIds(c, FlowRunSort.ID_DESC, 2)).thenReturn(List.of(a));

        RetentionPreview preview = service(p).dryRun("old", 2);

        assertEquals(7, preview.matching());
        assertEquals(List.of(a), preview.firstIds());
        assertEquals(3, preview.batches());
        assertEquals(T0.minus(Duration.ofDays(30)), preview.cutoff());
        assertEquals(p.filterAt(T0), preview.filter());
        verify(flowRuns, never()).lockIdsForDelete(any(), anyInt());
        verify(flowRuns, never()).delete(anyCollection());
        verifyNoInteractions(leases);
        assertThrows(IllegalArgumentException.class, () -> service.dryRun("old", -1));
    }
}
