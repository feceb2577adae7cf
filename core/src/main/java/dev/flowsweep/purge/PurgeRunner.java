package dev.flowsweep.purge;

import dev.flowsweep.model.Times;
import dev.flowsweep.service.TransientRetries;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.PurgeTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One purge pass: purge transactions ({@link PurgeTransaction}) one after another — first on the runs handed over in
 * process ({@link HandOff}), then, when the pass was asked to scan the queue, on the oldest due entries until nothing
 * is due — until the storage fails or the purger closes. A failed transaction is rolled back by the storage, which
 * puts its queue rows back; when it held several runs, they are next tried one per transaction, so that one bad run
 * does not use up the attempts of the runs claimed with it; the failed attempt of a single run is recorded in a new
 * transaction and the run is retried after its {@link Backoff}. When even the failure cannot be recorded (the storage
 * is down) the entry stays queued as it was.
 */
final class PurgeRunner {
    private static final Logger log = LoggerFactory.getLogger(LogPurger.class);

    private final TransientRetries storage;
    private final Clock clock;
    private final int runsPerBatch;
    private final PurgeTransaction transaction;
    private final Backoff backoff;
    private final PurgeListener listener;
    private final Consumer<Duration> retryWake;
    private final BooleanSupplier closing;
    private final HandOff handOff;

    /**
     * @param retryWake told the delay of every recorded failure, so that the purger looks again when it is due
     * @param closing   whether to stop before the next transaction
     * @param handOff   the runs handed over in process
     */
    PurgeRunner(FlowsweepStorage storage, Clock clock, int runsPerBatch, PurgeTransaction transaction, Backoff backoff,
                PurgeListener listener, Consumer<Duration> retryWake, BooleanSupplier closing, HandOff handOff) {
        // A deadlock or a connection lost before the commit: retried at once on a fresh connection, so that it
        // neither counts as a failed attempt nor waits for the next poll.
        this.storage = new TransientRetries(storage, TransientRetries.DEFAULT_MAX_RETRIES);
        this.clock = clock;
        this.runsPerBatch = runsPerBatch;
        this.transaction = transaction;
        this.backoff = backoff;
        this.listener = listener;
        this.retryWake = retryWake;
        this.closing = closing;
        this.handOff = handOff;
    }

    /**
     * Runs purge transactions on the runs handed over, then, with {@code scanQueue}, on the due entries until none is
     * left; stops early when the storage fails or the purger closes.
     */
    void purgeDue(boolean scanQueue) {
        boolean scan = scanQueue;
        Deque<UUID> oneByOne = new ArrayDeque<>(); // runs of a failed hand-off batch
        int singleRunTransactionsLeft = 0; // due runs of a failed batch
        while (!closing.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            PurgeTransaction.Claim claim;
            if (!oneByOne.isEmpty()) {
                claim = PurgeTransaction.Claim.handedOver(List.of(oneByOne.poll()));
            } else if (singleRunTransactionsLeft > 0) {
                singleRunTransactionsLeft--;
                claim = PurgeTransaction.Claim.due(1);
            } else {
                List<UUID> handed = handOff.poll(runsPerBatch);
                if (!handed.isEmpty()) {
                    claim = PurgeTransaction.Claim.handedOver(handed);
                } else if (scan) {
                    claim = PurgeTransaction.Claim.due(runsPerBatch);
                } else {
                    return;
                }
            }
            Pass pass = purgeOnce(claim);
            switch (pass.kind) {
                case STORAGE_DOWN -> {
                    return; // polling and retry wake-ups (scans) find what is left
                }
                case NOTHING_DUE -> {
                    if (!claim.handedOver()) {
                        scan = false; // nothing is due
                        singleRunTransactionsLeft = 0;
                    }
                }
                case COMPLETED -> {
                    if (!claim.handedOver() && pass.claimed < claim.max()) {
                        scan = false; // the claim came back short: nothing more is due
                    }
                }
                case ROW_CAP_REACHED -> scan = true; // the runs are queued again: go on with them
                case ATTEMPT_RECORDED -> {
                    // the next runs
                }
                case BATCH_FAILED -> {
                    if (claim.handedOver()) {
                        oneByOne.addAll(claim.runs());
                    } else {
                        singleRunTransactionsLeft = pass.claimed;
                        scan = true;
                    }
                }
            }
        }
    }

    private enum Kind {
        NOTHING_DUE,
        COMPLETED,
        ROW_CAP_REACHED,
        /** A transaction of several runs failed; nothing recorded, try them one by one. */
        BATCH_FAILED,
        /** A one-run transaction failed and its attempt was recorded. */
        ATTEMPT_RECORDED,
        /** The storage failed to claim or to record: try again later. */
        STORAGE_DOWN
    }

    private record Pass(Kind kind, int claimed) {
    }

    private Pass purgeOnce(PurgeTransaction.Claim claim) {
        Instant now = Times.now(clock);
        AtomicReference<List<PurgeTask>> claimed = new AtomicReference<>(List.of());
        PurgeTransaction.Done done;
        try {
            done = storage.inTransaction(tx -> transaction.purge(tx, now, claim, claimed::set));
        } catch (RuntimeException e) {
            List<PurgeTask> tasks = claimed.get();
            String error = describe(e);
            tell(new PurgeBatch(PurgeBatch.Outcome.FAILED, tasks.size(), 0, elapsedSince(now), error));
            if (tasks.isEmpty()) {
                log.warn("could not claim log purges: {}; trying again later", error);
                return new Pass(Kind.STORAGE_DOWN, 0);
            }
            if (tasks.size() > 1) {
                log.debug("log purge of {} runs failed ({}); trying them one by one", tasks.size(), error);
                return new Pass(Kind.BATCH_FAILED, tasks.size());
            }
            return recordFailure(tasks.get(0), error) ? new Pass(Kind.ATTEMPT_RECORDED, 1)
                    : new Pass(Kind.STORAGE_DOWN, 1);
        }
        return switch (done.kind()) {
            case NOTHING_DUE -> new Pass(Kind.NOTHING_DUE, 0);
            case COMPLETED -> {
                tell(new PurgeBatch(PurgeBatch.Outcome.COMPLETED, done.runs(), done.logsDeleted(), elapsedSince(now),
                        null));
                yield new Pass(Kind.COMPLETED, done.runs());
            }
            case ROW_CAP_REACHED -> {
                tell(new PurgeBatch(PurgeBatch.Outcome.MORE_LEFT, done.runs(), done.logsDeleted(), elapsedSince(now),
                        null));
                yield new Pass(Kind.ROW_CAP_REACHED, done.runs());
            }
        };
    }

    /** Records a failed attempt in a new transaction; false when that fails too (the entry stays as it was). */
    private boolean recordFailure(PurgeTask task, String message) {
        Instant now = Times.now(clock);
        int attempts = task.attempts() + 1;
        boolean failed = backoff.failedAfter(attempts);
        Duration delay = backoff.delayAfter(attempts);
        Instant next = now.plus(delay);
        try {
            storage.inTransaction(tx -> {
                tx.purgeQueue().recordFailure(task.flowRunId(), attempts, message, next, failed);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("could not record failed log purge of run {} ({}): {}; trying again later",
                    task.flowRunId(), message, describe(e));
            return false;
        }
        if (failed && !task.failed()) {
            log.warn("log purge of run {} failed {} times, now retried every {}: {}",
                    task.flowRunId(), attempts, backoff.failedRetryInterval(), message);
        } else {
            log.debug("log purge of run {} failed (attempt {}), next at {}: {}",
                    task.flowRunId(), attempts, next, message);
        }
        retryWake.accept(delay);
        return true;
    }

    private void tell(PurgeBatch batch) {
        try {
            listener.onBatch(batch);
        } catch (RuntimeException e) {
            log.warn("purge listener {} failed on {}", listener, batch, e);
        }
    }

    private Duration elapsedSince(Instant start) {
        Duration d = Duration.between(start, Times.now(clock));
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The error and up to three causes, cut to {@link LogPurger#MAX_ERROR_LENGTH} characters. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && cause != e && depth < 3; depth++, cause = cause.getCause()) {
            sb.append(" <- ").append(cause);
        }
        int max = LogPurger.MAX_ERROR_LENGTH;
        return sb.length() > max ? sb.substring(0, max - 1) + "…" : sb.toString();
    }
}
