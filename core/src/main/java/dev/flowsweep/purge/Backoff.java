package dev.flowsweep.purge;

import java.time.Duration;
import java.util.List;

/**
 * When a purge that failed is tried again: after the 1st, 2nd, ... failed attempt, the matching delay of
 * {@code delays} (the last one repeats); after {@code maxAttempts} failed attempts the purge is <em>failed</em> and
 * tried every {@code failedRetryInterval}.
 */
record Backoff(List<Duration> delays, int maxAttempts, Duration failedRetryInterval) {
    Backoff {
        delays = List.copyOf(delays);
    }

    /** Whether a purge that failed {@code attempts} times is failed (on the slow schedule). */
    boolean failedAfter(int attempts) {
        return attempts >= maxAttempts;
    }

    /** How long after its {@code attempts}-th failed attempt a purge is tried again. */
    Duration delayAfter(int attempts) {
        return failedAfter(attempts) ? failedRetryInterval : delays.get(Math.min(attempts, delays.size()) - 1);
    }
}
