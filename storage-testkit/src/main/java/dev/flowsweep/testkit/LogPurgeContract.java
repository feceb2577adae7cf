package dev.flowsweep.testkit;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code LogPurger} over the storage: a purge claims its queue rows by deleting them in the transaction that
 * deletes their logs (a failure leaves both, with the attempt recorded), runs handed over after a commit are purged
 * without a scan of the queue, and purges queued by a process that died are carried out by the next one.
 */
public abstract class LogPurgeContract extends StorageContractSupport {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Long enough that no poll happens during a test: what is purged was handed over or asked for. */
    private static final Duration NO_POLL = Duration.ofHours(1);

    private PurgeQueueStats stats() {
        return fx.tx(tx -> tx.purgeQueue().stats());
    }

    private List<PurgeTask> queued() {
        return fx.tx(tx -> tx.purgeQueue().claimDue(Instant.now().plus(Duration.ofDays(1)), 1_000));
    }

    private FlowRun doomed(String name, int logs) {
        FlowRun run = fx.run(name, b -> b.tags("doomed"));
        fx.logs(run.id(), logs);
        return run;
    }

    private static BulkDeleteRequest doomedRequest() {
        return BulkDeleteRequest.of(FlowRunFilter.builder().tagsAny("doomed").build());
    }

    @Test
    void aPurgeThatFailsAfterDeletingLogsLeavesTheLogsAndTheQueueRowWithItsAttempt() throws Exception {
        FlowRun run = doomed("fails", 9);
        FlowRun kept = fx.run("kept", b -> { });
        fx.logs(kept.id(), 3);
        new BulkDeleteService(storage).bulkDelete(doomedRequest());
        FailingLogDeletes failing = new FailingLogDeletes(storage);
        try (LogPurger purger = LogPurger.builder(failing).pollInterval(NO_POLL).backoff(List.of(Duration.ofHours(1)))
                .build().start()) {
            // First without touching the queue: the purger's one claim skips rows another transaction holds
            // (SKIP LOCKED), and queued() locks them while it reads.
            Await.until(DEADLINE, "the log delete failed after deleting", () -> failing.failures() >= 1);
            Await.until(DEADLINE, "the failed attempt is recorded",
                    () -> queued().stream().anyMatch(t -> t.attempts() == 1));
        }
        assertEquals(9, fx.countLogs(List.of(run.id())), "the logs the failed transaction deleted are back");
        List<PurgeTask> left = queued();
        assertEquals(1, left.size(), "the queue row survived: " + left);
        PurgeTask task = left.get(0);
        assertEquals(run.id(), task.flowRunId());
        assertEquals(1, task.attempts(), "with its attempt");
        assertTrue(task.lastError() != null && task.lastError().contains(FailingLogDeletes.MESSAGE), task.lastError());
        assertEquals(3, fx.countLogs(List.of(kept.id())));

        try (LogPurger purger = LogPurger.builder(storage).pollInterval(NO_POLL).build()) {
            fx.tx(tx -> { // due again now

                tx.purgeQueue().recordFailure(run.id(), 1, task.lastError(), Instant.now(), false);
                return null;
            });
            purger.start();
            assertTrue(purger.awaitIdle(DEADLINE), "the retry purges it");
        }
        assertEquals(0, fx.countLogs(List.of(run.id())));
        assertEquals(new PurgeQueueStats(0, 0, null), stats());
    }

    @Test
    void runsHandedOverAfterTheCommitArePurgedWithoutAScanOfTheQueue() throws Exception {
        try (LogPurger purger = LogPurger.builder(storage).pollInterval(NO_POLL).build().start()) {
            assertTrue(purger.awaitIdle(DEADLINE), "the first scan found an empty queue");
            // Queued behind the purger's back: only a scan (poll, wake-up) finds it.
            UUID other = UUID.randomUUID();
            fx.logs(other, 4);
            fx.tx(tx -> {
                tx.purgeQueue().enqueue(List.of(other), Instant.now());
                return null;
            });
            FlowRun a = doomed("a", 5);
            FlowRun b = doomed("b", 0);
            BulkDeleteService service = BulkDeleteService.builder(storage).logPurger(purger).build();
            assertEquals(2, service.bulkDelete(doomedRequest()).deleted().size());

            Await.until(DEADLINE, "the handed-over runs' logs are purged",
                    () -> fx.countLogs(List.of(a.id(), b.id())) == 0 && stats().pending() == 1);
            assertEquals(List.of(other), queued().stream().map(PurgeTask::flowRunId).toList(),
                    "the purge queued behind the purger's back is left to a scan");
            assertEquals(4, fx.countLogs(List.of(other)));

            purger.wakeUp();
            Await.until(DEADLINE, "a wake-up scans the queue", () -> stats().pending() == 0);
            assertEquals(0, fx.countLogs(List.of(other)));
            purger.purgesQueued(List.of(a.id(), UUID.randomUUID()));
            assertTrue(purger.awaitIdle(DEADLINE), "runs handed over again or never queued: nothing to do");
        }
        assertEquals(new PurgeQueueStats(0, 0, null), stats());
    }

    @Test
    void purgesQueuedByAProcessThatDiedAreCarriedOutByTheNextOne() throws Exception {
        FlowRun a = doomed("a", 12);
        FlowRun b = doomed("b", 1);
        FlowRun kept = fx.run("kept", r -> { });
        fx.logs(kept.id(), 2);
        // The process died right after its commit: its purger never got the hand-off.
        BulkDeleteService dying = BulkDeleteService.builder(storage).logPurger(ids -> {
            throw new IllegalStateException("process gone");
        }).build();
        assertEquals(2, dying.bulkDelete(doomedRequest()).deleted().size());
        assertEquals(2, stats().pending());
        assertEquals(13, fx.countLogs(List.of(a.id(), b.id())));

        try (LogPurger next = LogPurger.builder(storage).pollInterval(NO_POLL).maxRowsPerStatement(5)
                .maxRowsPerTransaction(5).build().start()) {
            assertTrue(next.awaitIdle(DEADLINE), "the next process drains the queue");
        }
        assertEquals(0, fx.countLogs(List.of(a.id(), b.id())));
        assertEquals(2, fx.countLogs(List.of(kept.id())));
        assertEquals(new PurgeQueueStats(0, 0, null), stats());
    }

    @Test
    void aRunWithMoreLogsThanOneTransactionTakesIsPurgedOverSeveralWithItsRowKeptInBetween() throws Exception {
        FlowRun big = doomed("big", 23);
        FlowRun small = doomed("small", 2);
        List<Long> logsPerTransaction = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> queuedAfter = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LogPurger purger = LogPurger.builder(storage).pollInterval(NO_POLL).maxRowsPerStatement(4)
                .maxRowsPerTransaction(10).listener(batch -> {
                    logsPerTransaction.add(batch.logsDeleted());
                    queuedAfter.add(stats().pending());
                }).build().start()) {
            BulkDeleteService service = BulkDeleteService.builder(storage).logPurger(purger).build();
            assertEquals(2, service.bulkDelete(doomedRequest()).deleted().size());
            Await.until(DEADLINE, "purged", () -> fx.countLogs(List.of(big.id(), small.id())) == 0
                    && stats().pending() == 0);
        }
        assertEquals(25L, logsPerTransaction.stream().mapToLong(Long::longValue).sum(), "" + logsPerTransaction);
        assertTrue(logsPerTransaction.stream().allMatch(n -> n <= 10), "no transaction over its cap: "
                + logsPerTransaction);
        assertTrue(queuedAfter.get(0) >= 1, "the run not finished stayed queued after the first transaction: "
                + queuedAfter);
        assertEquals(new PurgeQueueStats(0, 0, null), stats());
    }

    /** A storage whose log deletes fail after deleting, in the transaction: what a broken connection does. */
    private static final class FailingLogDeletes implements FlowsweepStorage {
        static final String MESSAGE = "connection broken after the log delete";
        private final FlowsweepStorage delegate;
        private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

        FailingLogDeletes(FlowsweepStorage delegate) {
            this.delegate = delegate;
        }

        int failures() {
            return failures.get();
        }

        @Override
        public <T> T inTransaction(TransactionCallback<T> work) {
            return delegate.inTransaction(tx -> work.doInTransaction(new Tx(tx, failures)));
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        private record Tx(StorageTransaction tx, java.util.concurrent.atomic.AtomicInteger failures)
                implements StorageTransaction {
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
            public PurgeQueueStore purgeQueue() {
                return tx.purgeQueue();
            }

            @Override
            public LeaseStore leases() {
                return tx.leases();
            }

            @Override
            public LogStore logs() {
                LogStore logs = tx.logs();
                return new LogStore() {
                    @Override
                    public void insert(Collection<Log> l) {
                        logs.insert(l);
                    }

                    @Override
                    public List<Log> find(Collection<UUID> ids, int limit, int offset) {
                        return logs.find(ids, limit, offset);
                    }

                    @Override
                    public long count(Collection<UUID> ids) {
                        return logs.count(ids);
                    }

                    @Override
                    public int deleteByFlowRunIds(Collection<UUID> ids, int maxRows) {
                        int deleted = logs.deleteByFlowRunIds(ids, maxRows);
                        if (deleted > 0) {
                            failures.incrementAndGet();
                            throw new dev.flowsweep.spi.FlowsweepStorageException(MESSAGE, null, false);
                        }
                        return deleted;
                    }
                };
            }
        }
    }
}
