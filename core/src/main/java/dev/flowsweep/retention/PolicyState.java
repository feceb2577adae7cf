package dev.flowsweep.retention;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One policy's mutable state in a {@link RetentionService}. */
final class PolicyState {
    final RetentionPolicy policy;
    /** Whether this service is running it now: one run at a time. */
    final AtomicBoolean running = new AtomicBoolean();
    volatile RetentionRun lastRun;
    /** Its last run that was not skipped; null before the first. */
    volatile RetentionRun lastAttempt;
    /** When its last successful run ended ({@link RetentionRun#succeeded()}); null before the first. */
    volatile Instant lastSuccessAt;
    /** How many of its runs failed in this service. */
    final AtomicLong failedRuns = new AtomicLong();
    /** Its schedule; null before start. */
    volatile ScheduledFuture<?> future;
    /** A run at the next opening of its batch windows, once they were found closed; null when none is due. */
    volatile ScheduledFuture<?> atOpening;

    PolicyState(RetentionPolicy policy) {
        this.policy = policy;
    }

    /** Records how a run ended: the last run, the last attempt, the last success, the failures. */
    void record(RetentionRun run) {
        lastRun = run;
        if (!run.outcome().skipped()) {
            lastAttempt = run;
        }
        if (run.succeeded()) {
            lastSuccessAt = run.startedAt().plus(run.elapsed());
        }
        if (run.outcome() == RetentionRun.Outcome.FAILED) {
            failedRuns.incrementAndGet();
        }
    }

    /** The policy's status at {@code now}, scheduled next at {@code nextRunAt} (null: not scheduled). */
    RetentionStatus status(Instant now, Instant nextRunAt) {
        BatchWindows w = policy.windows();
        return new RetentionStatus(policy, running.get(), lastRun, nextRunAt, lastAttempt, lastSuccessAt,
                failedRuns.get(), w.isOpen(now), w.isAlways() ? null : w.nextOpening(now));
    }
}
