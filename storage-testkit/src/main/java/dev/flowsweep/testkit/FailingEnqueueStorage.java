package dev.flowsweep.testkit;

import dev.flowsweep.spi.ArchiveBatch;
import dev.flowsweep.spi.ArchiveStore;
import dev.flowsweep.spi.ConcurrencyLimitStore;
import dev.flowsweep.spi.DeploymentStore;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowStore;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.LeaseStore;
import dev.flowsweep.spi.LogStore;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spi.PurgeQueueStore;
import dev.flowsweep.spi.PurgeTask;
import dev.flowsweep.spi.StorageTransaction;
import dev.flowsweep.spi.TaskRunStore;
import dev.flowsweep.spi.TransactionCallback;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A storage whose purge queue fails every enqueue: the last step of a bulk delete, after the archive was written and
 * the runs deleted, so that a test sees what the rollback leaves. Everything else is the wrapped storage's.
 */
final class FailingEnqueueStorage implements FlowsweepStorage {
    static final String MESSAGE = "injected: the purge queue refuses the enqueue";

    private final FlowsweepStorage inner;

    private FailingEnqueueStorage(FlowsweepStorage inner) {
        this.inner = inner;
    }

    static FlowsweepStorage wrap(FlowsweepStorage inner) {
        return new FailingEnqueueStorage(inner);
    }

    @Override
    public <T> T inTransaction(TransactionCallback<T> work) {
        return inner.inTransaction(tx -> work.doInTransaction(new Tx(tx)));
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        // the wrapped storage belongs to the test
    }

    private record Tx(StorageTransaction tx) implements StorageTransaction {
        @Override
        public FlowStore flows() {
            return tx.flows();
        }

        @Override
        public FlowRunStore flowRuns() {
            return tx.flowRuns();
        }

        @Override
        public TaskRunStore taskRuns() {
            return tx.taskRuns();
        }

        @Override
        public DeploymentStore deployments() {
            return tx.deployments();
        }

        @Override
        public ConcurrencyLimitStore concurrencyLimits() {
            return tx.concurrencyLimits();
        }

        @Override
        public LogStore logs() {
            return tx.logs();
        }

        @Override
        public LeaseStore leases() {
            return tx.leases();
        }

        @Override
        public ArchiveStore archive() {
            return tx.archive();
        }

        @Override
        public PurgeQueueStore purgeQueue() {
            PurgeQueueStore q = tx.purgeQueue();
            return new PurgeQueueStore() {
                @Override
                public void enqueue(Collection<UUID> flowRunIds, Instant now) {
                    throw new IllegalStateException(MESSAGE);
                }

                @Override
                public void enqueue(Collection<UUID> flowRunIds, Instant now, ArchiveBatch archive) {
                    throw new IllegalStateException(MESSAGE);
                }

                @Override
                public List<PurgeTask> claimDue(Instant now, int max) {
                    return q.claimDue(now, max);
                }

                @Override
                public void complete(Collection<UUID> flowRunIds) {
                    q.complete(flowRunIds);
                }

                @Override
                public void recordFailure(UUID flowRunId, int attempts, String error, Instant nextAttemptAt,
                                          boolean failed) {
                    q.recordFailure(flowRunId, attempts, error, nextAttemptAt, failed);
                }

                @Override
                public int retryFailed(Instant now) {
                    return q.retryFailed(now);
                }

                @Override
                public PurgeQueueStats stats() {
                    return q.stats();
                }
            };
        }
    }
}
