package dev.flowsweep.jdbc;

import dev.flowsweep.spi.ConcurrencyLimitStore;
import dev.flowsweep.spi.DeploymentStore;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowStore;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.LogStore;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spi.PurgeQueueStore;
import dev.flowsweep.spi.PurgeTask;
import dev.flowsweep.spi.StorageTransaction;
import dev.flowsweep.spi.TaskRunStore;
import dev.flowsweep.spi.TransactionCallback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A storage decorator that records, for the transactions that committed, which purge queue entries were claimed
 * and completed and how many log rows were deleted: the work one instance really did.
 */
final class RecordingStorage implements FlowsweepStorage {
    private final FlowsweepStorage delegate;
    private final List<UUID> claimed = new ArrayList<>();
    private final List<UUID> completed = new ArrayList<>();
    private long logRowsDeleted;

    RecordingStorage(FlowsweepStorage delegate) {
        this.delegate = delegate;
    }

    synchronized List<UUID> claimed() {
        return List.copyOf(claimed);
    }

    synchronized List<UUID> completed() {
        return List.copyOf(completed);
    }

    synchronized long logRowsDeleted() {
        return logRowsDeleted;
    }

    @Override
    public <T> T inTransaction(TransactionCallback<T> work) {
        Recorder r = new Recorder();
        T result = delegate.inTransaction(tx -> {
            r.clear();
            return work.doInTransaction(new Tx(tx, r));
        });
        synchronized (this) {
            claimed.addAll(r.claimed);
            completed.addAll(r.completed);
            logRowsDeleted += r.rows;
        }
        return result;
    }

    @Override
    public String describe() {
        return "recording " + delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static final class Recorder {
        final List<UUID> claimed = new ArrayList<>();
        final List<UUID> completed = new ArrayList<>();
        long rows;

        void clear() {
            claimed.clear();
            completed.clear();
            rows = 0;
        }
    }

    private record Tx(StorageTransaction tx, Recorder r) implements StorageTransaction {
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
            LogStore logs = tx.logs();
            return new LogStore() {
                @Override
                public void insert(Collection<dev.flowsweep.model.Log> l) {
                    logs.insert(l);
                }

                @Override
                public List<dev.flowsweep.model.Log> find(Collection<UUID> ids, int limit, int offset) {
                    return logs.find(ids, limit, offset);
                }

                @Override
                public long count(Collection<UUID> ids) {
                    return logs.count(ids);
                }

                @Override
                public int deleteByFlowRunIds(Collection<UUID> ids, int maxRows) {
                    int n = logs.deleteByFlowRunIds(ids, maxRows);
                    r.rows += n;
                    return n;
                }
            };
        }

        @Override
        public PurgeQueueStore purgeQueue() {
            PurgeQueueStore q = tx.purgeQueue();
            return new PurgeQueueStore() {
                @Override
                public void enqueue(Collection<UUID> ids, Instant now) {
                    q.enqueue(ids, now);
                }

                @Override
                public List<PurgeTask> claimDue(Instant now, int max) {
                    List<PurgeTask> tasks = q.claimDue(now, max);
                    for (PurgeTask t : tasks) {
                        r.claimed.add(t.flowRunId());
                    }
                    return tasks;
                }

                @Override
                public List<PurgeTask> takeDue(Instant now, int max) {
                    return took(q.takeDue(now, max));
                }

                @Override
                public List<PurgeTask> take(Collection<UUID> ids, Instant now) {
                    return took(q.take(ids, now));
                }

                /** A take claims and completes at once; a put-back undoes the completion. */
                private List<PurgeTask> took(List<PurgeTask> tasks) {
                    for (PurgeTask t : tasks) {
                        r.claimed.add(t.flowRunId());
                        r.completed.add(t.flowRunId());
                    }
                    return tasks;
                }

                @Override
                public void putBack(Collection<PurgeTask> tasks, Instant dueAt) {
                    q.putBack(tasks, dueAt);
                    for (PurgeTask t : tasks) {
                        r.completed.remove(t.flowRunId());
                    }
                }

                @Override
                public void complete(Collection<UUID> ids) {
                    q.complete(ids);
                    r.completed.addAll(ids);
                }

                @Override
                public void recordFailure(UUID id, int attempts, String error, Instant next, boolean failed) {
                    q.recordFailure(id, attempts, error, next, failed);
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
