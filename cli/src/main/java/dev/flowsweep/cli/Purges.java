package dev.flowsweep.cli;

import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.purge.PurgeBatch;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spi.PurgeTask;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The log purge queue from the command line: its state, and carrying it out until it is empty. */
final class Purges {
    private Purges() {
    }

    static PurgeQueueStats stats(FlowsweepStorage storage) {
        return storage.inTransaction(tx -> tx.purgeQueue().stats());
    }

    /**
     * What {@link #process} saw.
     *
     * @param idle   whether the queue emptied (failed purges aside) before the timeout
     * @param failed whether a purge transaction failed (the purges it claimed stay queued, retried later)
     */
    record Outcome(boolean idle, boolean failed) {
    }

    /**
     * Runs a log purger on this thread's behalf until no purge is pending or the timeout passes. A purge that failed
     * is reported on {@code err}: the runs whose purge failed (the first few) and the cause.
     */
    static Outcome process(FlowsweepStorage storage, Duration timeout, PrintWriter err) throws InterruptedException {
        AtomicReference<String> failure = new AtomicReference<>();
        LogPurger purger = LogPurger.builder(storage).listener(batch -> {
            if (batch.outcome() == PurgeBatch.Outcome.FAILED) {
                failure.set(batch.error());
            }
        }).build().start();
        boolean idle;
        try {
            idle = purger.awaitIdle(timeout);
            if (!idle) {
                err.println("flowsweep: log purges still pending after " + DurationConverter.format(timeout)
                        + "; they stay queued and any Flowsweep LogPurger on this database carries them out");
                err.flush();
            }
        } finally {
            purger.close();
        }
        if (failure.get() != null) {
            List<PurgeTask> failing = failing(storage, SHOWN);
            List<String> ids = new ArrayList<>();
            for (PurgeTask t : failing) {
                ids.add(t.flowRunId().toString());
            }
            PurgeQueueStats s = stats(storage);
            err.println("flowsweep: log purge failed" + (ids.isEmpty() ? "" : " for run(s) " + String.join(", ", ids)
                    + (s.failed() + s.pending() > ids.size() ? " …" : "")) + ": " + failure.get() + " (" + s.failed()
                    + " failed, " + s.pending() + " pending; they stay queued: retry with flowsweep purge-status"
                    + " --retry-failed --process)");
            err.flush();
        }
        return new Outcome(idle, failure.get() != null);
    }

    /** How many runs a failure line names. */
    static final int SHOWN = 10;

    /**
     * Up to {@code max} queued purges that failed at least once, read with the queue's own claim in a transaction that
     * is then rolled back, so nothing changes.
     */
    static List<PurgeTask> failing(FlowsweepStorage storage, int max) {
        try {
            storage.inTransaction(tx -> {
                List<PurgeTask> due = tx.purgeQueue().claimDue(Instant.now().plus(Duration.ofDays(36_500)), 1_000);
                List<PurgeTask> failing = new ArrayList<>();
                for (PurgeTask t : due) {
                    if ((t.failed() || t.lastError() != null) && failing.size() < max) {
                        failing.add(t);
                    }
                }
                throw new ReadOnly(failing);
            });
        } catch (ReadOnly r) {
            return r.tasks;
        }
        return List.of();
    }

    /** Carries a read out of a transaction that must roll back. */
    private static final class ReadOnly extends RuntimeException {
        final List<PurgeTask> tasks;

        ReadOnly(List<PurgeTask> tasks) {
            super(null, null, false, false);
            this.tasks = tasks;
        }
    }

    /** {@code log purges: 3 pending, 0 failed} with the oldest's enqueue time. */
    static String describe(PurgeQueueStats s) {
        return "log purges: " + s.pending() + " pending, " + s.failed() + " failed"
                + (s.oldestEnqueuedAt() == null ? "" : " (oldest queued at " + s.oldestEnqueuedAt() + ")");
    }
}
