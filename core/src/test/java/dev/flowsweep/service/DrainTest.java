package dev.flowsweep.service;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.purge.PurgeWakeUp;
import dev.flowsweep.spi.ConcurrencyLimitStore;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.DeploymentStore;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.PurgeQueueStore;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;
import org.threeten.extra.MutableClock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** {@link BulkDeleteService#drain}: batches of bulk deletes until nothing is left, the budget or an interrupt. */
class DrainTest {
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00.123456Z");
    private static final Clock FIXED = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final UUID RUN_LOW = UUID.fromString("10000000-0000-0000-0000-000000000001");
    private static final UUID RUN_HIGH = UUID.fromString("90000000-0000-0000-0000-000000000003");
    private static final UUID LIMIT_HIGH = UUID.fromString("a0000000-0000-0000-0000-00000000000b");
    private static final FlowRunFilter COMPLETED = FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build();
    private static final Criterion COMPLETED_CRITERION = COMPLETED.toCriterion().orElseThrow();

    private final MockStorage mocks = new MockStorage();
    private final FlowsweepStorage storage = mocks.storage;
    private final FlowRunStore flowRuns = mocks.flowRuns;
    private final DeploymentStore deployments = mocks.deployments;
    private final ConcurrencyLimitStore limits = mocks.limits;
    private final PurgeQueueStore purgeQueue = mocks.purgeQueue;
    private final PurgeWakeUp purger = mock(PurgeWakeUp.class);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private BulkDeleteService.Builder builder() {
        return BulkDeleteService.builder(storage).clock(FIXED).logPurger(purger).sleeper(d -> { });
    }

    private BulkDeleteService service() {
        return builder().build();
    }

    private static DeletedFlowRun run(UUID id, StateType state, UUID deploymentId) {
        return new DeletedFlowRun(id, state, deploymentId);
    }

    private final List<DrainProgress> progress = new ArrayList<>();

    /** Each batch locks and deletes the next list of runs; an empty list after the last. */
    @SafeVarargs
    private void givenBatches(List<DeletedFlowRun>... batches) {
        AtomicInteger next = new AtomicInteger();
        List<List<DeletedFlowRun>> remaining = new ArrayList<>();
        for (List<DeletedFlowRun> batch : batches) {
            remaining.add(batch);
        }
        when(flowRuns.lockIdsForDelete(any(), anyInt())).thenAnswer(inv -> {
            int i = next.getAndIncrement();
            return i < remaining.size() ? remaining.get(i).stream().map(DeletedFlowRun::id).toList() : List.of();
        });
        when(flowRuns.delete(anyCollection())).thenAnswer(inv -> {
            Collection<UUID> ids = inv.getArgument(0);
            return remaining.stream().flatMap(List::stream).filter(r -> ids.contains(r.id())).toList();
        });
    }

    private List<DeletedFlowRun> runs(int n, StateType state, UUID deployment) {
        List<DeletedFlowRun> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(run(UUID.randomUUID(), state, deployment));
        }
        return runs;
    }

    @Test
    void stopsWhenABatchComesBackShortAndSumsReleasedSlots() {
        UUID deployment = UUID.randomUUID();
        List<DeletedFlowRun> first = runs(2, StateType.RUNNING, deployment);
        List<DeletedFlowRun> second = runs(2, StateType.COMPLETED, deployment);
        givenBatches(first, second, runs(1, StateType.PENDING, deployment));
        when(deployments.concurrencyLimitIds(anyCollection())).thenReturn(Map.of(deployment, LIMIT_HIGH));
        when(limits.releaseSlots(any(), anyInt())).thenReturn(true);

        DrainResult result = service().drain(COMPLETED, 2, progress::add);

        assertEquals(DrainResult.StopReason.EXHAUSTED, result.stopReason());
        assertEquals(3, result.batches());
        assertEquals(5, result.deleted());
        assertEquals(Map.of(LIMIT_HIGH, 3), result.releasedSlots());
        assertEquals(List.of(1, 2, 3), progress.stream().map(DrainProgress::batches).toList());
        assertEquals(List.of(2L, 4L, 5L), progress.stream().map(DrainProgress::deleted).toList());
        assertEquals(List.of(2, 2, 1), progress.stream().map(DrainProgress::lastBatchSize).toList());
        // the walk down the ids: each full batch's next starts below its smallest id; the short one below the walk
        // is followed, in the same step, by a batch over every run (here empty), which ends the drain
        InOrder order = inOrder(flowRuns);
        order.verify(flowRuns).lockIdsForDelete(COMPLETED_CRITERION, 2);
        order.verify(flowRuns).lockIdsForDelete(below(COMPLETED_CRITERION, smallest(first)), 2);
        order.verify(flowRuns).lockIdsForDelete(below(COMPLETED_CRITERION, smallest(second)), 2);
        order.verify(flowRuns).lockIdsForDelete(COMPLETED_CRITERION, 2);
        verify(flowRuns, times(4)).lockIdsForDelete(any(), anyInt());
        verify(storage, times(4)).inTransaction(any());
        verify(purger, times(3)).purgesQueued(any());
    }

    /** Runs that begin to match above the walk (say, created while it goes on) are found by the batch from the top. */
    @Test
    void runsThatBeginToMatchAboveTheWalkAreDeletedByTheBatchFromTheTop() {
        UUID deployment = UUID.randomUUID();
        List<DeletedFlowRun> first = runs(2, StateType.COMPLETED, deployment);
        List<DeletedFlowRun> below = runs(1, StateType.COMPLETED, deployment);
        List<DeletedFlowRun> above = runs(2, StateType.COMPLETED, deployment);
        givenBatches(first, below, above, runs(1, StateType.COMPLETED, deployment));

        DrainResult result = service().drain(COMPLETED, 2, progress::add);

        assertEquals(DrainResult.StopReason.EXHAUSTED, result.stopReason());
        assertEquals(6, result.deleted());
        assertEquals(List.of(2, 3, 1), progress.stream().map(DrainProgress::lastBatchSize).toList(),
                "the short batch below the walk and the full one from the top make one step");
        InOrder order = inOrder(flowRuns);
        order.verify(flowRuns).lockIdsForDelete(COMPLETED_CRITERION, 2);
        order.verify(flowRuns).lockIdsForDelete(below(COMPLETED_CRITERION, smallest(first)), 2);
        order.verify(flowRuns).lockIdsForDelete(COMPLETED_CRITERION, 2);
        order.verify(flowRuns).lockIdsForDelete(below(COMPLETED_CRITERION, smallest(above)), 2);
        order.verify(flowRuns).lockIdsForDelete(COMPLETED_CRITERION, 2);
        verify(storage, times(5)).inTransaction(any());
    }

    private static Criterion below(Criterion criterion, UUID id) {
        return new Criterion.And(List.of(criterion, new Criterion.IdBelow(id)));
    }

    private static UUID smallest(List<DeletedFlowRun> runs) {
        return runs.stream().map(DeletedFlowRun::id).min(Uuids.ORDER).orElseThrow();
    }

    @Test
    void anEmptyFirstBatchIsExhausted() {
        givenBatches();

        DrainResult result = service().drain(null, 10, null);

        assertEquals(DrainResult.StopReason.EXHAUSTED, result.stopReason());
        assertEquals(1, result.batches());
        assertEquals(0, result.deleted());
    }

    @Test
    void stopsWhenTheTimeBudgetRunsOut() {
        MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
        givenBatches(runs(1, null, null), runs(1, null, null), runs(1, null, null), runs(1, null, null),
                runs(1, null, null));
        BulkDeleteService service = builder().clock(clock).build();

        // Every batch takes 10 s on the fake clock.
        DrainResult result = service.drain(null, 1, Duration.ofSeconds(25), p -> {
            progress.add(p);
            clock.add(Duration.ofSeconds(10));
        });

        assertEquals(DrainResult.StopReason.TIME_BUDGET, result.stopReason());
        assertEquals(3, result.batches());
        assertEquals(3, result.deleted());
        assertEquals(Duration.ofSeconds(30), result.elapsed());
        assertEquals(Duration.ZERO, progress.get(0).elapsed());
    }

    @Test
    void aZeroBudgetDeletesNothing() {
        DrainResult result = service().drain(null, 10, Duration.ZERO, progress::add);

        assertEquals(DrainResult.StopReason.TIME_BUDGET, result.stopReason());
        assertEquals(0, result.batches());
        verifyNoInteractions(storage);
        assertTrue(progress.isEmpty());
    }

    @Test
    void stopsBetweenBatchesWhenInterruptedAndKeepsTheFlag() {
        givenBatches(runs(2, null, null), runs(2, null, null), runs(2, null, null), runs(2, null, null));

        DrainResult result = service().drain(null, 2, p -> {
            progress.add(p);
            if (p.batches() == 2) {
                Thread.currentThread().interrupt();
            }
        });

        assertEquals(DrainResult.StopReason.INTERRUPTED, result.stopReason());
        assertEquals(2, result.batches());
        assertEquals(4, result.deleted());
        assertTrue(Thread.currentThread().isInterrupted());
    }

    @Test
    void anAlreadyInterruptedThreadDeletesNothing() {
        Thread.currentThread().interrupt();

        DrainResult result = service().drain(null, 2, null);

        assertEquals(DrainResult.StopReason.INTERRUPTED, result.stopReason());
        assertEquals(0, result.batches());
        verifyNoInteractions(storage);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 201})
    void batchSizeOutsideOneToCapIsRefusedBeforeAnyStorageCall(int batchSize) {
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> service().drain(null, batchSize, null));

        ConstraintViolation<?> violation = e.getConstraintViolations().iterator().next();
        assertEquals("batchSize", violation.getPropertyPath().toString());
        assertEquals("batchSize must be between 1 and 200, was " + batchSize, violation.getMessage());
        verifyNoInteractions(storage);
    }

    @Test
    void negativeBudgetIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> service().drain(null, 1, Duration.ofSeconds(-1), null));
        verifyNoInteractions(storage);
    }

    @Test
    void aFailingBatchEndsTheDrainWithTheStorageException() {
        givenBatches(runs(2, null, null), runs(2, null, null));
        when(flowRuns.lockIdsForDelete(any(), anyInt()))
                .thenReturn(List.of(RUN_LOW, RUN_HIGH))
                .thenThrow(new FlowsweepStorageException("gone", null, false));
        when(flowRuns.delete(anyCollection()))
                .thenReturn(List.of(run(RUN_LOW, null, null), run(RUN_HIGH, null, null)));

        assertThrows(FlowsweepStorageException.class, () -> service().drain(null, 2, progress::add));

        assertEquals(1, progress.size());
        verify(purgeQueue, times(1)).enqueue(eq(List.of(RUN_HIGH, RUN_LOW)), eq(NOW));
        verify(flowRuns).lockIdsForDelete(isNull(), eq(2));
        verify(flowRuns).lockIdsForDelete(new Criterion.IdBelow(RUN_LOW), 2);
    }
}
