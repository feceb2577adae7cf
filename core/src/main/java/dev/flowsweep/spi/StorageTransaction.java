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

    /**
     * Named leases, for work that only one process sharing this storage may do at a time (retention policies).
     * Both shipped adapters implement it.
     *
     * @throws UnsupportedOperationException by default: an adapter that has no lease store (then
     *                                       {@code RetentionService} can only run with {@code withoutLease()})
     */
    default LeaseStore leases() {
        throw new UnsupportedOperationException(getClass().getName() + " has no lease store");
    }

    /**
     * The archive of deleted rows (docs/CONTRACT.md, "Archive"). Both shipped adapters implement it.
     *
     * @throws UnsupportedOperationException by default: an adapter that cannot archive (then a delete that asks to
     *                                       archive fails, and nothing is deleted)
     */
    default ArchiveStore archive() {
        throw new UnsupportedOperationException(getClass().getName() + " has no archive store");
    }
}
