package dev.flowsweep.batch;

import dev.flowsweep.model.Times;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The loop of one run of batches, shared by {@code BulkDeleteService.drain}, a retention policy's run and the
 * orphaned-log sweep. Before each batch it checks, in this order, whether to stop: the owner is closing
 * ({@link Stop#CLOSED}), the thread is interrupted ({@link Stop#INTERRUPTED}, the flag is kept), the time budget is
 * used up ({@link Stop#TIME_BUDGET}; measured from the start by the clock, so a batch in flight always finishes),
 * and before every batch but the first whether the run may go on ({@link Stop#LEASE_LOST}: a lease renewal). Then
 * it runs the batch, adds up what it did (items, and the concurrency slots it released, per limit), tells the
 * progress listener, stops when the batch came back short of the batch size ({@link Stop#EXHAUSTED}), and otherwise
 * pauses if asked to ({@link Stop#CLOSED} or {@link Stop#INTERRUPTED} when the pause is cut short).
 *
 * <p>A {@link RuntimeException} from a batch, a check or the listener ends the loop with {@link Stop#FAILED} and the
 * exception in the result, together with what the batches before it did; the caller decides whether to rethrow it
 * (a drain does) or to report it (a retention run does).
 *
 * <pre>{@code
 * BatchLoop.Result r = BatchLoop.startingNow(clock, 200)
 *         .timeBudget(Duration.ofMinutes(5))
 *         .run(() -> BatchLoop.Step.of(deleteSomething()), progress -> { });
 * }</pre>
 *
 * <p>Not thread-safe: one loop object per run, run once, on the running thread.
 */
public final class BatchLoop {
    /** Why a loop stopped. */
    public enum Stop {
        /** A batch came back short of the batch size: nothing is left (as far as this loop saw). */
        EXHAUSTED,
        /** The running thread was interrupted, or a pause was cut short without closing. */
        INTERRUPTED,
        /** The time budget was used up. */
        TIME_BUDGET,
        /** The owner is closing. */
        CLOSED,
        /** The check before a further batch said no (a lease could not be renewed). */
        LEASE_LOST,
        /** A batch, a check or the progress listener threw; see {@link Result#failure()}. */
        FAILED
    }

    /**
     * What one batch did.
     *
     * @param size          items it handled (runs or logs deleted); less than the batch size means nothing is left
     * @param releasedSlots per concurrency limit id, slots it released (empty for work that releases none)
     */
    public record Step(int size, Map<UUID, Integer> releasedSlots) {
        public Step {
            releasedSlots = Map.copyOf(releasedSlots);
        }

        /** A batch of {@code size} items that released no slot. */
        public static Step of(int size) {
            return new Step(size, Map.of());
        }
    }

    /** One batch of work. */
    @FunctionalInterface
    public interface Batch {
        Step run();
    }

    /** Waits between two batches; returns false when the run should stop instead (closing, interrupted). */
    @FunctionalInterface
    public interface Pauser {
        boolean pause(Duration duration);
    }

    /**
     * Progress after a batch.
     *
     * @param batches       batches done so far
     * @param items         items handled so far
     * @param lastBatchSize items the last batch handled
     * @param elapsed       time since the start
     */
    public record Progress(int batches, long items, int lastBatchSize, Duration elapsed) {
    }

    /**
     * What a loop did and why it stopped.
     *
     * @param stop          why it stopped
     * @param batches       batches that completed (an empty last batch included)
     * @param items         items over all batches
     * @param lastBatchSize items of the last completed batch (0 before the first)
     * @param releasedSlots per concurrency limit id, slots released over all batches
     * @param elapsed       time from the start to the end of the loop, never negative
     * @param failure       for {@link Stop#FAILED}, what was thrown; otherwise null
     */
    public record Result(Stop stop, int batches, long items, int lastBatchSize, Map<UUID, Integer> releasedSlots,
                         Duration elapsed, RuntimeException failure) {
        public Result {
            Objects.requireNonNull(stop, "stop");
            releasedSlots = Map.copyOf(releasedSlots);
        }
    }

    private final Clock clock;
    private final Instant start;
    private final int batchSize;
    private Duration timeBudget;
    private BooleanSupplier closing = () -> false;
    private BooleanSupplier mayContinue = () -> true;
    private Duration pause = Duration.ZERO;
    private Pauser pauser = d -> true;

    private BatchLoop(Clock clock, Instant start, int batchSize) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = Objects.requireNonNull(start, "start");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** A loop whose time is measured from now by {@code clock}; a batch shorter than {@code batchSize} ends it. */
    public static BatchLoop startingNow(Clock clock, int batchSize) {
        return new BatchLoop(clock, Times.now(clock), batchSize);
    }

    /** A loop whose time is measured from {@code start} (the run's start, by {@code clock}). */
    public static BatchLoop startingAt(Clock clock, Instant start, int batchSize) {
        return new BatchLoop(clock, start, batchSize);
    }

    /** When the loop started: the instant its time budget and elapsed times are measured from. */
    public Instant start() {
        return start;
    }

    /** Stops before a batch once this much time has passed since the start; null (the default) = no budget. */
    public BatchLoop timeBudget(Duration budget) {
        this.timeBudget = budget;
        return this;
    }

    /** Stops before a batch while this says the owner is closing. */
    public BatchLoop closing(BooleanSupplier closing) {
        this.closing = Objects.requireNonNull(closing, "closing");
        return this;
    }

    /** Asked before every batch but the first (e.g. renews a lease); false stops the loop with {@link Stop#LEASE_LOST}. */
    public BatchLoop beforeFurtherBatch(BooleanSupplier mayContinue) {
        this.mayContinue = Objects.requireNonNull(mayContinue, "mayContinue");
        return this;
    }

    /** Pauses this long after every full batch (zero, the default: no pause) with {@code pauser}. */
    public BatchLoop pause(Duration pause, Pauser pauser) {
        this.pause = Objects.requireNonNull(pause, "pause");
        this.pauser = Objects.requireNonNull(pauser, "pauser");
        return this;
    }

    /**
     * Runs batches until one of the stop conditions (see the class documentation).
     *
     * @param batch    one batch
     * @param progress told after each batch, on this thread
     * @return what the batches did and why the loop stopped
     */
    public Result run(Batch batch, Consumer<Progress> progress) {
        Map<UUID, Integer> released = new HashMap<>();
        int batches = 0;
        long items = 0;
        int last = 0;
        Stop stop;
        RuntimeException failure = null;
        try {
            while (true) {
                stop = stopBefore(batches);
                if (stop != null) {
                    break;
                }
                Step step = batch.run();
                batches++;
                items += step.size();
                last = step.size();
                step.releasedSlots().forEach((limitId, n) -> released.merge(limitId, n, Integer::sum));
                progress.accept(new Progress(batches, items, last, elapsed()));
                if (step.size() < batchSize) {
                    stop = Stop.EXHAUSTED;
                    break;
                }
                if (!pause.isZero() && !pauser.pause(pause)) {
                    stop = closing.getAsBoolean() ? Stop.CLOSED : Stop.INTERRUPTED;
                    break;
                }
            }
        } catch (RuntimeException e) {
            stop = Stop.FAILED;
            failure = e;
        }
        return new Result(stop, batches, items, last, released, elapsed(), failure);
    }

    private Stop stopBefore(int batchesDone) {
        if (closing.getAsBoolean()) {
            return Stop.CLOSED;
        }
        if (Thread.currentThread().isInterrupted()) {
            return Stop.INTERRUPTED;
        }
        if (timeBudget != null && elapsed().compareTo(timeBudget) >= 0) {
            return Stop.TIME_BUDGET;
        }
        if (batchesDone > 0 && !mayContinue.getAsBoolean()) {
            return Stop.LEASE_LOST;
        }
        return null;
    }

    /** Time since the start by the clock, never negative. */
    public Duration elapsed() {
        Duration d = Duration.between(start, Times.now(clock));
        return d.isNegative() ? Duration.ZERO : d;
    }
}
