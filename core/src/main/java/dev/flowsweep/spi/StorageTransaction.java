package dev.flowsweep.spi;

/**
 * The stores of one open transaction. Valid only inside the {@link TransactionCallback} it was passed to.
 */
public interface StorageTransaction {
    FlowStore flows();

    FlowRunStore flowRuns();

    TaskRunStore taskRuns();

    DeploymentStore deployments();

    ConcurrencyLimitStore concurrencyLimits();

    LogStore logs();

    PurgeQueueStore purgeQueue();
}
