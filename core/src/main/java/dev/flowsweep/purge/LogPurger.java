package dev.flowsweep.purge;

import dev.flowsweep.batch.BatchExecutor;
import dev.flowsweep.model.Times;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.PurgeQueueStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Deletes the logs of deleted flow runs in the background, from the storage's purge queue.
 *
 * <p>{@code BulkDeleteService} enqueues one purge per deleted run in the transaction that deletes it; this class
 * carries the purges out on an executor, never on the caller's thread:
 * <pre>{@code
 * LogPurger purger = new LogPurger(storage).start();
 * BulkDeleteService service = BulkDeleteService.builder(storage).logPurger(purger).build();
 * ...
 * purger.close();   // on shutdown: finishes the batch in flight, leaves the rest queued
 * }</pre>
 *
 * <h2>What one purge transaction does</h2>
 * One unit ({@link PurgeTransaction}, apart from the wake-ups and the backoff around it) claims its queue entries by
 * removing them — the entries of runs handed over in process ({@link dev.flowsweep.spi.PurgeQueueStore#take}), or up
 * to {@link Builder#runsPerBatch(int) runsPerBatch} due entries ({@link dev.flowsweep.spi.PurgeQueueStore#takeDue},
 * oldest first, entries locked by another instance skipped) — and deletes their logs in the same transaction, with
 * statements of at most {@link Builder#maxRowsPerStatement(int) maxRowsPerStatement} rows each: one commit removes
 * the logs and the entries, a rollback or a crash puts both back. A transaction stops after
 * {@link Builder#maxRowsPerTransaction(int) maxRowsPerTransaction} rows: the entries are then queued again and the
 * next transaction continues where it stopped, so a run with millions of logs never makes one huge transaction.
 *
 * <h2>When it runs</h2>
 * After {@link #start()}: at once (purges enqueued before a restart are carried out), after each commit of the
 * service ({@link #purgesQueued}: the deleted runs are handed over and purged by key, with no scan of the queue), on
 * {@link #wakeUp()}, when a retry becomes due, and every {@link Builder#pollInterval(Duration) pollInterval}, so that
 * purges enqueued by other processes sharing the database (or by one that died before purging them) are found too.
 * Each of these but the hand-off scans the queue until nothing is due. One purger never runs two transactions at once,
 * whatever its executor.
 *
 * <h2>Failures</h2>
 * A failed transaction is rolled back by the storage. The failed purge's attempt is then recorded in a new
 * transaction with the error, and it is retried after a backoff ({@link #DEFAULT_BACKOFF}: 0.5, 1, 2, 4 s). After
 * {@link Builder#maxAttempts(int) maxAttempts} (5) failed attempts the purge is <em>failed</em>: counted by
 * {@link #failedCount()}, retried every {@link Builder#failedRetryInterval(Duration) failedRetryInterval} (1 min)
 * and at once on {@link #retryFailed()}, never dropped. When a transaction of several runs fails, the runs are
 * next tried one per transaction, so that one bad run does not use up the attempts of the runs claimed with it.
 * When even the failure cannot be recorded (the storage is down) the entry stays queued as it was and is tried
 * again at the next poll: no purge is ever lost.
 *
 * <h2>Events</h2>
 * A {@link PurgeListener} ({@link Builder#listener(PurgeListener)}) is told about every purge transaction: runs,
 * logs deleted, duration, failure. With the observation methods below, that is what metrics and health checks are
 * built from.
 *
 * <h2>Executor</h2>
 * Pass a host's {@link ScheduledExecutorService} with {@link Builder#executor}; the purger then never shuts it
 * down. Otherwise the purger owns one daemon thread named {@value #THREAD_NAME}, stopped by {@link #close()}.
 *
 * <p>Thread-safe. The observation methods ({@link #pendingCount()}, {@link #failedCount()},
 * {@link #oldestPendingAge()}, {@link #awaitIdle(Duration)}) read the storage and throw
 * {@link dev.flowsweep.spi.FlowsweepStorageException} when it fails.
 */
public final class LogPurger implements PurgeWakeUp, AutoCloseable {
    /**
     * Queue entries (runs) claimed per transaction: {@value}, more than the default bulk delete cap (200), so that the
     * logs of one full bulk delete are purged in one transaction (one commit), and that claim comes back short, which
     * tells the pass the queue has nothing more due: with a batch of exactly 200 it had to claim again to find out,
     * a second transaction on the way to "logs gone".
     */
    public static final int DEFAULT_RUNS_PER_BATCH = 256;
    /**
     * Most log rows one delete statement removes: {@value}, as many as a transaction, so that a transaction normally
     * issues one delete. Measured (docs/BENCHMARKS.md): each further bounded statement over the same runs scans again
     * the index entries its predecessors just deleted (they are not pruned before commit), so purging 20,000 logs in
     * chunks of 5,000 cost several times one statement on PostgreSQL and MariaDB.
     */
    public static final int DEFAULT_MAX_ROWS_PER_STATEMENT = 50_000;
    /** Most log rows one transaction removes before it commits and the next one continues: {@value}. */
    public static final int DEFAULT_MAX_ROWS_PER_TRANSACTION = 50_000;
    /** Delays before the 2nd, 3rd, 4th and 5th attempts: 0.5, 1, 2 and 4 seconds. */
    public static final List<Duration> DEFAULT_BACKOFF = List.of(
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    /** Failed attempts after which a purge is marked failed: {@value}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** How often a failed purge is tried again: every minute. */
    public static final Duration DEFAULT_FAILED_RETRY_INTERVAL = Duration.ofMinutes(1);
    /** How often the queue is looked at without a wake-up (purges enqueued by other processes): every second. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** How long {@link #close()} waits for the transaction in flight: 10 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Name of the thread the purger owns when no executor is passed in. */
    public static final String THREAD_NAME = "flowsweep-log-purge";
    /** Longest error message recorded with a failed attempt, in characters; longer ones are cut. */
    public static final int MAX_ERROR_LENGTH = 1000;

    private static final Logger log = LoggerFactory.getLogger(LogPurger.class);

    private final FlowsweepStorage storage;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration closeTimeout;
    private final PurgeRunner runner;
    private final PurgeScheduler scheduler;
    private final HandOff handOff = new HandOff();

    /** A purger with every default, on a thread of its own. Call {@link #start()} to begin. */
    public LogPurger(FlowsweepStorage storage) {
        this(builder(storage));
    }

    private LogPurger(Builder b) {
        this.storage = b.storage;
        this.clock = b.clock;
        this.pollInterval = b.pollInterval;
        this.closeTimeout = b.closeTimeout;
        BatchExecutor executor = BatchExecutor.hostOrOwn(b.executor, THREAD_NAME);
        this.scheduler = new PurgeScheduler(executor, b.pollInterval, this::purgeDue);
        this.runner = new PurgeRunner(b.storage, b.clock, b.runsPerBatch,
                new ClaimByDelete(b.maxRowsPerStatement, b.maxRowsPerTransaction),
                new Backoff(b.backoff, b.maxAttempts, b.failedRetryInterval), b.listener,
                scheduler::wakeAfter, scheduler::isClosing, handOff);
    }

    /** A builder over this storage, with the {@code DEFAULT_*} settings. */
    public static Builder builder(FlowsweepStorage storage) {
        return new Builder(storage);
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Starts purging: at once, then on wake-ups and every poll interval. Calling it again does nothing.
     *
     * @return this purger
     * @throws IllegalStateException when the purger is closed
     */
    public LogPurger start() {
        scheduler.start();
        return this;
    }

    /**
     * Asks for a purge soon, without waiting for it. Does nothing before {@link #start()} or after {@link #close()}.
     * Never blocks, never throws.
     */
    public void wakeUp() {
        scheduler.request();
    }

    /**
     * Called by {@code BulkDeleteService} after a commit that queued the purge of these runs: the runs are handed over
     * in process, and purged soon by claiming their queue rows by key ({@link dev.flowsweep.spi.PurgeQueueStore#take})
     * — no scan of the queue for them. Their queue rows stay the durable record: a run this purger does not get to
     * (it closes first, the process dies) is found by the next scan, here or in another instance. More than
     * {@value HandOff#MAX_PENDING} runs waiting: the hand-off is dropped and the queue scanned instead. Does nothing
     * before {@link #start()} or after {@link #close()}. Never blocks, never throws.
     */
    @Override
    public void purgesQueued(List<UUID> flowRunIds) {
        if (!scheduler.running() || flowRunIds.isEmpty()) {
            return;
        }
        if (handOff.add(flowRunIds)) {
            scheduler.kick();
        } else {
            scheduler.request();
        }
    }

    /**
     * Makes every failed purge due now with its attempts reset, and wakes the purger.
     *
     * @return how many failed purges were reset
     */
    public int retryFailed() {
        Instant now = Times.now(clock);
        int reset = storage.inTransaction(tx -> tx.purgeQueue().retryFailed(now));
        if (reset > 0) {
            log.info("{} failed log purge(s) reset for retry", reset);
        }
        scheduler.request();
        return reset;
    }

    /**
     * Stops purging: waits up to the close timeout for the transaction in flight, leaves the rest queued (in a
     * shared or durable store another instance, or this one after a restart, carries them out). An executor
     * passed in by the host is not shut down: only this purger's scheduled tasks are cancelled. Calling it again
     * does nothing. If the calling thread is interrupted while waiting, it stops waiting and keeps its interrupt
     * flag.
     */
    @Override
    public void close() {
        scheduler.close(closeTimeout);
        log.debug("log purger closed");
    }

    // ---------------------------------------------------------------------------------------------- observation

    /** Queued purges that are not failed (due now or waiting for a retry), in the whole store. */
    public long pendingCount() {
        return stats().pending();
    }

    /** Purges that used up their attempts; they stay queued and are retried every failed-retry interval. */
    public long failedCount() {
        return stats().failed();
    }

    /**
     * How long the oldest queued purge (pending or failed) has been waiting, by this purger's clock;
     * empty when the queue is empty. Never negative (clocks of other processes may be ahead).
     */
    public Optional<Duration> oldestPendingAge() {
        Instant oldest = stats().oldestEnqueuedAt();
        if (oldest == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(oldest, Times.now(clock));
        return Optional.of(age.isNegative() ? Duration.ZERO : age);
    }

    /**
     * Waits until no purge is pending and none is in flight, or until the timeout. Failed purges do not count:
     * they are retried on their slow schedule (see {@link #failedCount()}). Wakes the purger once when purges are
     * pending and it is not at work (they may have been enqueued by another process); a purger at work is not asked
     * for another pass, so waiting on a purge in flight costs no transaction beyond the pending count read after it.
     * Nothing is carried out unless the purger is {@link #start() started}.
     *
     * @return true when idle before the deadline, false at the deadline
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean woken = false;
        while (true) {
            long seen = scheduler.loopsEnded();
            if (!scheduler.busy()) {
                // Read after busy(): a loop that ended before committed its transaction.
                if (stats().pending() == 0 && !scheduler.busy()) {
                    return true;
                }
                if (!woken) {
                    woken = true;
                    scheduler.request();
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            // Woken when a run loop ends; the bounded wait also notices purges done by other processes.
            scheduler.awaitLoopEnd(seen, Math.min(remaining, pollInterval.toNanos()));
        }
    }

    private PurgeQueueStats stats() {
        return storage.inTransaction(tx -> tx.purgeQueue().stats());
    }

    /** Whether {@link #close()} was called; for tests. */
    boolean isClosing() {
        return scheduler.isClosing();
    }

    /**
     * Runs purge transactions until nothing is due, the storage fails, or the purger closes. Runs on the
     * purger's executor; package-private so that tests can step through it on their own thread.
     */
    void purgeDue() {
        runner.purgeDue(true);
    }

    /** One pass as the scheduler runs it: the runs handed over, then, with {@code scanQueue}, the due ones. */
    private void purgeDue(boolean scanQueue) {
        runner.purgeDue(scanQueue);
    }

    // --------------------------------------------------------------------------------------------------- builder

    /** Settings of a {@link LogPurger}; every one has a {@code DEFAULT_*} constant. Not thread-safe. */
    public static final class Builder {
        private final FlowsweepStorage storage;
        private ScheduledExecutorService executor;
        private Clock clock = Clock.systemUTC();
        private int runsPerBatch = DEFAULT_RUNS_PER_BATCH;
        private int maxRowsPerStatement = DEFAULT_MAX_ROWS_PER_STATEMENT;
        private int maxRowsPerTransaction = DEFAULT_MAX_ROWS_PER_TRANSACTION;
        private List<Duration> backoff = DEFAULT_BACKOFF;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration failedRetryInterval = DEFAULT_FAILED_RETRY_INTERVAL;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private PurgeListener listener = PurgeListener.NONE;

        private Builder(FlowsweepStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /**
         * Runs on the host's executor instead of a thread of its own; {@link LogPurger#close()} never shuts it
         * down. Null (the default) = the purger owns a daemon thread named {@value LogPurger#THREAD_NAME}.
         */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /** The clock for due times, backoff and ages. Default: {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Queue entries claimed per transaction, at least 1. Default {@value LogPurger#DEFAULT_RUNS_PER_BATCH}. */
        public Builder runsPerBatch(int runsPerBatch) {
            this.runsPerBatch = positive(runsPerBatch, "runsPerBatch");
            return this;
        }

        /** Most log rows per delete statement, at least 1. Default {@value LogPurger#DEFAULT_MAX_ROWS_PER_STATEMENT}. */
        public Builder maxRowsPerStatement(int maxRowsPerStatement) {
            this.maxRowsPerStatement = positive(maxRowsPerStatement, "maxRowsPerStatement");
            return this;
        }

        /**
         * Most log rows per transaction, at least 1; the claimed runs stay queued when it is reached.
         * Default {@value LogPurger#DEFAULT_MAX_ROWS_PER_TRANSACTION}.
         */
        public Builder maxRowsPerTransaction(int maxRowsPerTransaction) {
            this.maxRowsPerTransaction = positive(maxRowsPerTransaction, "maxRowsPerTransaction");
            return this;
        }

        /**
         * Delays after the 1st, 2nd, ... failed attempt (non-empty, none negative); the last one repeats when there
         * are more attempts than delays. Default {@link LogPurger#DEFAULT_BACKOFF}.
         */
        public Builder backoff(List<Duration> backoff) {
            List<Duration> copy = List.copyOf(backoff);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("backoff must have at least one delay");
            }
            for (Duration d : copy) {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("backoff delays must not be negative, was " + d);
                }
            }
            this.backoff = copy;
            return this;
        }

        /** Failed attempts after which a purge is failed, at least 1. Default {@value LogPurger#DEFAULT_MAX_ATTEMPTS}. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = positive(maxAttempts, "maxAttempts");
            return this;
        }

        /** How often a failed purge is retried (positive). Default {@link LogPurger#DEFAULT_FAILED_RETRY_INTERVAL}. */
        public Builder failedRetryInterval(Duration interval) {
            this.failedRetryInterval = positive(interval, "failedRetryInterval");
            return this;
        }

        /** How often the queue is looked at without a wake-up (positive). Default {@link LogPurger#DEFAULT_POLL_INTERVAL}. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /** How long {@link LogPurger#close()} waits for the transaction in flight (not negative). Default 10 s. */
        public Builder closeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "closeTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, was " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /** Told about every purge transaction (see {@link PurgeListener}). Default: none. */
        public Builder listener(PurgeListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** A purger with these settings, not started yet. */
        public LogPurger build() {
            return new LogPurger(this);
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
