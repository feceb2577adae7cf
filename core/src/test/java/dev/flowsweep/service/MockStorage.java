package dev.flowsweep.service;

import dev.flowsweep.spi.ConcurrencyLimitStore;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.DeploymentStore;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.LeaseStore;
import dev.flowsweep.spi.LogStore;
import dev.flowsweep.spi.PurgeQueueStore;
import dev.flowsweep.spi.StorageTransaction;
import dev.flowsweep.spi.TaskRunStore;
import dev.flowsweep.spi.TransactionCallback;

import java.util.List;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The storage of the service tests: the SPI mocked with Mockito, every store a mock of its own, every
 * {@code inTransaction} call run at once on the one mocked transaction {@link #tx}. A new one per test.
 */
public final class MockStorage {
    public final FlowsweepStorage storage = mock(FlowsweepStorage.class);
    public final StorageTransaction tx = mock(StorageTransaction.class);
    public final FlowRunStore flowRuns = mock(FlowRunStore.class);
    public final TaskRunStore taskRuns = mock(TaskRunStore.class);
    public final DeploymentStore deployments = mock(DeploymentStore.class);
    public final ConcurrencyLimitStore limits = mock(ConcurrencyLimitStore.class);
    public final PurgeQueueStore purgeQueue = mock(PurgeQueueStore.class);
    public final LeaseStore leases = mock(LeaseStore.class);
    public final LogStore logs = mock(LogStore.class);

    public MockStorage() {
        when(tx.flowRuns()).thenReturn(flowRuns);
        when(tx.taskRuns()).thenReturn(taskRuns);
        when(tx.deployments()).thenReturn(deployments);
        when(tx.concurrencyLimits()).thenReturn(limits);
        when(tx.purgeQueue()).thenReturn(purgeQueue);
        when(tx.leases()).thenReturn(leases);
        when(tx.logs()).thenReturn(logs);
        when(storage.inTransaction(any())).thenAnswer(inv -> inv.<TransactionCallback<?>>getArgument(0).doInTransaction(tx));
        when(storage.describe()).thenReturn("mock");
        // The grouped release runs the SPI's default (one single release per limit, in id order), so tests can
        // stub and verify the single releases it makes.
        when(limits.releaseSlots(anyMap())).thenCallRealMethod();
    }

    /** Every transaction locks {@code locked} and deletes {@code deleted}. */
    public void givenLockedAndDeleted(List<UUID> locked, List<DeletedFlowRun> deleted) {
        when(flowRuns.lockIdsForDelete(any(), anyInt())).thenReturn(locked);
        when(flowRuns.delete(anyCollection())).thenReturn(deleted);
    }
}
