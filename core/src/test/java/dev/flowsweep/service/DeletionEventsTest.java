package dev.flowsweep.service;

import dev.flowsweep.events.DeletionEvent;
import dev.flowsweep.events.DeletionListener;
import dev.flowsweep.events.DeletionReason;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.StateType;
import dev.flowsweep.purge.PurgeWakeUp;
import dev.flowsweep.spi.ConcurrencyLimitStore;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.DeploymentStore;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.PurgeQueueStore;
import dev.flowsweep.spi.StorageTransaction;
import dev.flowsweep.spi.TransactionCallback;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Deletion events of {@link BulkDeleteService}: after commit, once per transaction that deleted runs. */
class DeletionEventsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00.123456Z");
    private static final Clock FIXED = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final UUID RUN_LOW = UUID.fromString("10000000-0000-0000-0000-000000000001");
    private static final UUID RUN_HIGH = UUID.fromString("90000000-0000-0000-0000-000000000003");
    private static final UUID DEPLOYMENT = UUID.fromString("30000000-0000-0000-0000-000000000003");
    private static final UUID LIMIT = UUID.fromString("a0000000-0000-0000-0000-00000000000b");

    private static final FlowRunFilter COMPLETED = FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build();

    private final MockStorage mocks = new MockStorage();
    private final FlowsweepStorage storage = mocks.storage;
    private final StorageTransaction tx = mocks.tx;
    private final FlowRunStore flowRuns = mocks.flowRuns;
    private final DeploymentStore deployments = mocks.deployments;
    private final ConcurrencyLimitStore limits = mocks.limits;
    private final PurgeQueueStore purgeQueue = mocks.purgeQueue;
    private final PurgeWakeUp purger = mock(PurgeWakeUp.class);
    private final List<DeletionEvent> events = new ArrayList<>();

    private BulkDeleteService.Builder builder() {
        return BulkDeleteService.builder(storage).clock(FIXED).logPurger(purger).sleeper(d -> { })
                .deletionListener(events::add);
    }

    private void givenDeleted(List<UUID> locked, List<DeletedFlowRun> deleted) {
        mocks.givenLockedAndDeleted(locked, deleted);
    }

    @Test
    void aBulkDeleteTellsWhatItDeletedWhyAndByWhomAfterCommit() {
        givenDeleted(List.of(RUN_HIGH, RUN_LOW), List.of(
                new DeletedFlowRun(RUN_LOW, StateType.RUNNING, DEPLOYMENT),
                new DeletedFlowRun(RUN_HIGH, StateType.COMPLETED, DEPLOYMENT)));
        when(deployments.concurrencyLimitIds(anyCollection())).thenReturn(Map.of(DEPLOYMENT, LIMIT));
        when(limits.releaseSlots(LIMIT, 1)).thenReturn(true);

        BulkDeleteResult result = builder().build().bulkDelete(BulkDeleteRequest.of(COMPLETED, 10).withActor("alice"));

        assertEquals(1, events.size());
        DeletionEvent e = events.get(0);
        assertEquals(DeletionReason.BULK_DELETE, e.reason());
        assertEquals("BULK_DELETE", e.reason().toString());
        assertEquals("alice", e.actor());
        assertEquals(List.of(RUN_HIGH, RUN_LOW), e.runIds());
        assertEquals(result.deleted(), e.runIds());
        assertEquals(Map.of(LIMIT, 1), e.releasedSlots());
        assertEquals(1, e.totalReleasedSlots());
        assertEquals(2, e.purgesEnqueued());
        assertEquals(NOW, e.committedAt());
    }

    @Test
    void anEventCarriesTheCallsLatencyUpToItsCommitRetriesIncluded() {
        MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
        when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(List.of(RUN_LOW));
        int[] attempts = {0};
        when(flowRuns.delete(anyCollection())).thenAnswer(inv -> {
            clock.add(Duration.ofMillis(30));      // each attempt's statements take 30 ms
            if (++attempts[0] < 2) {
                throw new FlowsweepStorageException("deadlock", null, true);
            }
            return List.of(new DeletedFlowRun(RUN_LOW, StateType.COMPLETED, null));
        });

        builder().clock(clock).build().bulkDelete(BulkDeleteRequest.of(COMPLETED, 10));

        assertEquals(1, events.size());
        assertEquals(Duration.ofMillis(60), events.get(0).elapsed());
        assertEquals(NOW.plusMillis(60), events.get(0).committedAt());
    }

    @Test
    void aDeleteThatDeletesNothingTellsNoOne() {
        givenDeleted(List.of(), List.of());

        builder().build().bulkDelete(BulkDeleteRequest.of(COMPLETED, 10));
        assertEquals(DeleteByIdResult.NOT_FOUND, builder().build().deleteById(RUN_LOW, "bob"));

        assertEquals(List.of(), events);
    }

    @Test
    void aTransactionThatFailsToCommitTellsNoOne() {
        givenDeleted(List.of(RUN_LOW), List.of(new DeletedFlowRun(RUN_LOW, StateType.COMPLETED, null)));
        // The unit of work runs to its end, then the commit fails: the storage rolls everything back.
        doAnswer(inv -> {
            inv.<TransactionCallback<?>>getArgument(0).doInTransaction(tx);
            throw new FlowsweepStorageException("commit failed", null);
        }).when(storage).inTransaction(any());

        BulkDeleteService service = builder().build();
        assertThrows(FlowsweepStorageException.class, () -> service.bulkDelete(BulkDeleteRequest.of(COMPLETED, 10)));
        assertThrows(FlowsweepStorageException.class, () -> service.deleteById(RUN_LOW));
        assertThrows(FlowsweepStorageException.class, () -> service.drain(COMPLETED, 10, null));

        assertEquals(List.of(), events);
    }

    @Test
    void aTransactionRetriedAfterATransientFailureTellsOnceWhatTheCommittedAttemptDeleted() {
        givenDeleted(List.of(RUN_LOW), List.of(new DeletedFlowRun(RUN_LOW, StateType.COMPLETED, null)));
        int[] attempts = {0};
        doAnswer(inv -> {
            Object result = inv.<TransactionCallback<?>>getArgument(0).doInTransaction(tx);
            if (++attempts[0] < 3) {
                throw new FlowsweepStorageException("deadlock", null, true);
            }
            return result;
        }).when(storage).inTransaction(any());

        builder().build().bulkDelete(BulkDeleteRequest.of(COMPLETED, 10));

        assertEquals(3, attempts[0]);
        assertEquals(1, events.size());
        assertEquals(List.of(RUN_LOW), events.get(0).runIds());
    }

    @Test
    void aSingleDeleteIsReportedAsDeleteById() {
        givenDeleted(List.of(RUN_LOW), List.of(new DeletedFlowRun(RUN_LOW, StateType.FAILED, null)));

        assertEquals(DeleteByIdResult.DELETED, builder().build().deleteById(RUN_LOW, "ops-bot"));

        assertEquals(1, events.size());
        assertEquals(DeletionReason.DELETE_BY_ID, events.get(0).reason());
        assertEquals("ops-bot", events.get(0).actor());
        assertEquals(List.of(RUN_LOW), events.get(0).runIds());
        assertEquals(Map.of(), events.get(0).releasedSlots());
    }

    @Test
    void aDrainTellsOncePerBatchThatDeletedRunsWithItsActor() {
        UUID a = UUID.fromString("f0000000-0000-0000-0000-000000000001");
        UUID b = UUID.fromString("e0000000-0000-0000-0000-000000000002");
        UUID c = UUID.fromString("d0000000-0000-0000-0000-000000000003");
        when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(List.of(a, b), List.of(c), List.of());
        when(flowRuns.delete(anyCollection())).thenAnswer(inv -> {
            Collection<UUID> ids = inv.getArgument(0);
            return ids.stream().map(id -> new DeletedFlowRun(id, StateType.COMPLETED, null)).toList();
        });

        DrainResult result = builder().build().drain(COMPLETED, 2, null, "carol", null);

        assertEquals(3, result.deleted());
        assertEquals(2, events.size(), "the short last batch deletes one run; no event for an empty batch");
        assertEquals(List.of(a, b), events.get(0).runIds());
        assertEquals(List.of(c), events.get(1).runIds());
        for (DeletionEvent e : events) {
            assertEquals(DeletionReason.DRAIN, e.reason());
            assertEquals("carol", e.actor());
        }
    }

    @Test
    void aDrainWithoutActorReportsNone() {
        givenDeleted(List.of(RUN_LOW), List.of(new DeletedFlowRun(RUN_LOW, StateType.COMPLETED, null)));

        builder().build().drain(COMPLETED, 5, null);

        assertEquals(1, events.size());
        assertNull(events.get(0).actor());
    }

    @Test
    void aDrainActorLongerThan255CharactersIsRefusedBeforeAnyStorageIsTouched() {
        BulkDeleteService service = builder().build();
        assertThrows(ConstraintViolationException.class,
                () -> service.drain(COMPLETED, 5, null, "x".repeat(256), null));
        verifyNoInteractions(storage);
    }

    @Test
    void anExplicitReasonReachesTheListeners() {
        givenDeleted(List.of(RUN_LOW), List.of(new DeletedFlowRun(RUN_LOW, StateType.COMPLETED, null)));

        builder().build().bulkDelete(new BulkDeleteRequest(COMPLETED, 5, "retention"), DeletionReason.retention("old-30d"));

        assertEquals("RETENTION:old-30d", events.get(0).reason().toString());
        assertEquals("old-30d", events.get(0).reason().policy());
    }

    @Test
    void aFailingListenerNeitherUndoesTheDeleteNorSilencesTheOthers() {
        givenDeleted(List.of(RUN_LOW), List.of(new DeletedFlowRun(RUN_LOW, StateType.COMPLETED, null)));
        List<String> calls = new ArrayList<>();
        DeletionListener failing = e -> {
            calls.add("failing");
            throw new IllegalStateException("webhook down");
        };
        BulkDeleteService service = BulkDeleteService.builder(storage).clock(FIXED).logPurger(purger)
                .deletionListener(failing)
                .deletionListener(e -> calls.add("second"))
                .build();

        BulkDeleteResult result = service.bulkDelete(BulkDeleteRequest.of(COMPLETED, 5));

        assertEquals(List.of(RUN_LOW), result.deleted());
        assertEquals(List.of("failing", "second"), calls);
        verify(purger).purgesQueued(List.of(RUN_LOW));
        verify(purgeQueue).enqueue(List.of(RUN_LOW), NOW);
    }

    @Test
    void listenersReplacesTheListenersInOrder() {
        givenDeleted(List.of(RUN_LOW), List.of(new DeletedFlowRun(RUN_LOW, StateType.COMPLETED, null)));
        List<String> calls = new ArrayList<>();
        DeletionListener first = e -> calls.add("first");
        DeletionListener second = e -> calls.add("second");

        BulkDeleteService service = builder().listeners(List.of(second, first)).build();
        service.bulkDelete(BulkDeleteRequest.of(COMPLETED, 5));

        assertEquals(List.of("second", "first"), calls);
        assertEquals(List.of(second, first), service.deletionListeners());
        assertTrue(events.isEmpty(), "the listener added before listeners(...) was replaced");
    }

    @Test
    void theServiceExposesItsStorageForOperationsBuiltOnIt() {
        assertEquals(storage, builder().build().storage());
    }
}
