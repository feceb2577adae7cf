package dev.flowsweep.service;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.Times;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.StorageTransaction;
import dev.flowsweep.spi.TransactionCallback;
import dev.flowsweep.validation.BulkDeleteValidator;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Deletes flow runs in bulk by filter, as Prefect's {@code POST /flow_runs/bulk_delete} does, with its side
 * effects done right.
 *
 * <pre>{@code
 * BulkDeleteService service = new BulkDeleteService(storage);            // defaults: cap 200
 * BulkDeleteResult result = service.bulkDelete(BulkDeleteRequest.of(
 *         FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build(), 100));
 * result.deleted();         // the ids this call deleted, ID_DESC
 * result.releasedSlots();   // concurrency limit id -> slots released
 * }</pre>
 *
 * <h2>What one bulk delete does</h2>
 * In <em>one</em> storage transaction: it locks up to {@code limit} matching runs in {@code ID_DESC} order (unsigned
 * UUID order, descending), sets {@code parent_task_run_id} to null on the subflow runs whose parent task run
 * belongs to them, deletes their task runs, deletes the runs, releases the concurrency slots the deleted runs held,
 * and enqueues the purge of their logs. Commit makes all of it visible at once; a failure leaves nothing changed.
 * A deleted run releases one slot of its deployment's concurrency limit when its state type <em>as deleted</em> is
 * {@code PENDING}, {@code RUNNING} or {@code CANCELLING} and the limit is active; {@code active_slots} never
 * drops below 0. The slots of one limit are released in one storage call, limits in id order, so that
 * concurrent calls lock limits in the same order.
 *
 * <h2>Concurrency</h2>
 * The service is thread-safe and holds no per-call state. Transactions run at READ COMMITTED. Under concurrent
 * calls each run is reported by exactly one call, and its slot is released exactly once, by that call: a call
 * reports only what its own transaction deleted (never what it merely read), so it may report fewer than
 * {@code limit} runs while more match. Deadlocks, serialization failures and lock timeouts
 * ({@link FlowsweepStorageException#isTransient()}) re-run the whole transaction up to
 * {@link Builder#maxTransientRetries(int) maxTransientRetries} times, after a jittered pause of 10 to 50 ms times
 * the attempt number; then the exception reaches the caller. Other storage failures are not retried.
 *
 * <h2>Logs</h2>
 * Logs are not deleted in the caller's transaction: their purge is queued in it and carried out asynchronously by
 * a {@link LogPurger}, so a call returns without waiting for logs, whatever their number. Pass the purger with
 * {@link Builder#logPurger(LogPurger)} to have it woken after each commit; without one, the queue is served only
 * by the purgers' polling (this process's or another one's sharing the database). The service neither starts nor
 * closes the purger.
 *
 * <h2>Validation</h2>
 * Every request is validated before any storage is touched: {@code limit} must be 1..{@link #limitCap()} (null
 * means the cap), reported as a Jakarta {@link ConstraintViolationException} whose violation names {@code limit}
 * (see {@link BulkDeleteValidator}). With {@link Builder#requireFilter(boolean) requireFilter}, a filter that
 * matches every run (null, or one whose conditions are all dropped) is refused with an
 * {@link IllegalArgumentException}.
 */
public final class BulkDeleteService {
    /** Largest {@code limit} (and drain batch size) accepted, and the {@code limit} of a request without one: {@value}. */
    public static final int DEFAULT_LIMIT_CAP = 200;
    /** Whether a filter that matches every run is refused: {@value} (such a request deletes up to {@code limit} runs). */
    public static final boolean DEFAULT_REQUIRE_FILTER = false;
    /** How many times a transient storage failure re-runs the whole transaction: {@value}. */
    public static final int DEFAULT_MAX_TRANSIENT_RETRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(BulkDeleteService.class);
    private static final Comparator<UUID> ID_DESC = Uuids.ORDER.reversed();
    private static final long MIN_BACKOFF_MILLIS = 10;
    private static final long MAX_BACKOFF_MILLIS = 50;

    private final FlowsweepStorage storage;
    private final int limitCap;
    private final boolean requireFilter;
    private final int maxTransientRetries;
    private final Clock clock;
    private final LogPurger logPurger;
    private final BulkDeleteValidator validator;
    private final Sleeper sleeper;

    /**
     * A service with every default: cap {@value #DEFAULT_LIMIT_CAP}, no filter required,
     * {@value #DEFAULT_MAX_TRANSIENT_RETRIES} transient retries, the UTC system clock, no log purger to wake.
     */
    public BulkDeleteService(FlowsweepStorage storage) {
        this(builder(storage));
    }

    private BulkDeleteService(Builder b) {
        this.storage = b.storage;
        this.limitCap = b.limitCap;
        this.requireFilter = b.requireFilter;
        this.maxTransientRetries = b.maxTransientRetries;
        this.clock = b.clock;
        this.logPurger = b.logPurger;
        this.sleeper = b.sleeper;
        this.validator = new BulkDeleteValidator(b.limitCap);
    }

    /** A builder over this storage, with the {@code DEFAULT_*} settings. */
    public static Builder builder(FlowsweepStorage storage) {
        return new Builder(storage);
    }

    /** The largest {@code limit} and drain batch size this service accepts; a request without a limit uses it. */
    public int limitCap() {
        return limitCap;
    }

    /** Whether this service refuses filters that match every run. */
    public boolean requireFilter() {
        return requireFilter;
    }

    // --------------------------------------------------------------------------------------------- operations

    /**
     * Deletes up to {@code limit} runs matching the request's filter, in {@code ID_DESC} order, in one transaction
     * (see the class documentation), then wakes the log purger.
     *
     * @param request the filter (null = every run), the limit (null = the cap) and the actor (nullable)
     * @return the ids this call deleted ({@code ID_DESC}) and the slots it released per concurrency limit
     * @throws ConstraintViolationException when {@code limit} is outside 1..cap or {@code actor} is too long;
     *                                      nothing was touched
     * @throws IllegalArgumentException     when this service requires a filter and the request's matches every run;
     *                                      nothing was touched
     * @throws FlowsweepStorageException    when the storage fails (after the transient retries); nothing was changed
     */
    public BulkDeleteResult bulkDelete(BulkDeleteRequest request) {
        validate(request);
        return deleteMatching(criterionOf(request.filter()), limitOf(request), request.actor());
    }

    /**
     * The ids a {@link #bulkDelete} with this request would delete now, in {@code ID_DESC} order; nothing is
     * changed or locked. A later bulk delete may delete other runs if the data changes in between.
     *
     * @param request as for {@link #bulkDelete}
     * @return the matching ids, at most {@code limit}, in {@code ID_DESC} order
     * @throws ConstraintViolationException as {@link #bulkDelete}
     * @throws IllegalArgumentException     as {@link #bulkDelete}
     * @throws FlowsweepStorageException    when the storage fails (after the transient retries)
     */
    public List<UUID> dryRun(BulkDeleteRequest request) {
        validate(request);
        Criterion criterion = criterionOf(request.filter());
        int limit = limitOf(request);
        return withTransientRetries(tx -> List.copyOf(tx.flowRuns().findIds(criterion, FlowRunSort.ID_DESC, limit)));
    }

    /**
     * Deletes one run, as a bulk delete of that id would (task runs, subflow orphaning, slot release, log purge).
     * Not subject to {@link Builder#requireFilter(boolean) requireFilter}: one id is a filter.
     *
     * @param id the run to delete
     * @return {@link DeleteByIdResult#DELETED} when this call deleted it, {@link DeleteByIdResult#NOT_FOUND} when
     *         there was no such run (or a concurrent call deleted it first)
     * @throws FlowsweepStorageException when the storage fails (after the transient retries)
     */
    public DeleteByIdResult deleteById(UUID id) {
        return deleteById(id, null);
    }

    /**
     * {@link #deleteById(UUID)} on behalf of {@code actor} (nullable, at most 255 characters), recorded for auditing.
     *
     * @param id    the run to delete
     * @param actor who asks; nullable
     * @return {@link DeleteByIdResult#DELETED} or {@link DeleteByIdResult#NOT_FOUND}
     * @throws ConstraintViolationException when {@code actor} is longer than 255 characters
     */
    public DeleteByIdResult deleteById(UUID id, String actor) {
        Objects.requireNonNull(id, "id");
        validator.validate(new BulkDeleteRequest(null, 1, actor));
        BulkDeleteResult result = deleteMatching(new Criterion.In(Criterion.Column.ID, List.of(id)), 1, actor);
        return result.deleted().isEmpty() ? DeleteByIdResult.NOT_FOUND : DeleteByIdResult.DELETED;
    }

    /**
     * {@link #drain(FlowRunFilter, int, Duration, DrainProgressListener)} without a time budget.
     *
     * @param filter    which runs; null = every run
     * @param batchSize runs per batch, 1..cap
     * @param listener  told after each batch; nullable
     * @return what the drain did and why it stopped
     */
    public DrainResult drain(FlowRunFilter filter, int batchSize, DrainProgressListener listener) {
        return drain(filter, batchSize, null, listener);
    }

    /**
     * Deletes matching runs batch after batch, each batch a {@link #bulkDelete} of {@code batchSize} in its own
     * transaction, until one of:
     * <ul>
     *   <li>a batch deletes fewer than {@code batchSize} runs ({@link DrainResult.StopReason#EXHAUSTED}; under
     *       concurrent deletes a batch may come back short while matching runs remain);</li>
     *   <li>the calling thread is interrupted ({@link DrainResult.StopReason#INTERRUPTED}; the interrupt flag is
     *       left set);</li>
     *   <li>{@code timeBudget} has elapsed on this service's clock ({@link DrainResult.StopReason#TIME_BUDGET}).</li>
     * </ul>
     * Interrupt and budget are checked before each batch, so a batch in flight always finishes; a zero budget or
     * an already interrupted thread deletes nothing. The listener is told after every batch, on the calling
     * thread; an exception it throws ends the drain and reaches the caller. Committed batches stay deleted when a
     * later batch fails.
     *
     * @param filter     which runs; null = every run (refused when this service requires a filter)
     * @param batchSize  runs per batch, 1..cap
     * @param timeBudget how long to keep starting batches; null = no budget
     * @param listener   told after each batch; null = {@link DrainProgressListener#NONE}
     * @return batches, runs deleted, slots released per limit, why it stopped and how long it took
     * @throws ConstraintViolationException when {@code batchSize} is outside 1..cap (violation path {@code batchSize})
     * @throws IllegalArgumentException     when {@code timeBudget} is negative, or this service requires a filter
     *                                      and {@code filter} matches every run
     * @throws FlowsweepStorageException    when a batch fails (after the transient retries)
     */
    public DrainResult drain(FlowRunFilter filter, int batchSize, Duration timeBudget, DrainProgressListener listener) {
        validator.validateBatchSize(batchSize);
        if (timeBudget != null && timeBudget.isNegative()) {
            throw new IllegalArgumentException("timeBudget must not be negative, was " + timeBudget);
        }
        checkFilterRequirement(filter);
        DrainProgressListener progress = listener == null ? DrainProgressListener.NONE : listener;
        Criterion criterion = criterionOf(filter);
        Instant start = clock.instant();
        Map<UUID, Integer> released = new HashMap<>();
        int batches = 0;
        long deleted = 0;
        DrainResult.StopReason reason;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                reason = DrainResult.StopReason.INTERRUPTED;
                break;
            }
            if (timeBudget != null && elapsedSince(start).compareTo(timeBudget) >= 0) {
                reason = DrainResult.StopReason.TIME_BUDGET;
                break;
            }
            BulkDeleteResult batch = deleteMatching(criterion, batchSize, null);
            batches++;
            deleted += batch.deleted().size();
            batch.releasedSlots().forEach((limitId, n) -> released.merge(limitId, n, Integer::sum));
            progress.onBatch(new DrainProgress(batches, deleted, batch.deleted().size(), elapsedSince(start)));
            if (batch.deleted().size() < batchSize) {
                reason = DrainResult.StopReason.EXHAUSTED;
                break;
            }
        }
        Duration elapsed = elapsedSince(start);
        log.debug("drain stopped ({}): {} run(s) deleted in {} batch(es) in {}", reason, deleted, batches, elapsed);
        return new DrainResult(batches, deleted, released, reason, elapsed);
    }

    // --------------------------------------------------------------------------------------------- algorithm

    private void validate(BulkDeleteRequest request) {
        Objects.requireNonNull(request, "request");
        validator.validate(request);
        checkFilterRequirement(request.filter());
    }

    private void checkFilterRequirement(FlowRunFilter filter) {
        if (requireFilter && (filter == null || filter.matchesEverything())) {
            throw new IllegalArgumentException("this service requires a filter: "
                    + (filter == null ? "none was given" : "the filter given has no condition left and matches every run"));
        }
    }

    private int limitOf(BulkDeleteRequest request) {
        return request.limit() == null ? limitCap : request.limit();
    }

    private static Criterion criterionOf(FlowRunFilter filter) {
        return filter == null ? null : filter.toCriterion().orElse(null);
    }

    private Duration elapsedSince(Instant start) {
        return Duration.between(start, clock.instant());
    }

    /** Validated: runs the unit of work (with retries), then wakes the purger. */
    private BulkDeleteResult deleteMatching(Criterion criterion, int limit, String actor) {
        BulkDeleteResult result = withTransientRetries(tx -> deleteInTransaction(tx, criterion, limit));
        if (!result.deleted().isEmpty()) {
            log.debug("bulk delete{} deleted {} run(s), released {} slot(s)",
                    actor == null ? "" : " by " + actor, result.deleted().size(), result.totalReleasedSlots());
            wakePurger();
        }
        return result;
    }

    /** The whole unit of work; keeps no state across attempts. */
    private BulkDeleteResult deleteInTransaction(StorageTransaction tx, Criterion criterion, int limit) {
        List<UUID> ids = tx.flowRuns().lockIdsForDelete(criterion, limit);
        if (ids.isEmpty()) {
            return BulkDeleteResult.empty();
        }
        tx.flowRuns().orphanSubflowsOf(ids);
        tx.taskRuns().deleteByFlowRunIds(ids);
        List<DeletedFlowRun> deletedRuns = tx.flowRuns().delete(ids);
        if (deletedRuns.isEmpty()) {
            return BulkDeleteResult.empty();
        }
        Map<UUID, Integer> released = releaseSlots(tx, deletedRuns);

        List<UUID> deletedIds = new ArrayList<>(deletedRuns.size());
        for (DeletedFlowRun run : deletedRuns) {
            deletedIds.add(run.id());
        }
        deletedIds.sort(ID_DESC);
        tx.purgeQueue().enqueue(deletedIds, Times.now(clock));
        return new BulkDeleteResult(deletedIds, released);
    }

    /** Releases one slot per deleted slot-holding run, one call per limit, limits in id order. */
    private static Map<UUID, Integer> releaseSlots(StorageTransaction tx, List<DeletedFlowRun> deletedRuns) {
        List<DeletedFlowRun> holders = new ArrayList<>();
        Set<UUID> deploymentIds = new LinkedHashSet<>();
        for (DeletedFlowRun run : deletedRuns) {
            StateType state = run.stateType();
            if (state != null && state.holdsConcurrencySlot() && run.deploymentId() != null) {
                holders.add(run);
                deploymentIds.add(run.deploymentId());
            }
        }
        if (holders.isEmpty()) {
            return Map.of();
        }
        Map<UUID, UUID> limitByDeployment = tx.deployments().concurrencyLimitIds(deploymentIds);
        Map<UUID, Integer> slotsByLimit = new TreeMap<>(Uuids.ORDER);
        for (DeletedFlowRun run : holders) {
            UUID limitId = limitByDeployment.get(run.deploymentId());
            if (limitId != null) {
                slotsByLimit.merge(limitId, 1, Integer::sum);
            }
        }
        Map<UUID, Integer> released = new HashMap<>();
        slotsByLimit.forEach((limitId, slots) -> {
            if (tx.concurrencyLimits().releaseSlots(limitId, slots)) {
                released.put(limitId, slots);
            }
        });
        return released;
    }

    private void wakePurger() {
        if (logPurger == null) {
            return;
        }
        try {
            logPurger.wakeUp();
        } catch (RuntimeException e) {
            // The delete is committed; the purge is queued and will be found by polling.
            log.warn("could not wake the log purger: {}", e.toString());
        }
    }

    private <T> T withTransientRetries(TransactionCallback<T> work) {
        int retries = 0;
        while (true) {
            try {
                return storage.inTransaction(work);
            } catch (FlowsweepStorageException e) {
                if (!e.isTransient() || retries >= maxTransientRetries) {
                    throw e;
                }
                retries++;
                Duration pause = Duration.ofMillis(
                        ThreadLocalRandom.current().nextLong(MIN_BACKOFF_MILLIS, MAX_BACKOFF_MILLIS + 1) * retries);
                log.debug("transient storage failure ({}); retry {} of {} in {} ms",
                        e.getMessage(), retries, maxTransientRetries, pause.toMillis());
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

    /** How the retry backoff waits; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    // --------------------------------------------------------------------------------------------- builder

    /** Settings of a {@link BulkDeleteService}; every one has a {@code DEFAULT_*} constant. Not thread-safe. */
    public static final class Builder {
        private final FlowsweepStorage storage;
        private int limitCap = DEFAULT_LIMIT_CAP;
        private boolean requireFilter = DEFAULT_REQUIRE_FILTER;
        private int maxTransientRetries = DEFAULT_MAX_TRANSIENT_RETRIES;
        private Clock clock = Clock.systemUTC();
        private LogPurger logPurger;
        private Sleeper sleeper = Sleeper.THREAD_SLEEP;

        private Builder(FlowsweepStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /**
         * The largest {@code limit} and drain batch size accepted (at least 1), also the limit of a request without
         * one. Default {@value BulkDeleteService#DEFAULT_LIMIT_CAP}; Prefect's own endpoint uses 50.
         */
        public Builder limitCap(int limitCap) {
            if (limitCap < 1) {
                throw new IllegalArgumentException("limitCap must be at least 1, was " + limitCap);
            }
            this.limitCap = limitCap;
            return this;
        }

        /**
         * Refuse requests whose filter matches every run (null, or all conditions dropped), so that a mistaken
         * empty filter cannot delete arbitrary runs. Default {@value BulkDeleteService#DEFAULT_REQUIRE_FILTER}.
         */
        public Builder requireFilter(boolean requireFilter) {
            this.requireFilter = requireFilter;
            return this;
        }

        /**
         * How many times a transient storage failure re-runs the whole transaction (0 = never).
         * Default {@value BulkDeleteService#DEFAULT_MAX_TRANSIENT_RETRIES}.
         */
        public Builder maxTransientRetries(int maxTransientRetries) {
            if (maxTransientRetries < 0) {
                throw new IllegalArgumentException("maxTransientRetries must not be negative, was " + maxTransientRetries);
            }
            this.maxTransientRetries = maxTransientRetries;
            return this;
        }

        /** The clock for purge enqueue times and drain budgets. Default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A purger to wake after each commit that deleted runs (nullable; the service neither starts nor closes it). */
        public Builder logPurger(LogPurger logPurger) {
            this.logPurger = logPurger;
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** A service with these settings (builds its validator: a few milliseconds). */
        public BulkDeleteService build() {
            return new BulkDeleteService(this);
        }
    }
}
