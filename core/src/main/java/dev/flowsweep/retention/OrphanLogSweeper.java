package dev.flowsweep.retention;

import dev.flowsweep.batch.BatchLoop;
import dev.flowsweep.model.Times;
import dev.flowsweep.service.TransientRetries;
import dev.flowsweep.spi.FlowsweepStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The orphaned-log sweep of a {@link RetentionService}: deletes, in transactions of {@code batchSize} rows, the logs
 * whose {@code flow_run_id} names no existing run and whose timestamp is more than {@code grace} old
 * ({@link dev.flowsweep.spi.LogStore#deleteOrphans}), holding the lease {@value RetentionService#ORPHAN_LOG_LEASE},
 * until nothing is left, the time budget is used up or the service closes. One sweep at a time in this service.
 */
final class OrphanLogSweeper {
    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final TransientRetries retries;
    private final LeaseGuard leases;
    private final Lifecycle lifecycle;
    private final Clock clock;
    private final String instanceId;
    private final Duration grace;
    private final int batchSize;
    private final Duration timeBudget;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean unsupported;
    private volatile OrphanLogSweep last;

    OrphanLogSweeper(FlowsweepStorage storage, LeaseGuard leases, Lifecycle lifecycle, Clock clock, String instanceId,
                     Duration grace, int batchSize, Duration timeBudget) {
        this.retries = new TransientRetries(storage, TransientRetries.DEFAULT_MAX_RETRIES);
        this.leases = leases;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.instanceId = instanceId;
        this.grace = grace;
        this.batchSize = batchSize;
        this.timeBudget = timeBudget;
    }

    /** The last sweep; null before the first. */
    OrphanLogSweep last() {
        return last;
    }

    /** Whether a sweep found that the storage cannot sweep orphaned logs. */
    boolean unsupported() {
        return unsupported;
    }

    /** Sweeps now, on this thread; skipped when a sweep is running here or another instance holds the lease. */
    OrphanLogSweep sweep() {
        lifecycle.checkOpen();
        Instant startedAt = Times.now(clock);
        if (!running.compareAndSet(false, true)) {
            return new OrphanLogSweep(RetentionRun.Outcome.SKIPPED_ALREADY_RUNNING, null, startedAt, Duration.ZERO, 0,
                    0, "already running in this service (" + instanceId + ")");
        }
        lifecycle.enter();
        try {
            OrphanLogSweep sweep = sweepHoldingGuard(startedAt);
            last = sweep;
            return sweep;
        } finally {
            running.set(false);
            lifecycle.exit();
        }
    }

    private OrphanLogSweep sweepHoldingGuard(Instant startedAt) {
        String lease = RetentionService.ORPHAN_LOG_LEASE;
        LeaseGuard.Acquired acquired;
        try {
            acquired = leases.acquire(lease, startedAt);
        } catch (RuntimeException e) {
            log.warn("orphaned-log sweep not run: could not take its lease", e);
            return new OrphanLogSweep(RetentionRun.Outcome.FAILED, null, startedAt, elapsedSince(startedAt), 0, 0,
                    "could not take the lease " + lease + ": " + Describe.error(e));
        }
        if (!acquired.ok()) {
            return new OrphanLogSweep(RetentionRun.Outcome.SKIPPED_LEASE_HELD, null, startedAt,
                    elapsedSince(startedAt), 0, 0, LeaseGuard.heldBy(acquired.holder()));
        }
        try {
            return sweepInBatches(startedAt);
        } finally {
            leases.release(lease);
        }
    }

    private OrphanLogSweep sweepInBatches(Instant startedAt) {
        Instant loggedBefore = Times.normalize(startedAt.minus(grace));
        BatchLoop.Result r = BatchLoop.startingAt(clock, startedAt, batchSize)
                .timeBudget(timeBudget)
                .closing(lifecycle::isClosing)
                .beforeFurtherBatch(() -> leases.renew(RetentionService.ORPHAN_LOG_LEASE))
                .run(() -> BatchLoop.Step.of(retries.inTransaction(
                        tx -> tx.logs().deleteOrphans(loggedBefore, batchSize))), progress -> { });
        RetentionRun.Outcome outcome = PolicyRunner.outcomeOf(r.stop());
        // Only transactions that deleted logs count: the last one may have found none.
        int batches = r.stop() == BatchLoop.Stop.EXHAUSTED && r.lastBatchSize() == 0 ? r.batches() - 1 : r.batches();
        String message = null;
        if (outcome == RetentionRun.Outcome.LEASE_LOST) {
            message = "the lease " + RetentionService.ORPHAN_LOG_LEASE + " expired and was taken over";
        } else if (outcome == RetentionRun.Outcome.FAILED) {
            message = Describe.error(r.failure());
            if (r.failure() instanceof UnsupportedOperationException) {
                unsupported = true;
            } else {
                log.warn("orphaned-log sweep failed after {} log(s) deleted: {}", r.items(), message);
            }
        }
        if (r.items() > 0) {
            log.info("orphaned-log sweep: {} log(s) of deleted runs removed in {} transaction(s), {}", r.items(),
                    batches, outcome);
        }
        return new OrphanLogSweep(outcome, loggedBefore, startedAt, elapsedSince(startedAt), batches, r.items(),
                message);
    }

    private Duration elapsedSince(Instant start) {
        return PolicyRunner.elapsedSince(clock, start);
    }
}
