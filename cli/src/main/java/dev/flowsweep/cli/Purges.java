package dev.flowsweep.cli;

import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.PurgeQueueStats;

import java.io.PrintWriter;
import java.time.Duration;

/** The log purge queue from the command line: its state, and carrying it out until it is empty. */
final class Purges {
    private Purges() {
    }

    static PurgeQueueStats stats(FlowsweepStorage storage) {
        return storage.inTransaction(tx -> tx.purgeQueue().stats());
    }

    /**
     * Runs a log purger on this thread's behalf until no purge is pending or the timeout passes.
     *
     * @return whether the queue emptied (failed purges aside) before the timeout
     */
    static boolean process(FlowsweepStorage storage, Duration timeout, PrintWriter err) throws InterruptedException {
        LogPurger purger = LogPurger.builder(storage).build().start();
        try {
            boolean idle = purger.awaitIdle(timeout);
            if (!idle) {
                err.println("flowsweep: log purges still pending after " + DurationConverter.format(timeout)
                        + "; they stay queued and any Flowsweep LogPurger on this database carries them out");
                err.flush();
            }
            return idle;
        } finally {
            purger.close();
        }
    }

    /** {@code log purges: 3 pending, 0 failed} with the oldest's enqueue time. */
    static String describe(PurgeQueueStats s) {
        return "log purges: " + s.pending() + " pending, " + s.failed() + " failed"
                + (s.oldestEnqueuedAt() == null ? "" : " (oldest queued at " + s.oldestEnqueuedAt() + ")");
    }
}
