package dev.flowsweep.spring.boot;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.PurgeQueueStats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The purge queue's figures (pending, failed, oldest entry) for the meters and the health indicator, read with one
 * query and kept for {@code flowsweep.purge.stats-max-age}, so that a scrape of three gauges and a health probe do not
 * each query the database. Thread-safe.
 */
public final class PurgeQueueMonitor {
    private final FlowsweepStorage storage;
    private final long maxAgeNanos;
    private final Clock clock;
    private final Object lock = new Object();
    private PurgeQueueStats stats;
    private long readAt;

    /**
     * @param storage the storage whose queue is read
     * @param maxAge  how long one reading is served (zero: read every time)
     * @param clock   the clock for the age of the oldest entry
     */
    public PurgeQueueMonitor(FlowsweepStorage storage, Duration maxAge, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.maxAgeNanos = maxAge.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The figures, read again when the last reading is older than the maximum age.
     *
     * @throws dev.flowsweep.spi.FlowsweepStorageException when the storage cannot be read
     */
    public PurgeQueueStats stats() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (stats == null || now - readAt >= maxAgeNanos) {
                stats = storage.inTransaction(tx -> tx.purgeQueue().stats());
                readAt = System.nanoTime();
            }
            return stats;
        }
    }

    /** How long the oldest queued purge (pending or failed) has waited; zero when the queue is empty. */
    public Duration oldestAge(PurgeQueueStats stats) {
        Instant oldest = stats.oldestEnqueuedAt();
        if (oldest == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(oldest, clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** Forgets the last reading, so that the next {@link #stats()} reads the storage. */
    public void refresh() {
        synchronized (lock) {
            stats = null;
        }
    }
}
