package dev.flowsweep.retention;

import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.MockStorage;
import dev.flowsweep.spi.LeaseStore;
import dev.flowsweep.spi.LogStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.threeten.extra.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The orphaned-log sweep of {@link RetentionService}, against a mocked storage SPI. */
class OrphanLogSweepTest {
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final String ME = "instance-a";

    private final MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);
    private final MockStorage mocks = new MockStorage();
    private final LeaseStore leases = mocks.leases;
    private final LogStore logs = mocks.logs;
    private BulkDeleteService deletes;
    private RetentionService service;

    @BeforeEach
    void leasesAreFree() {
        when(leases.tryAcquire(anyString(), anyString(), any(), any())).thenReturn(true);
        when(leases.release(anyString(), anyString())).thenReturn(true);
        deletes = BulkDeleteService.builder(mocks.storage).clock(clock).build();
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    private static RetentionPolicy.Builder policy() {
        return RetentionPolicy.builder("old").olderThan(Duration.ofDays(30)).batchSize(3);
    }

    private RetentionService.Builder builder(RetentionPolicy policy) {
        return RetentionService.builder(deletes).policy(policy).clock(clock).instanceId(ME).noOrphanLogSweep();
    }

    @Test
    void theOrphanSweepDeletesInBoundedTransactionsLogsOlderThanTheGrace() {
        when(logs.deleteOrphans(any(), anyInt())).thenReturn(10, 10, 4);
        service = builder(policy().build()).orphanLogBatchSize(10).orphanLogGrace(Duration.ofMinutes(30)).build();

        OrphanLogSweep sweep = service.sweepOrphanLogs();

        assertEquals(RetentionRun.Outcome.COMPLETED, sweep.outcome());
        assertEquals(24, sweep.deleted());
        assertEquals(3, sweep.batches());
        assertEquals(T0.minus(Duration.ofMinutes(30)), sweep.loggedBefore());
        verify(logs, times(3)).deleteOrphans(T0.minus(Duration.ofMinutes(30)), 10);
        verify(leases, times(3)).tryAcquire(eq(RetentionService.ORPHAN_LOG_LEASE), eq(ME), any(), any());
        verify(leases).release(RetentionService.ORPHAN_LOG_LEASE, ME);
        assertEquals(sweep, service.lastOrphanLogSweep());
    }

    @Test
    void aStorageThatCannotSweepOrphansStopsTheScheduledSweep() {
        ScheduledExecutorService executor = mock(ScheduledExecutorService.class);
        ScheduledFuture<?> future = mock(ScheduledFuture.class);
        doReturn(future).when(executor).scheduleWithFixedDelay(any(), anyLong(), anyLong(), any());
        when(logs.deleteOrphans(any(), anyInt())).thenThrow(new UnsupportedOperationException("no orphans here"));
        service = RetentionService.builder(deletes).clock(clock).instanceId(ME).executor(executor).build().start();
        ArgumentCaptor<Runnable> task = ArgumentCaptor.forClass(Runnable.class);
        verify(executor).scheduleWithFixedDelay(task.capture(), anyLong(), anyLong(), any());

        task.getValue().run();

        assertEquals(RetentionRun.Outcome.FAILED, service.lastOrphanLogSweep().outcome());
        assertNotNull(service.lastOrphanLogSweep().message());
        verify(future).cancel(false);
    }
}
