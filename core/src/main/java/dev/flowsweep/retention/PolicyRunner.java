package dev.flowsweep.retention;

import dev.flowsweep.batch.BatchLoop;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.Times;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeleteBatches;
import dev.flowsweep.service.DrainProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One run of a retention policy: skipped when the policy is running in this service; otherwise takes the policy's
 * lease (skipped when another instance holds it), deletes in batches through the {@link BulkDeleteService} (a
 * {@link BatchLoop} that renews the lease before each further batch), tells the {@link RetentionRunListener}, and
 * releases the lease. Storage failures end the run {@link RetentionRun.Outcome#FAILED}; they do not escape.
 */
final class PolicyRunner {
    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final BulkDeleteService service;
    private final LeaseGuard leases;
    private final Lifecycle lifecycle;
    private final Clock clock;
    private final String instanceId;
    private final String actor;
    private final RetentionRunListener listener;
    private final BatchLoop.Pauser pauser;

    PolicyRunner(BulkDeleteService service, LeaseGuard leases, Lifecycle lifecycle, Clock clock, String instanceId,
                 String actor, RetentionRunListener listener, BatchLoop.Pauser pauser) {
        this.service = service;
        this.leases = leases;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.instanceId = instanceId;
        this.actor = actor;
        this.listener = listener;
        this.pauser = pauser;
    }

    /** Runs the policy on this thread, unless it is running here already. */
    RetentionRun run(PolicyState st) {
        RetentionPolicy p = st.policy;
        Instant startedAt = Times.now(clock);
        if (!p.windows().isOpen(startedAt)) {
            RetentionRun outside = new RetentionRun(p.name(), RetentionRun.Outcome.SKIPPED_OUTSIDE_WINDOW, null,
                    startedAt, Duration.ZERO, 0, 0, Map.of(), "outside its batch windows (" + p.windows()
                    + "); the next opens at " + p.windows().nextOpening(startedAt));
            log.debug("retention {} skipped: {}", p.name(), outside.message());
            st.record(outside);
            safely(() -> listener.onRunFinished(outside));
            return outside;
        }
        if (!st.running.compareAndSet(false, true)) {
            RetentionRun skipped = new RetentionRun(p.name(), RetentionRun.Outcome.SKIPPED_ALREADY_RUNNING, null,
                    startedAt, Duration.ZERO, 0, 0, Map.of(), "already running in this service (" + instanceId + ")");
            log.debug("retention {} skipped: already running here", p.name());
            safely(() -> listener.onRunFinished(skipped));
            return skipped;
        }
        lifecycle.enter();
        try {
            RetentionRun run = runHoldingGuard(p, startedAt);
            st.record(run);
            return run;
        } finally {
            st.running.set(false);
            lifecycle.exit();
        }
    }

    private RetentionRun runHoldingGuard(RetentionPolicy p, Instant startedAt) {
        String leaseName = RetentionService.LEASE_PREFIX + p.name();
        LeaseGuard.Acquired acquired;
        try {
            acquired = leases.acquire(leaseName, startedAt);
        } catch (RuntimeException e) {
            RetentionRun failed = finished(p, RetentionRun.Outcome.FAILED, null, startedAt, 0, 0, Map.of(),
                    "could not take the lease " + leaseName + ": " + Describe.error(e));
            log.warn("retention {} not run: {}", p.name(), failed.message(), e);
            safely(() -> listener.onRunFinished(failed));
            return failed;
        }
        if (!acquired.ok()) {
            RetentionRun skipped = finished(p, RetentionRun.Outcome.SKIPPED_LEASE_HELD, null, startedAt, 0, 0,
                    Map.of(), LeaseGuard.heldBy(acquired.holder()));
            log.debug("retention {} skipped: {}", p.name(), skipped.message());
            safely(() -> listener.onRunFinished(skipped));
            return skipped;
        }
        try {
            RetentionRun run = deleteInBatches(p, startedAt, leaseName);
            safely(() -> listener.onRunFinished(run));
            return run;
        } finally {
            leases.release(leaseName);
        }
    }

    private RetentionRun deleteInBatches(RetentionPolicy p, Instant startedAt, String leaseName) {
        Instant cutoff = p.cutoffAt(startedAt);
        FlowRunFilter filter = p.filterAt(startedAt);
        safely(() -> listener.onRunStarted(p, cutoff));
        BulkDeleteRequest request = new BulkDeleteRequest(filter, p.batchSize(), actor, p.archive());
        DeleteBatches[] batches = {null}; // made by the first batch, so that a refused request fails the run
        Instant[] windowClosedAt = {null};
        BatchLoop.Result r = BatchLoop.startingAt(clock, startedAt, p.batchSize())
                .timeBudget(p.timeBudget())
                .closing(() -> lifecycle.isClosing() || windowClosed(p, windowClosedAt))
                .beforeFurtherBatch(() -> leases.renew(leaseName))
                .pause(p.pauseBetweenBatches(), pauser)
                .run(() -> {
                    if (batches[0] == null) {
                        batches[0] = DeleteBatches.of(service, request, p.reason());
                    }
                    return batches[0].next();
                }, progress -> safely(() -> listener.onBatch(p, new DrainProgress(progress.batches(),
                        progress.items(), progress.lastBatchSize(), progress.elapsed()))));
        String message = null;
        RetentionRun.Outcome outcome = outcomeOf(r.stop());
        if (outcome == RetentionRun.Outcome.CLOSED && windowClosedAt[0] != null && !lifecycle.isClosing()) {
            outcome = RetentionRun.Outcome.WINDOW_CLOSED;
            message = "its batch window closed (" + windowClosedAt[0] + "); it goes on when one opens, at "
                    + p.windows().nextOpening(windowClosedAt[0]);
        } else if (outcome == RetentionRun.Outcome.LEASE_LOST) {
            message = "the lease " + leaseName + " expired and was taken over; "
                    + LeaseGuard.heldBy(leases.find(leaseName));
        } else if (outcome == RetentionRun.Outcome.FAILED) {
            message = Describe.error(r.failure());
            log.warn("retention {} failed after {} batch(es) and {} run(s) deleted", p.name(), r.batches(), r.items(),
                    r.failure());
        }
        RetentionRun run = finished(p, outcome, cutoff, startedAt, r.batches(), r.items(), r.releasedSlots(), message);
        if (outcome != RetentionRun.Outcome.FAILED) {
            log.info("retention {}: {} run(s) deleted in {} batch(es), {} slot(s) released, {} ({}{})", p.name(),
                    r.items(), r.batches(), run.totalReleasedSlots(), outcome, run.elapsed(),
                    cutoff == null ? "" : ", cutoff " + cutoff);
        }
        return run;
    }

    /** Whether none of the policy's windows is open now; remembers when it found them closed. */
    private boolean windowClosed(RetentionPolicy p, Instant[] closedAt) {
        Instant now = Times.now(clock);
        if (p.windows().isOpen(now)) {
            return false;
        }
        closedAt[0] = now;
        return true;
    }

    private RetentionRun finished(RetentionPolicy p, RetentionRun.Outcome outcome, Instant cutoff, Instant startedAt,
                                  int batches, long deleted, Map<UUID, Integer> released, String message) {
        return new RetentionRun(p.name(), outcome, cutoff, startedAt, elapsedSince(clock, startedAt), batches, deleted,
                released, message);
    }

    /** How a run (or a sweep) ended, from why its loop stopped. */
    static RetentionRun.Outcome outcomeOf(BatchLoop.Stop stop) {
        return switch (stop) {
            case EXHAUSTED -> RetentionRun.Outcome.COMPLETED;
            case INTERRUPTED -> RetentionRun.Outcome.INTERRUPTED;
            case TIME_BUDGET -> RetentionRun.Outcome.TIME_BUDGET;
            case CLOSED -> RetentionRun.Outcome.CLOSED;
            case LEASE_LOST -> RetentionRun.Outcome.LEASE_LOST;
            case FAILED -> RetentionRun.Outcome.FAILED;
        };
    }

    static Duration elapsedSince(Clock clock, Instant start) {
        Duration d = Duration.between(start, Times.now(clock));
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Runs a listener call; what it throws is logged and ignored. */
    static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("retention run listener failed", e);
        }
    }
}
