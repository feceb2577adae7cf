package dev.flowsweep.purge;

import dev.flowsweep.model.Log;
import dev.flowsweep.spi.ConcurrencyLimitStore;
import dev.flowsweep.spi.DeploymentStore;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowStore;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.LogStore;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spi.PurgeQueueStore;
import dev.flowsweep.spi.PurgeTask;
import dev.flowsweep.spi.StorageTransaction;
import dev.flowsweep.spi.TaskRunStore;
import dev.flowsweep.spi.TransactionCallback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Just enough storage for the purger: a purge queue and log counts per run, with real transactions (state is
 * snapshotted and restored on failure), serialized by one lock. Failures can be injected; every call is recorded.
 */
final class FakePurgeStorage implements FlowsweepStorage {
    /** One queue row. */
    record Entry(UUID flowRunId, Instant enqueuedAt, int attempts, boolean failed, String error, Instant nextAttemptAt) {
    }

    /** One {@code recordFailure} call that committed. */
    record Failure(UUID flowRunId, int attempts, String error, Instant nextAttemptAt, boolean failed) {
    }

    /** One {@code deleteByFlowRunIds} call: the row cap asked for and how many it deleted. */
    record Statement(int maxRows, int deleted) {
    }

    private Map<UUID, Entry> queue = new LinkedHashMap<>();
    private Map<UUID, Integer> logs = new HashMap<>();

    // Recorded calls, committed or not.
    final List<Integer> claims = new ArrayList<>();
    /** Runs taken by key (hand-offs), per call. */
    final List<List<UUID>> takes = new ArrayList<>();
    final List<Statement> statements = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();
    int transactions;

    // Injected failures.
    final Set<UUID> poisoned = new HashSet<>();
    volatile boolean down;
    volatile boolean recordingFails;
    /** When set, every log delete fails with this message. */
    volatile String deleteError;
    volatile Runnable onDelete = () -> { };

    // ----------------------------------------------------------------------------------------- test helpers

    synchronized void enqueue(UUID runId, Instant at, int logCount) {
        queue.putIfAbsent(runId, new Entry(runId, at, 0, false, null, at));
        logs.merge(runId, logCount, Integer::sum);
        notifyAll();
    }

    synchronized Entry entry(UUID runId) {
        return queue.get(runId);
    }

    synchronized int queueSize() {
        return queue.size();
    }

    synchronized int logCount(UUID runId) {
        return logs.getOrDefault(runId, 0);
    }

    synchronized int totalLogs() {
        return logs.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized void poison(UUID runId) {
        poisoned.add(runId);
    }

    synchronized void cure(UUID runId) {
        poisoned.remove(runId);
    }

    /** Waits until the condition holds after some transaction (or now), or the timeout; returns whether it holds. */
    synchronized boolean await(Predicate<FakePurgeStorage> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }

    // ----------------------------------------------------------------------------------------- storage

    /** Transactions are serialized; an {@link #onDelete} hook that blocks holds the whole storage meanwhile. */
    @Override
    public synchronized <T> T inTransaction(TransactionCallback<T> work) {
        transactions++;
        if (down) {
            throw new FlowsweepStorageException("connection refused", null, true);
        }
        Map<UUID, Entry> queueBefore = new LinkedHashMap<>(queue);
        Map<UUID, Integer> logsBefore = new HashMap<>(logs);
        try {
            return work.doInTransaction(new Tx());
        } catch (RuntimeException e) {
            queue = queueBefore;
            logs = logsBefore;
            throw e;
        } finally {
            notifyAll();
        }
    }

    private final class Tx implements StorageTransaction {
        @Override
        public PurgeQueueStore purgeQueue() {
            return new Queue();
        }

        @Override
        public LogStore logs() {
            return new Logs();
        }

        @Override
        public FlowStore flows() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FlowRunStore flowRuns() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskRunStore taskRuns() {
            throw new UnsupportedOperationException();
        }

        @Override
        public DeploymentStore deployments() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConcurrencyLimitStore concurrencyLimits() {
            throw new UnsupportedOperationException();
        }
    }

    private final class Queue implements PurgeQueueStore {
        @Override
        public void enqueue(Collection<UUID> flowRunIds, Instant now) {
            for (UUID id : flowRunIds) {
                queue.putIfAbsent(id, new Entry(id, now, 0, false, null, now));
            }
        }

        @Override
        public List<PurgeTask> claimDue(Instant now, int max) {
            List<PurgeTask> due = queue.values().stream()
                    .filter(e -> !e.nextAttemptAt().isAfter(now))
                    .sorted(Comparator.comparing(Entry::enqueuedAt).thenComparing(Entry::flowRunId))
                    .limit(max)
                    .map(e -> new PurgeTask(e.flowRunId(), e.enqueuedAt(), e.attempts(), e.failed(), e.error()))
                    .toList();
            claims.add(due.size());
            return due;
        }

        /** By key: no scan of the queue, so nothing is recorded in {@link #claims}. */
        @Override
        public List<PurgeTask> take(Collection<UUID> flowRunIds, Instant now) {
            List<PurgeTask> taken = new ArrayList<>();
            for (UUID id : new java.util.LinkedHashSet<>(flowRunIds)) {
                Entry e = queue.get(id);
                if (e != null && !e.nextAttemptAt().isAfter(now)) {
                    queue.remove(id);
                    taken.add(new PurgeTask(e.flowRunId(), e.enqueuedAt(), e.attempts(), e.failed(), e.error()));
                }
            }
            takes.add(List.copyOf(flowRunIds));
            return taken;
        }

        @Override
        public void complete(Collection<UUID> flowRunIds) {
            flowRunIds.forEach(queue::remove);
        }

        @Override
        public void recordFailure(UUID flowRunId, int attempts, String error, Instant nextAttemptAt, boolean failed) {
            if (recordingFails) {
                throw new FlowsweepStorageException("connection lost", null, true);
            }
            Entry e = queue.get(flowRunId);
            if (e != null) {
                queue.put(flowRunId, new Entry(flowRunId, e.enqueuedAt(), attempts, failed, error, nextAttemptAt));
            }
            failures.add(new Failure(flowRunId, attempts, error, nextAttemptAt, failed));
        }

        @Override
        public int retryFailed(Instant now) {
            int n = 0;
            for (Entry e : List.copyOf(queue.values())) {
                if (e.failed()) {
                    queue.put(e.flowRunId(), new Entry(e.flowRunId(), e.enqueuedAt(), 0, false, e.error(), now));
                    n++;
                }
            }
            return n;
        }

        @Override
        public PurgeQueueStats stats() {
            long failed = queue.values().stream().filter(Entry::failed).count();
            Instant oldest = queue.values().stream().map(Entry::enqueuedAt).min(Comparator.naturalOrder()).orElse(null);
            return new PurgeQueueStats(queue.size() - failed, failed, oldest);
        }
    }

    private final class Logs implements LogStore {
        @Override
        public int deleteByFlowRunIds(Collection<UUID> flowRunIds, int maxRows) {
            onDelete.run();
            if (deleteError != null) {
                throw new FlowsweepStorageException(deleteError, null, false);
            }
            for (UUID id : flowRunIds) {
                if (poisoned.contains(id)) {
                    throw new FlowsweepStorageException("poisoned run " + id, null, false);
                }
            }
            int deleted = 0;
            for (UUID id : flowRunIds) {
                int have = logs.getOrDefault(id, 0);
                int take = Math.min(have, maxRows - deleted);
                if (take > 0) {
                    logs.put(id, have - take);
                    deleted += take;
                }
            }
            statements.add(new Statement(maxRows, deleted));
            return deleted;
        }

        @Override
        public void insert(Collection<Log> logs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Log> find(Collection<UUID> flowRunIds, int limit, int offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(Collection<UUID> flowRunIds) {
            throw new UnsupportedOperationException();
        }
    }
}
