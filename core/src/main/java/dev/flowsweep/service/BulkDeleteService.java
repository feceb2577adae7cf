package dev.flowsweep.service;

import dev.flowsweep.batch.BatchLoop;
import dev.flowsweep.events.DeletionListener;
import dev.flowsweep.events.DeletionReason;
import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.Times;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.purge.PurgeWakeUp;
import dev.flowsweep.spi.ArchiveBatch;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

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
 * {@link Builder#logPurger(PurgeWakeUp)} to have it woken after each commit, with the ids whose purge the commit
 * queued ({@link PurgeWakeUp}); without one, the queue is served only by the purgers' polling (this process's or
 * another one's sharing the database). The service neither starts nor closes the purger.
 *
 * <h2>Deletion events</h2>
 * Listeners registered with {@link Builder#deletionListener(DeletionListener)} are told after every commit that
 * deleted at least one run (bulk delete, single delete, each drain batch, each retention batch), on the calling
 * thread, in registration order, with what was deleted, why and by whom (see {@link DeletionListener}). A failing
 * listener is logged and never undoes the deletion; a transaction that rolls back or fails to commit tells no one.
 *
 * <h2>Validation</h2>
 * Every request is checked before any storage is touched ({@link BulkDeleteRequest#validate(int)}): {@code limit}
 * must be 1..{@link #limitCap()} (null means the cap) and {@code actor} at most
 * {@value BulkDeleteRequest#MAX_ACTOR_LENGTH} characters, a drain's {@code batchSize} 1..cap. A failed check is
 * reported as Jakarta Bean Validation reports a violated constraint: a {@link ConstraintViolationException} whose
 * violations name the property ({@code limit}, {@code actor}, {@code batchSize}), carry the invalid value and a
 * message such as {@code "limit must be between 1 and 200, was 201"}, so that a host maps it like its own. With
 * {@link Builder#requireFilter(boolean) requireFilter}, a filter that matches every run (null, or one whose
 * conditions are all dropped) is refused with an {@link IllegalArgumentException}.
 *
 * <h2>Events</h2>
 * After every commit that deleted runs, the purge is woken ({@link PurgeWakeUp}) and the listeners are told (see
 * above), which is what metrics are built from: runs deleted by reason, slots released and the call's latency
 * ({@link dev.flowsweep.events.DeletionEvent#elapsed()}).
 */
public final class BulkDeleteService {
    /** Largest {@code limit} (and drain batch size) accepted, and the {@code limit} of a request without one: {@value}. */
    public static final int DEFAULT_LIMIT_CAP = 200;
    /** Whether a filter that matches every run is refused: {@value} (such a request deletes up to {@code limit} runs). */
    public static final boolean DEFAULT_REQUIRE_FILTER = false;
    /** How many times a transient storage failure re-runs the whole transaction: {@value}. */
    public static final int DEFAULT_MAX_TRANSIENT_RETRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(BulkDeleteService.class);

    private final FlowsweepStorage storage;
    private final int limitCap;
    private final boolean requireFilter;
    private final Clock clock;
    private final TransientRetries retries;
    private final AfterCommit afterCommit;

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
        this.clock = b.clock;
        this.retries = new TransientRetries(b.storage, b.maxTransientRetries, b.sleeper);
        this.afterCommit = new AfterCommit(b.purge, b.listeners);
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

    /** The storage this service deletes from (for operations built on it, such as retention). */
    public FlowsweepStorage storage() {
        return storage;
    }

    /** The deletion listeners, in the order they are told. */
    public List<DeletionListener> deletionListeners() {
        return afterCommit.listeners();
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
        return bulkDelete(request, DeletionReason.BULK_DELETE);
    }

    /**
     * {@link #bulkDelete(BulkDeleteRequest)}, reporting {@code reason} to the deletion listeners: for operations built
     * on this service, such as a retention policy's batches ({@link DeletionReason#retention(String)}).
     *
     * @param request as for {@link #bulkDelete(BulkDeleteRequest)}
     * @param reason  the reason the listeners are told
     * @return as {@link #bulkDelete(BulkDeleteRequest)}
     * @throws ConstraintViolationException as {@link #bulkDelete(BulkDeleteRequest)}
     * @throws IllegalArgumentException     as {@link #bulkDelete(BulkDeleteRequest)}
     * @throws FlowsweepStorageException    as {@link #bulkDelete(BulkDeleteRequest)}
     */
    public BulkDeleteResult bulkDelete(BulkDeleteRequest request, DeletionReason reason) {
        Objects.requireNonNull(reason, "reason");
        check(request);
        return deleteMatching(criterionOf(request.filter()), limitOf(request), request.actor(), reason,
                request.archive());
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
        check(request);
        Criterion criterion = criterionOf(request.filter());
        int limit = limitOf(request);
        return retries.inTransaction(tx -> List.copyOf(tx.flowRuns().findIds(criterion, FlowRunSort.ID_DESC, limit)));
    }

    /**
     * A dry run with per-table counts: what a delete of the runs matching {@code filter} would remove now, per table
     * ({@link dev.flowsweep.spi.FlowRunStore#impact}), and the slots it would release; nothing is changed or locked.
     *
     * @param filter the filter (null = every run)
     * @param limit  a bulk delete's limit (1..cap), or null for every matching run (what a drain would delete)
     * @param maxIds how many ids to list, at least 0
     * @throws IllegalArgumentException  when the limit or maxIds is out of range, or this service requires a filter
     * @throws FlowsweepStorageException when the storage fails (after the transient retries)
     */
    public DeletionPreview preview(FlowRunFilter filter, Integer limit, int maxIds) {
        if (limit != null) {
            Checks.batchSize(limit, limitCap);
        }
        if (maxIds < 0) {
            throw new IllegalArgumentException("maxIds must not be negative, was " + maxIds);
        }
        checkFilterRequirement(filter);
        Criterion criterion = criterionOf(filter);
        return retries.inTransaction(tx -> Previews.of(tx, criterion, limit == null ? Long.MAX_VALUE : limit, maxIds));
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
        return deleteById(id, actor, false);
    }

    /**
     * {@link #deleteById(UUID, String)}, archiving the run, its task runs (and its logs when purged) first when
     * {@code archive} is true (docs/CONTRACT.md, "Archive").
     *
     * @param id      the run to delete
     * @param actor   who asks; nullable
     * @param archive whether to archive what is deleted
     * @return {@link DeleteByIdResult#DELETED} or {@link DeleteByIdResult#NOT_FOUND}
     * @throws ConstraintViolationException when {@code actor} is longer than 255 characters
     */
    public DeleteByIdResult deleteById(UUID id, String actor, boolean archive) {
        Objects.requireNonNull(id, "id");
        Checks.actor(actor);
        BulkDeleteResult result = deleteMatching(new Criterion.In(Criterion.Column.ID, List.of(id)), 1, actor,
                DeletionReason.DELETE_BY_ID, archive);
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
     * transaction, walking down the ids ({@link DeleteBatches}: after a full batch the next looks below the smallest
     * id it deleted), until one of:
     * <ul>
     *   <li>a batch that looked at every run deletes fewer than {@code batchSize} runs
     *       ({@link DrainResult.StopReason#EXHAUSTED}; under concurrent deletes a batch may come back short while
     *       matching runs remain);</li>
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
        return drain(filter, batchSize, timeBudget, null, listener);
    }

    /**
     * {@link #drain(FlowRunFilter, int, Duration, DrainProgressListener)} on behalf of {@code actor}, which the
     * deletion listeners are told with each batch (reason {@link DeletionReason#DRAIN}).
     *
     * @param filter     which runs; null = every run (refused when this service requires a filter)
     * @param batchSize  runs per batch, 1..cap
     * @param timeBudget how long to keep starting batches; null = no budget
     * @param actor      who asks (nullable, at most 255 characters)
     * @param listener   told after each batch; null = {@link DrainProgressListener#NONE}
     * @return batches, runs deleted, slots released per limit, why it stopped and how long it took
     * @throws ConstraintViolationException when {@code batchSize} is outside 1..cap or {@code actor} is too long
     * @throws IllegalArgumentException     as {@link #drain(FlowRunFilter, int, Duration, DrainProgressListener)}
     * @throws FlowsweepStorageException    when a batch fails (after the transient retries)
     */
    public DrainResult drain(FlowRunFilter filter, int batchSize, Duration timeBudget, String actor,
                             DrainProgressListener listener) {
        return drain(filter, batchSize, timeBudget, actor, false, listener);
    }

    /**
     * {@link #drain(FlowRunFilter, int, Duration, String, DrainProgressListener)}, archiving what each batch deletes
     * in its transaction when {@code archive} is true (one archive batch per drain batch; docs/CONTRACT.md,
     * "Archive").
     *
     * @param archive whether to archive what is deleted
     * @return as {@link #drain(FlowRunFilter, int, Duration, String, DrainProgressListener)}
     * @throws ConstraintViolationException as {@link #drain(FlowRunFilter, int, Duration, String, DrainProgressListener)}
     * @throws IllegalArgumentException     as {@link #drain(FlowRunFilter, int, Duration, DrainProgressListener)}
     * @throws FlowsweepStorageException    when a batch fails (after the transient retries)
     */
    public DrainResult drain(FlowRunFilter filter, int batchSize, Duration timeBudget, String actor, boolean archive,
                             DrainProgressListener listener) {
        Checks.batchSize(batchSize, limitCap);
        Checks.actor(actor);
        if (timeBudget != null && timeBudget.isNegative()) {
            throw new IllegalArgumentException("timeBudget must not be negative, was " + timeBudget);
        }
        checkFilterRequirement(filter);
        DrainProgressListener progress = listener == null ? DrainProgressListener.NONE : listener;
        Criterion criterion = criterionOf(filter);
        DeleteBatches batches = new DeleteBatches(this, criterion, batchSize, actor, DeletionReason.DRAIN, archive);
        BatchLoop.Result r = BatchLoop.startingNow(clock, batchSize).timeBudget(timeBudget).run(batches::next,
                p -> progress.onBatch(new DrainProgress(p.batches(), p.items(), p.lastBatchSize(), p.elapsed())));
        if (r.failure() != null) {
            throw r.failure();
        }
        DrainResult.StopReason reason = switch (r.stop()) {
            case INTERRUPTED -> DrainResult.StopReason.INTERRUPTED;
            case TIME_BUDGET -> DrainResult.StopReason.TIME_BUDGET;
            default -> DrainResult.StopReason.EXHAUSTED;
        };
        log.debug("drain stopped ({}): {} run(s) deleted in {} batch(es) in {}", reason, r.items(), r.batches(),
                r.elapsed());
        return new DrainResult(r.batches(), r.items(), r.releasedSlots(), reason, r.elapsed());
    }

    // --------------------------------------------------------------------------------------------- algorithm

    void check(BulkDeleteRequest request) {
        Checks.request(request, limitCap);
        checkFilterRequirement(request.filter());
    }

    private void checkFilterRequirement(FlowRunFilter filter) {
        if (requireFilter && (filter == null || filter.matchesEverything())) {
            throw new IllegalArgumentException("this service requires a filter: "
                    + (filter == null ? "none was given" : "the filter given has no condition left and matches every run"));
        }
    }

    int limitOf(BulkDeleteRequest request) {
        return request.limit() == null ? limitCap : request.limit();
    }

    static Criterion criterionOf(FlowRunFilter filter) {
        return filter == null ? null : filter.toCriterion().orElse(null);
    }

    /** Checked: runs the unit of work (with retries), then wakes the purge and tells the listeners. */
    BulkDeleteResult deleteMatching(Criterion criterion, int limit, String actor, DeletionReason reason,
                                            boolean archive) {
        Instant start = Times.now(clock);
        ArchiveBatch batch = archive ? ArchiveBatch.create(reason.toString(), actor) : null;
        BulkDeleteResult result = retries.inTransaction(
                tx -> DeleteTransaction.run(tx, criterion, limit, Times.now(clock), batch));
        if (!result.deleted().isEmpty()) {
            Instant committedAt = Times.now(clock);
            log.debug("{}{} deleted {} run(s), released {} slot(s)", reason,
                    actor == null ? "" : " by " + actor, result.deleted().size(), result.totalReleasedSlots());
            Duration elapsed = Duration.between(start, committedAt);
            afterCommit.committed(reason, actor, result, committedAt, elapsed.isNegative() ? Duration.ZERO : elapsed);
        }
        return result;
    }

    // --------------------------------------------------------------------------------------------- builder

    /** Settings of a {@link BulkDeleteService}; every one has a {@code DEFAULT_*} constant. Not thread-safe. */
    public static final class Builder {
        private final FlowsweepStorage storage;
        private int limitCap = DEFAULT_LIMIT_CAP;
        private boolean requireFilter = DEFAULT_REQUIRE_FILTER;
        private int maxTransientRetries = DEFAULT_MAX_TRANSIENT_RETRIES;
        private Clock clock = Clock.systemUTC();
        private PurgeWakeUp purge;
        private TransientRetries.Sleeper sleeper = TransientRetries.Sleeper.THREAD_SLEEP;
        private final List<DeletionListener> listeners = new ArrayList<>();

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

        /** The clock for purge enqueue times, drain budgets and event times. Default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The purge to wake after each commit that deleted runs, with their ids: normally a {@link LogPurger}
         * (nullable; the service neither starts nor closes it).
         */
        public Builder logPurger(PurgeWakeUp purge) {
            this.purge = purge;
            return this;
        }

        /**
         * Adds a listener told after every commit that deleted runs (see {@link DeletionListener}); listeners are
         * told in the order they were added. None by default. For an audit trail through SLF4J, add
         * {@link dev.flowsweep.events.Slf4jAuditListener}.
         */
        public Builder deletionListener(DeletionListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Replaces the deletion listeners by these, in this order (none: an empty collection). */
        public Builder listeners(Collection<? extends DeletionListener> listeners) {
            List<DeletionListener> copy = new ArrayList<>();
            for (DeletionListener l : listeners) {
                copy.add(Objects.requireNonNull(l, "listener"));
            }
            this.listeners.clear();
            this.listeners.addAll(copy);
            return this;
        }

        Builder sleeper(TransientRetries.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** A service with these settings. */
        public BulkDeleteService build() {
            return new BulkDeleteService(this);
        }
    }
}
