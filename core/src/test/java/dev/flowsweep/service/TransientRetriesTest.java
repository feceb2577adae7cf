package dev.flowsweep.service;

import dev.flowsweep.purge.PurgeWakeUp;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.PurgeQueueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Transient storage failures re-run the whole bulk delete transaction ({@link TransientRetries}). */
class TransientRetriesTest {
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00.123456Z");
    private static final Clock FIXED = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final UUID RUN_LOW = UUID.fromString("10000000-0000-0000-0000-000000000001");

    private final MockStorage mocks = new MockStorage();
    private final FlowsweepStorage storage = mocks.storage;
    private final FlowRunStore flowRuns = mocks.flowRuns;
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

    private static DeletedFlowRun run(UUID id) {
        return new DeletedFlowRun(id, null, null);
    }

    private final FlowsweepStorageException deadlock = new FlowsweepStorageException("deadlock", null, true);

    @Test
    void transientFailureRerunsTheWholeUnitOfWorkThenSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(List.of(RUN_LOW));
        when(flowRuns.delete(anyCollection())).thenAnswer(inv -> {
            if (attempts.incrementAndGet() < 3) {
                throw deadlock;
            }
            return List.of(run(RUN_LOW));
        });

        BulkDeleteResult result = service().bulkDelete(BulkDeleteRequest.of(null));

        assertEquals(List.of(RUN_LOW), result.deleted());
        verify(storage, times(3)).inTransaction(any());
        verify(flowRuns, times(3)).lockIdsForDelete(null, 200);
        verify(purgeQueue, times(1)).enqueue(List.of(RUN_LOW), NOW);
        verify(purger, times(1)).purgesQueued(List.of(RUN_LOW));
        assertEquals(2, pauses.size());
        assertJittered(pauses.get(0), 1);
        assertJittered(pauses.get(1), 2);
    }

    @Test
    void transientFailureReachesTheCallerAfterMaxRetries() {
        doThrow(deadlock).when(storage).inTransaction(any());

        FlowsweepStorageException thrown = assertThrows(FlowsweepStorageException.class,
                () -> service().bulkDelete(BulkDeleteRequest.of(null)));

        assertSame(deadlock, thrown);
        verify(storage, times(1 + BulkDeleteService.DEFAULT_MAX_TRANSIENT_RETRIES)).inTransaction(any());
        assertEquals(BulkDeleteService.DEFAULT_MAX_TRANSIENT_RETRIES, pauses.size());
        verifyNoInteractions(purger);
    }

    @Test
    void maxTransientRetriesIsConfigurable() {
        doThrow(deadlock).when(storage).inTransaction(any());

        assertThrows(FlowsweepStorageException.class,
                () -> builder().maxTransientRetries(0).build().bulkDelete(BulkDeleteRequest.of(null)));

        verify(storage, times(1)).inTransaction(any());
        assertTrue(pauses.isEmpty());
    }

    @Test
    void nonTransientFailureIsNotRetried() {
        FlowsweepStorageException broken = new FlowsweepStorageException("syntax error", null, false);
        doThrow(broken).when(storage).inTransaction(any());

        assertSame(broken, assertThrows(FlowsweepStorageException.class,
                () -> service().bulkDelete(BulkDeleteRequest.of(null))));

        verify(storage, times(1)).inTransaction(any());
        assertTrue(pauses.isEmpty());
    }

    @Test
    void otherExceptionsAreNotRetried() {
        doThrow(new IllegalStateException("bug")).when(storage).inTransaction(any());

        assertThrows(IllegalStateException.class, () -> service().bulkDelete(BulkDeleteRequest.of(null)));

        verify(storage, times(1)).inTransaction(any());
    }

    @Test
    void interruptDuringBackoffRestoresTheFlagAndRethrows() {
        doThrow(deadlock).when(storage).inTransaction(any());
        BulkDeleteService service = builder().sleeper(d -> {
            throw new InterruptedException("stop");
        }).build();

        FlowsweepStorageException thrown = assertThrows(FlowsweepStorageException.class,
                () -> service.bulkDelete(BulkDeleteRequest.of(null)));

        assertSame(deadlock, thrown);
        assertTrue(Thread.currentThread().isInterrupted());
        assertEquals(InterruptedException.class, thrown.getSuppressed()[0].getClass());
        verify(storage, times(1)).inTransaction(any());
    }

    @Test
    void dryRunRetriesTransientFailuresToo() {
        when(flowRuns.findIds(any(), any(), anyInt())).thenThrow(deadlock).thenReturn(List.of(RUN_LOW));

        assertEquals(List.of(RUN_LOW), service().dryRun(BulkDeleteRequest.of(null)));
        assertEquals(1, pauses.size());
    }

    private void assertJittered(Duration pause, int attempt) {
        long ms = pause.toMillis();
        assertTrue(ms >= 10L * attempt && ms <= 50L * attempt, () -> "pause " + ms + " ms for retry " + attempt);
    }
}
