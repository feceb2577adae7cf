package dev.flowsweep.retention;

import dev.flowsweep.batch.BatchExecutor;
import dev.flowsweep.model.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The schedule of a {@link RetentionService} on its executor: each policy after the initial delay, then its interval
 * after the end of each run; the orphaned-log sweep likewise (it stops for good when the storage cannot sweep).
 * Closing cancels the schedule, shuts an owned executor down and waits for the runs in flight.
 */
final class RetentionSchedule {
    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final BatchExecutor executor;
    private final Lifecycle lifecycle;
    private final Collection<PolicyState> policies;
    private final PolicyRunner runner;
    private final OrphanLogSweeper sweeper;
    private final Clock clock;
    private final Duration initialDelay;
    private final Duration orphanLogInterval;
    private ScheduledFuture<?> orphanFuture;

    /** @param orphanLogInterval null: no scheduled sweep */
    RetentionSchedule(BatchExecutor executor, Lifecycle lifecycle, Collection<PolicyState> policies,
                      PolicyRunner runner, OrphanLogSweeper sweeper, Clock clock, Duration initialDelay,
                      Duration orphanLogInterval) {
        this.executor = executor;
        this.lifecycle = lifecycle;
        this.policies = policies;
        this.runner = runner;
        this.sweeper = sweeper;
        this.clock = clock;
        this.initialDelay = initialDelay;
        this.orphanLogInterval = orphanLogInterval;
    }

    boolean sweepsOrphanLogs() {
        return orphanLogInterval != null;
    }

    /**
     * Schedules everything, once.
     *
     * @return false when started already
     * @throws IllegalStateException when closed
     */
    boolean start() {
        return lifecycle.start(() -> {
            long delay = initialDelay.toNanos();
            ScheduledExecutorService on = executor.executor();
            for (PolicyState st : policies) {
                st.future = on.scheduleWithFixedDelay(() -> scheduledRun(st), delay,
                        st.policy.interval().toNanos(), TimeUnit.NANOSECONDS);
            }
            if (orphanLogInterval != null) {
                orphanFuture = on.scheduleWithFixedDelay(this::scheduledOrphanSweep, delay,
                        orphanLogInterval.toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    /**
     * Cancels the schedule and waits up to {@code timeout} for the runs in flight (see
     * {@link RetentionService#close()}).
     *
     * @return false when closed already
     */
    boolean close(Duration timeout) {
        boolean closing = lifecycle.close(() -> {
            for (PolicyState st : policies) {
                if (st.future != null) {
                    st.future.cancel(false);
                }
                if (st.atOpening != null) {
                    st.atOpening.cancel(false);
                }
            }
            if (orphanFuture != null) {
                orphanFuture.cancel(false);
            }
        });
        if (!closing) {
            return false;
        }
        try {
            if (!executor.shutdown(timeout)) {
                log.warn("retention run still going after {}; interrupted it", timeout);
            }
            if (!lifecycle.awaitNoActive(System.nanoTime() + timeout.toNanos())) {
                log.warn("retention run still going after {}; it stops after its batch in flight", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (executor.owned()) {
                executor.executor().shutdownNow();
            }
        }
        return true;
    }

    /** When the policy runs next; null when not scheduled. */
    Instant nextRunAt(PolicyState st) {
        return nextRunAt(st.future);
    }

    /** When the orphaned-log sweep runs next; null when not scheduled. */
    Instant nextOrphanLogSweepAt() {
        return nextRunAt(lifecycle.underLock(() -> orphanFuture));
    }

    private Instant nextRunAt(ScheduledFuture<?> future) {
        if (lifecycle.underLock(() -> future == null || future.isDone() || lifecycle.isClosing())) {
            return null;
        }
        long delay = Math.max(0, future.getDelay(TimeUnit.NANOSECONDS));
        return Times.now(clock).plusNanos(delay);
    }

    private void scheduledRun(PolicyState st) {
        try {
            if (!lifecycle.isClosing()) {
                RetentionRun run = runner.run(st);
                if (run.outcome() == RetentionRun.Outcome.WINDOW_CLOSED
                        || run.outcome() == RetentionRun.Outcome.SKIPPED_OUTSIDE_WINDOW) {
                    runAtNextOpening(st);
                }
            }
        } catch (RuntimeException e) {
            log.error("retention run of {} failed", st.policy.name(), e);
        }
    }

    /** Resumes the policy when one of its windows next opens (once, besides its interval). */
    private void runAtNextOpening(PolicyState st) {
        lifecycle.underLock(() -> {
            if (!lifecycle.isClosing() && (st.atOpening == null || st.atOpening.isDone())) {
                Instant now = Times.now(clock);
                Duration wait = Duration.between(now, st.policy.windows().nextOpening(now));
                st.atOpening = executor.executor().schedule(() -> scheduledRun(st),
                        Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
            }
            return null;
        });
    }

    private void scheduledOrphanSweep() {
        try {
            if (!lifecycle.isClosing()) {
                OrphanLogSweep sweep = sweeper.sweep();
                if (sweeper.unsupported()) {
                    log.warn("the storage cannot sweep orphaned logs ({}); the scheduled sweep stops", sweep.message());
                    lifecycle.underLock(() -> orphanFuture == null || orphanFuture.cancel(false));
                }
            }
        } catch (RuntimeException e) {
            log.error("orphaned-log sweep failed", e);
        }
    }
}
