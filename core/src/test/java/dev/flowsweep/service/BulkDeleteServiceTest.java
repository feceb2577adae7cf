package dev.flowsweep.service;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.StateType;
import dev.flowsweep.purge.PurgeWakeUp;
import dev.flowsweep.spi.ConcurrencyLimitStore;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.DeploymentStore;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.PurgeQueueStore;
import dev.flowsweep.spi.TaskRunStore;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/** The bulk delete orchestration against a mocked storage SPI. */
class BulkDeleteServiceTest {
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00.123456Z");
    private static final Clock FIXED = Clock.fixed(NOW, ZoneOffset.UTC);

    // Signed (UUID.compareTo) and unsigned order disagree between ids starting with 0-7 and with 8-f.
    private static final UUID RUN_LOW = UUID.fromString("10000000-0000-0000-0000-000000000001");
    private static final UUID RUN_MID = UUID.fromString("70000000-0000-0000-0000-000000000002");
    private static final UUID RUN_HIGH = UUID.fromString("90000000-0000-0000-0000-000000000003");
    private static final UUID RUN_TOP = UUID.fromString("f0000000-0000-0000-0000-000000000004");

    private static final UUID LIMIT_LOW = UUID.fromString("20000000-0000-0000-0000-00000000000a");
    private static final UUID LIMIT_HIGH = UUID.fromString("a0000000-0000-0000-0000-00000000000b");

    private static final FlowRunFilter COMPLETED = FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build();
    private static final Criterion COMPLETED_CRITERION = COMPLETED.toCriterion().orElseThrow();

    private final MockStorage mocks = new MockStorage();
    private final FlowsweepStorage storage = mocks.storage;
    private final FlowRunStore flowRuns = mocks.flowRuns;
    private final TaskRunStore taskRuns = mocks.taskRuns;
    private final DeploymentStore deployments = mocks.deployments;
    private final ConcurrencyLimitStore limits = mocks.limits;
    private final PurgeQueueStore purgeQueue = mocks.purgeQueue;
    private final PurgeWakeUp purger = mock(PurgeWakeUp.class);
    private final List<Duration> pauses = new ArrayList<>();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private BulkDeleteService.Builder builder() {
        return BulkDeleteService.builder(storage).clock(FIXED).logPurger(purger).sleeper(pauses::add);
    }

    private BulkDeleteService service() {
        return builder().build();
    }

    private static DeletedFlowRun run(UUID id, StateType state, UUID deploymentId) {
        return new DeletedFlowRun(id, state, deploymentId);
    }

    private void givenLockedAndDeleted(List<UUID> locked, List<DeletedFlowRun> deleted) {
        mocks.givenLockedAndDeleted(locked, deleted);
    }

    // ------------------------------------------------------------------------------------------ bulkDelete

    @Test
    void deletesInOneTransactionInTheContractOrder() {
        UUID deployment = UUID.randomUUID();
        givenLockedAndDeleted(List.of(RUN_HIGH, RUN_LOW), List.of(
                run(RUN_LOW, StateType.RUNNING, deployment), run(RUN_HIGH, StateType.COMPLETED, deployment)));
        when(deployments.concurrencyLimitIds(anyCollection())).thenReturn(Map.of(deployment, LIMIT_LOW));
        when(limits.releaseSlots(LIMIT_LOW, 1)).thenReturn(true);

        BulkDeleteResult result = service().bulkDelete(BulkDeleteRequest.of(COMPLETED, 10));

        assertEquals(List.of(RUN_HIGH, RUN_LOW), result.deleted());
        assertEquals(Map.of(LIMIT_LOW, 1), result.releasedSlots());
        verify(storage, times(1)).inTransaction(any());
        InOrder order = inOrder(flowRuns, taskRuns, deployments, limits, purgeQueue, purger);
        order.verify(flowRuns).lockIdsForDelete(COMPLETED_CRITERION, 10);
        order.verify(flowRuns).orphanSubflowsOf(List.of(RUN_HIGH, RUN_LOW));
        order.verify(taskRuns).deleteByFlowRunIds(List.of(RUN_HIGH, RUN_LOW));
        order.verify(flowRuns).delete(List.of(RUN_HIGH, RUN_LOW));
        order.verify(deployments).concurrencyLimitIds(Set.of(deployment));
        order.verify(limits).releaseSlots(Map.of(LIMIT_LOW, 1));
        order.verify(limits).releaseSlots(LIMIT_LOW, 1);
        order.verify(purgeQueue).enqueue(List.of(RUN_HIGH, RUN_LOW), NOW);
        order.verify(purger).purgesQueued(List.of(RUN_HIGH, RUN_LOW));
        verifyNoMoreInteractions(flowRuns, taskRuns, deployments, limits, purgeQueue, purger);
    }

    @Test
    void groupsSlotsPerLimitAndReleasesOnlyForPendingRunningAndCancelling() {
        UUID depA = UUID.fromString("30000000-0000-0000-0000-0000000000da");
        UUID depB = UUID.fromString("b0000000-0000-0000-0000-0000000000db");
        UUID depNoLimit = UUID.fromString("c0000000-0000-0000-0000-0000000000dc");
        List<DeletedFlowRun> deleted = new ArrayList<>(List.of(
                run(UUID.randomUUID(), StateType.PENDING, depA),
                run(UUID.randomUUID(), StateType.RUNNING, depA),
                run(UUID.randomUUID(), StateType.CANCELLING, depA),
                run(UUID.randomUUID(), StateType.RUNNING, depB),
                run(UUID.randomUUID(), StateType.RUNNING, depNoLimit),
                run(UUID.randomUUID(), StateType.RUNNING, null),
                run(UUID.randomUUID(), null, depA)));
        for (StateType state : StateType.values()) {
            if (!state.holdsConcurrencySlot()) {
                deleted.add(run(UUID.randomUUID(), state, depB));
            }
        }
        givenLockedAndDeleted(deleted.stream().map(DeletedFlowRun::id).toList(), deleted);
        when(deployments.concurrencyLimitIds(anyCollection()))
                .thenReturn(Map.of(depA, LIMIT_HIGH, depB, LIMIT_LOW));
        when(limits.releaseSlots(any(), anyInt())).thenReturn(true);

        BulkDeleteResult result = service().bulkDelete(BulkDeleteRequest.of(null));

        assertEquals(Map.of(LIMIT_HIGH, 3, LIMIT_LOW, 1), result.releasedSlots());
        assertEquals(4, result.totalReleasedSlots());
        verify(deployments).concurrencyLimitIds(Set.of(depA, depB, depNoLimit));
        // One grouped call for all the limits, which releases them in unsigned id order (LIMIT_LOW = 2...,
        // LIMIT_HIGH = a...), not UUID.compareTo order.
        verify(limits, times(1)).releaseSlots(Map.of(LIMIT_HIGH, 3, LIMIT_LOW, 1));
        InOrder order = inOrder(limits);
        order.verify(limits).releaseSlots(LIMIT_LOW, 1);
        order.verify(limits).releaseSlots(LIMIT_HIGH, 3);
        verifyNoMoreInteractions(limits);
    }

    @ParameterizedTest
    @EnumSource(value = StateType.class, names = {"SCHEDULED", "COMPLETED", "FAILED", "CANCELLED", "CRASHED", "PAUSED"})
    void runsNotHoldingASlotReleaseNothingAndSkipTheDeploymentLookup(StateType state) {
        givenLockedAndDeleted(List.of(RUN_LOW), List.of(run(RUN_LOW, state, UUID.randomUUID())));

        BulkDeleteResult result = service().bulkDelete(BulkDeleteRequest.of(null));

        assertEquals(Map.of(), result.releasedSlots());
        verifyNoInteractions(deployments, limits);
    }

    @Test
    void inactiveOrMissingLimitsAreNotReported() {
        UUID depA = UUID.randomUUID();
        UUID depB = UUID.randomUUID();
        givenLockedAndDeleted(List.of(RUN_LOW, RUN_HIGH), List.of(
                run(RUN_LOW, StateType.RUNNING, depA), run(RUN_HIGH, StateType.RUNNING, depB)));
        when(deployments.concurrencyLimitIds(anyCollection())).thenReturn(Map.of(depA, LIMIT_LOW, depB, LIMIT_HIGH));
        when(limits.releaseSlots(LIMIT_LOW, 1)).thenReturn(false);
        when(limits.releaseSlots(LIMIT_HIGH, 1)).thenReturn(true);

        BulkDeleteResult result = service().bulkDelete(BulkDeleteRequest.of(null));

        assertEquals(Map.of(LIMIT_HIGH, 1), result.releasedSlots());
    }

    @Test
    void reportsOnlyWhatThisTransactionDeleted() {
        UUID deployment = UUID.randomUUID();
        // Locked three, but a concurrent transaction deleted RUN_MID first: it is neither reported nor released.
        givenLockedAndDeleted(List.of(RUN_TOP, RUN_MID, RUN_LOW), List.of(
                run(RUN_LOW, StateType.RUNNING, deployment), run(RUN_TOP, StateType.RUNNING, deployment)));
        when(deployments.concurrencyLimitIds(anyCollection())).thenReturn(Map.of(deployment, LIMIT_LOW));
        when(limits.releaseSlots(LIMIT_LOW, 2)).thenReturn(true);

        BulkDeleteResult result = service().bulkDelete(BulkDeleteRequest.of(null, 3));

        assertEquals(List.of(RUN_TOP, RUN_LOW), result.deleted());
        assertEquals(Map.of(LIMIT_LOW, 2), result.releasedSlots());
        verify(purgeQueue).enqueue(List.of(RUN_TOP, RUN_LOW), NOW);
    }

    @Test
    void nothingDeletedByThisTransactionReportsNothingAndDoesNotWakeThePurger() {
        givenLockedAndDeleted(List.of(RUN_LOW), List.of());

        BulkDeleteResult result = service().bulkDelete(BulkDeleteRequest.of(null));

        assertEquals(BulkDeleteResult.empty(), result);
        verifyNoInteractions(deployments, limits, purgeQueue, purger);
    }

    @Test
    void resultIsInUnsignedIdDescendingOrder() {
        List<DeletedFlowRun> deleted = List.of(run(RUN_MID, null, null), run(RUN_TOP, null, null),
                run(RUN_LOW, null, null), run(RUN_HIGH, null, null));
        givenLockedAndDeleted(List.of(RUN_TOP, RUN_HIGH, RUN_MID, RUN_LOW), deleted);

        BulkDeleteResult result = service().bulkDelete(BulkDeleteRequest.of(null));

        // UUID.compareTo would put f... and 9... (negative longs) after 7... and 1...
        assertEquals(List.of(RUN_TOP, RUN_HIGH, RUN_MID, RUN_LOW), result.deleted());
    }

    @Test
    void noMatchReturnsEmptyWithoutFurtherStorageCalls() {
        when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(List.of());

        BulkDeleteResult result = service().bulkDelete(BulkDeleteRequest.of(COMPLETED, 5));

        assertTrue(result.deleted().isEmpty());
        verify(flowRuns).lockIdsForDelete(COMPLETED_CRITERION, 5);
        verifyNoMoreInteractions(flowRuns);
        verifyNoInteractions(taskRuns, deployments, limits, purgeQueue, purger);
    }

    @Test
    void missingLimitMeansTheCapAndMatchAllFilterMeansNullCriterion() {
        when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(List.of());

        builder().limitCap(50).build().bulkDelete(BulkDeleteRequest.of(FlowRunFilter.matchAll()));
        service().bulkDelete(BulkDeleteRequest.of(null));

        verify(flowRuns).lockIdsForDelete(null, 50);
        verify(flowRuns).lockIdsForDelete(null, BulkDeleteService.DEFAULT_LIMIT_CAP);
    }

    @Test
    void failingUnitOfWorkReportsNothingAndDoesNotWakeThePurger() {
        UUID deployment = UUID.randomUUID();
        givenLockedAndDeleted(List.of(RUN_LOW), List.of(run(RUN_LOW, StateType.RUNNING, deployment)));
        when(deployments.concurrencyLimitIds(anyCollection())).thenReturn(Map.of(deployment, LIMIT_LOW));
        FlowsweepStorageException failure = new FlowsweepStorageException("disk full", null, false);
        when(limits.releaseSlots(LIMIT_LOW, 1)).thenThrow(failure);

        FlowsweepStorageException thrown = assertThrows(FlowsweepStorageException.class,
                () -> service().bulkDelete(BulkDeleteRequest.of(null)));

        assertSame(failure, thrown);
        verify(storage, times(1)).inTransaction(any());
        verifyNoInteractions(purgeQueue, purger);
        assertTrue(pauses.isEmpty());
    }

    @Test
    void aPurgerThatCannotBeWokenDoesNotFailTheCommittedDelete() {
        givenLockedAndDeleted(List.of(RUN_LOW), List.of(run(RUN_LOW, null, null)));
        doThrow(new IllegalStateException("closed")).when(purger).purgesQueued(any());

        assertEquals(List.of(RUN_LOW), service().bulkDelete(BulkDeleteRequest.of(null)).deleted());
    }

    @Test
    void worksWithoutAPurger() {
        givenLockedAndDeleted(List.of(RUN_LOW), List.of(run(RUN_LOW, null, null)));

        BulkDeleteService service = BulkDeleteService.builder(storage).clock(FIXED).build();

        assertEquals(List.of(RUN_LOW), service.bulkDelete(BulkDeleteRequest.of(null)).deleted());
        verify(purgeQueue).enqueue(List.of(RUN_LOW), NOW);
    }

    // ------------------------------------------------------------------------------------------ validation

    @Nested
    class Validation {
        @ParameterizedTest
        @ValueSource(ints = {-1, 0, 201})
        void limitOutsideOneToCapIsRefusedBeforeAnyStorageCall(int limit) {
            ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                    () -> service().bulkDelete(BulkDeleteRequest.of(null, limit)));

            ConstraintViolation<?> violation = e.getConstraintViolations().iterator().next();
            assertEquals("limit", violation.getPropertyPath().toString());
            assertEquals("limit must be between 1 and 200, was " + limit, violation.getMessage());
            verifyNoInteractions(storage, purger);
        }

        @Test
        void dryRunIsValidatedTheSameWay() {
            assertThrows(ConstraintViolationException.class, () -> service().dryRun(BulkDeleteRequest.of(null, 0)));
            verifyNoInteractions(storage);
        }

        @Test
        void capIsConfigurable() {
            when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(List.of());
            BulkDeleteService service = builder().limitCap(50).build();

            ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                    () -> service.bulkDelete(BulkDeleteRequest.of(null, 51)));
            assertEquals("limit must be between 1 and 50, was 51", e.getMessage());
            verifyNoInteractions(storage);

            service.bulkDelete(BulkDeleteRequest.of(null, 50));
            verify(flowRuns).lockIdsForDelete(null, 50);
            assertEquals(50, service.limitCap());
        }

        @Test
        void capBelowOneIsRefusedByTheBuilder() {
            assertThrows(IllegalArgumentException.class, () -> BulkDeleteService.builder(storage).limitCap(0));
            assertThrows(IllegalArgumentException.class, () -> BulkDeleteService.builder(storage).maxTransientRetries(-1));
        }

        @Test
        void tooLongActorIsRefused() {
            ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                    () -> service().bulkDelete(BulkDeleteRequest.of(null, 1).withActor("x".repeat(256))));
            assertEquals("actor", e.getConstraintViolations().iterator().next().getPropertyPath().toString());
            verifyNoInteractions(storage);
        }

        @Test
        void requireFilterRefusesFiltersThatMatchEverything() {
            BulkDeleteService strict = builder().requireFilter(true).build();
            FlowRunFilter allDropped = FlowRunFilter.builder().nameLike("").tagsAll().build();

            for (FlowRunFilter filter : new FlowRunFilter[]{null, FlowRunFilter.matchAll(), allDropped}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> strict.bulkDelete(BulkDeleteRequest.of(filter, 10)));
                assertTrue(e.getMessage().startsWith("this service requires a filter"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> strict.dryRun(BulkDeleteRequest.of(filter)));
                assertThrows(IllegalArgumentException.class, () -> strict.drain(filter, 10, null));
            }
            verifyNoInteractions(storage, purger);
            assertTrue(strict.requireFilter());
        }

        @Test
        void requireFilterAcceptsARealFilter() {
            when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(List.of());

            builder().requireFilter(true).build().bulkDelete(BulkDeleteRequest.of(COMPLETED, 10));

            verify(flowRuns).lockIdsForDelete(COMPLETED_CRITERION, 10);
        }

        @Test
        void withoutRequireFilterAnEmptyFilterDeletesUpToLimit() {
            when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(List.of());

            service().bulkDelete(BulkDeleteRequest.of(FlowRunFilter.matchAll(), 7));

            verify(flowRuns).lockIdsForDelete(null, 7);
        }
    }

    // ------------------------------------------------------------------------------------------ dryRun, deleteById

    @Test
    void dryRunFindsIdsInIdDescOrderAndChangesNothing() {
        when(flowRuns.findIds(COMPLETED_CRITERION, FlowRunSort.ID_DESC, 3)).thenReturn(List.of(RUN_TOP, RUN_LOW));

        List<UUID> ids = service().dryRun(BulkDeleteRequest.of(COMPLETED, 3));

        assertEquals(List.of(RUN_TOP, RUN_LOW), ids);
        verify(flowRuns).findIds(COMPLETED_CRITERION, FlowRunSort.ID_DESC, 3);
        verifyNoMoreInteractions(flowRuns);
        verifyNoInteractions(taskRuns, deployments, limits, purgeQueue, purger);
    }

    @Test
    void deleteByIdDeletesThroughTheSameAlgorithm() {
        UUID deployment = UUID.randomUUID();
        givenLockedAndDeleted(List.of(RUN_HIGH), List.of(run(RUN_HIGH, StateType.CANCELLING, deployment)));
        when(deployments.concurrencyLimitIds(anyCollection())).thenReturn(Map.of(deployment, LIMIT_LOW));
        when(limits.releaseSlots(LIMIT_LOW, 1)).thenReturn(true);

        assertEquals(DeleteByIdResult.DELETED, service().deleteById(RUN_HIGH, "ops@example.com"));

        verify(flowRuns).lockIdsForDelete(new Criterion.In(Criterion.Column.ID, List.of(RUN_HIGH)), 1);
        verify(taskRuns).deleteByFlowRunIds(List.of(RUN_HIGH));
        verify(limits).releaseSlots(LIMIT_LOW, 1);
        verify(purgeQueue).enqueue(List.of(RUN_HIGH), NOW);
        verify(purger).purgesQueued(List.of(RUN_HIGH));
    }

    @Test
    void deleteByIdOfAMissingRunIsNotFound() {
        when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(List.of());

        assertEquals(DeleteByIdResult.NOT_FOUND, service().deleteById(RUN_LOW));

        verify(flowRuns, never()).delete(anyCollection());
        verifyNoInteractions(purger);
    }

    @Test
    void deleteByIdIsNotSubjectToRequireFilter() {
        when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(List.of());

        assertEquals(DeleteByIdResult.NOT_FOUND, builder().requireFilter(true).build().deleteById(RUN_LOW));
    }

    @Test
    void deleteByIdRefusesNullIdAndTooLongActor() {
        BulkDeleteService service = service();

        assertThrows(NullPointerException.class, () -> service.deleteById(null));
        assertThrows(ConstraintViolationException.class, () -> service.deleteById(RUN_LOW, "x".repeat(256)));
        verifyNoInteractions(storage);
    }

    @Test
    void constructorUsesDefaults() {
        BulkDeleteService service = new BulkDeleteService(storage);

        assertEquals(BulkDeleteService.DEFAULT_LIMIT_CAP, service.limitCap());
        assertFalse(service.requireFilter());
        verifyNoInteractions(storage);
    }
}
