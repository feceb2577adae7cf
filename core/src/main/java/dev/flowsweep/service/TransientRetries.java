package dev.flowsweep.service;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.TransactionCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a whole transaction again after a transient storage failure ({@link FlowsweepStorageException#isTransient()}:
 * deadlock, serialization failure, lock timeout, or a connection lost before the commit was sent — on a fresh
 * connection, since the storage takes one per transaction), up to a number of retries, after a jittered pause of 10
 * to 50 ms times the attempt number. Other failures, and the last transient one, reach the caller: never a
 * {@link dev.flowsweep.spi.FlowsweepCommitUnknownException} (the commit may have happened) nor a
 * {@link dev.flowsweep.spi.FlowsweepStatementTimeoutException} (a retry would double the time the call takes).
 * {@code BulkDeleteService} uses it for every transaction; the log purger and retention use it too; a host's own
 * writes may use it as well ({@code new TransientRetries(storage, TransientRetries.DEFAULT_MAX_RETRIES)}) when their
 * callback can run again.
 */
public final class TransientRetries {
    /** The retries {@link BulkDeleteService} makes by default: {@value}. */
    public static final int DEFAULT_MAX_RETRIES = BulkDeleteService.DEFAULT_MAX_TRANSIENT_RETRIES;

    private static final Logger log = LoggerFactory.getLogger(BulkDeleteService.class);
    private static final long MIN_BACKOFF_MILLIS = 10;
    private static final long MAX_BACKOFF_MILLIS = 50;

    /** How the backoff waits; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    private final FlowsweepStorage storage;
    private final int maxRetries;
    private final Sleeper sleeper;

    /**
     * Retries on {@code storage}, at most {@code maxRetries} times per call.
     *
     * @throws IllegalArgumentException when {@code maxRetries} is negative
     */
    public TransientRetries(FlowsweepStorage storage, int maxRetries) {
        this(storage, maxRetries, Sleeper.THREAD_SLEEP);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
    }

    TransientRetries(FlowsweepStorage storage, int maxRetries, Sleeper sleeper) {
        this.storage = storage;
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code work} in a transaction, again after each transient failure while retries are left. Interrupted
     * during a pause, it keeps the interrupt flag and throws the failure (with the interrupt suppressed in it).
     */
    public <T> T inTransaction(TransactionCallback<T> work) {
        int retries = 0;
        while (true) {
            try {
                return storage.inTransaction(work);
            } catch (FlowsweepStorageException e) {
                if (!e.isTransient() || retries >= maxRetries) {
                    throw e;
                }
                retries++;
                Duration pause = Duration.ofMillis(
                        ThreadLocalRandom.current().nextLong(MIN_BACKOFF_MILLIS, MAX_BACKOFF_MILLIS + 1) * retries);
                log.debug("transient storage failure ({}); retry {} of {} in {} ms",
                        e.getMessage(), retries, maxRetries, pause.toMillis());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(ie);
                    throw e;
                }
            }
        }
    }
}
