package dev.flowsweep.retention;

import dev.flowsweep.batch.BatchExecutor;
import dev.flowsweep.batch.BatchLoop;
import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.Times;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs {@link RetentionPolicy retention policies} on a schedule, in batches, through a {@link BulkDeleteService}
 * (so every batch releases slots, cascades to task runs, queues the log purge and tells the deletion listeners,
 * with reason {@code RETENTION:<policy>}), and sweeps orphaned logs.
 *
 * <pre>{@code
 * BulkDeleteService deletes = BulkDeleteService.builder(storage)
 *     .logPurger(purger)
 *     .deletionListener(new Slf4jAuditListener())
 *     .build();
 * RetentionService retention = RetentionService.builder(deletes)
 *     .policy(RetentionPolicy.finishedOlderThan("finished-30d", Duration.ofDays(30)))
 *     .build()
 *     .start();                       // first run at once, then an hour after each run ends
 * ...
 * RetentionPreview preview = retention.dryRun("finished-30d", 20);   // what it would delete now
 * RetentionRun run = retention.runNow("finished-30d");              // on this thread
 * retention.close();                                                // on shutdown
 * }</pre>
 *
 * <h2>One run at a time</h2>
 * A policy never runs twice at once in one service: a run that finds the policy running (scheduled or
 * {@link #runNow}) is skipped at once ({@link RetentionRun.Outcome#SKIPPED_ALREADY_RUNNING}). Across processes
 * sharing the storage, a run first takes the policy's <em>lease</em>, a row named
 * {@value #LEASE_PREFIX}{@code <policy>} in the storage's {@link dev.flowsweep.spi.LeaseStore}, for
 * {@link Builder#leaseTtl(Duration) leaseTtl} (5 minutes); it renews it before every further batch and releases it
 * at the end. A run that finds the lease held by another instance is skipped
 * ({@link RetentionRun.Outcome#SKIPPED_LEASE_HELD}); a run that cannot renew its lease (it expired and another
 * instance took it) stops after its batch in flight ({@link RetentionRun.Outcome#LEASE_LOST}). If a process dies
 * holding a lease, the lease expires after its time to live and another instance takes over. This holds as long as
 * one batch (and one pause) takes less than the lease's time to live and the instances' clocks agree to well within
 * it. A storage without a lease store can only be used with {@link Builder#withoutLease()} (one process only).
 *
 * <h2>Schedule and executor</h2>
 * After {@link #start()}, each policy runs after {@link Builder#initialDelay(Duration) initialDelay} (none), then
 * {@link RetentionPolicy#interval()} after the end of each run. The orphaned-log sweep runs the same way every
 * {@link Builder#orphanLogSweep(Duration) orphanLogSweep} interval (1 hour) unless turned off. Pass a host's
 * {@link ScheduledExecutorService} with {@link Builder#executor}; the service then never shuts it down. Otherwise it
 * owns one daemon thread named {@value #THREAD_NAME}, so its policies run one after another.
 *
 * <h2>Orphaned logs</h2>
 * {@link #sweepOrphanLogs()} deletes, in transactions of {@link Builder#orphanLogBatchSize(int) orphanLogBatchSize}
 * rows, the logs whose {@code flow_run_id} names no existing run and whose timestamp is more than
 * {@link Builder#orphanLogGrace(Duration) orphanLogGrace} (1 hour) old: logs a worker wrote after its run was
 * deleted. The grace keeps the logs of a run that a client has not created yet. It holds the lease
 * {@value #ORPHAN_LOG_LEASE} and stops after {@link Builder#orphanLogTimeBudget(Duration) orphanLogTimeBudget}.
 *
 * <p>Thread-safe. Storage failures do not escape a run: the run ends {@link RetentionRun.Outcome#FAILED} with the
 * error as its message, and is logged; the schedule goes on.
 */
public final class RetentionService implements AutoCloseable {
    /** How long a policy's lease lasts unless renewed: 5 minutes. Longer than any batch should take. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(5);
    /** The actor that retention deletions are reported with: {@value}. */
    public static final String DEFAULT_ACTOR = "flowsweep-retention";
    /** Delay before the first scheduled run of each policy after {@link #start()}: none. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ZERO;
    /** How often orphaned logs are swept: every hour. */
    public static final Duration DEFAULT_ORPHAN_LOG_INTERVAL = Duration.ofHours(1);
    /** How old an orphaned log must be (by its timestamp) to be swept: 1 hour. */
    public static final Duration DEFAULT_ORPHAN_LOG_GRACE = Duration.ofHours(1);
    /** Orphaned logs deleted per transaction: {@value}. */
    public static final int DEFAULT_ORPHAN_LOG_BATCH_SIZE = 1_000;
    /** How long one orphaned-log sweep keeps starting transactions: 5 minutes. */
    public static final Duration DEFAULT_ORPHAN_LOG_TIME_BUDGET = Duration.ofMinutes(5);
    /** How long {@link #close()} waits for runs in flight: 30 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Name of the thread the service owns when no executor is passed in. */
    public static final String THREAD_NAME = "flowsweep-retention";
    /** Prefix of a policy's lease name. */
    public static final String LEASE_PREFIX = "flowsweep:retention:";
    /** Name of the orphaned-log sweep's lease. */
    public static final String ORPHAN_LOG_LEASE = "flowsweep:orphan-logs";
    /** The longest instance id accepted (it is stored as the lease owner). */
    public static final int MAX_INSTANCE_ID_LENGTH = 200;

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final FlowsweepStorage storage;
    private final Map<String, PolicyState> policies;
    private final Clock clock;
    private final String instanceId;
    private final LeaseGuard leases;
    private final Duration closeTimeout;
    private final Lifecycle lifecycle = new Lifecycle();
    private final PolicyRunner runner;
    private final OrphanLogSweeper sweeper;
    private final RetentionSchedule schedule;

    private RetentionService(Builder b) {
        this.storage = b.service.storage();
        Map<String, PolicyState> states = new LinkedHashMap<>();
        for (RetentionPolicy p : b.policies) {
            states.put(p.name(), new PolicyState(p));
        }
        this.policies = Collections.unmodifiableMap(states);
        this.clock = b.clock;
        this.instanceId = b.instanceId != null ? b.instanceId : defaultInstanceId();
        this.leases = b.useLease ? LeaseGuard.of(storage, instanceId, b.leaseTtl, clock)
                : LeaseGuard.disabled(storage, instanceId, b.leaseTtl, clock);
        this.closeTimeout = b.closeTimeout;
        this.runner = new PolicyRunner(b.service, leases, lifecycle, clock, instanceId, b.actor, b.runListener,
                b.pauser != null ? b.pauser : lifecycle::pause);
        this.sweeper = new OrphanLogSweeper(storage, leases, lifecycle, clock, instanceId, b.orphanLogGrace,
                b.orphanLogBatchSize, b.orphanLogTimeBudget);
        this.schedule = new RetentionSchedule(BatchExecutor.hostOrOwn(b.executor, THREAD_NAME), lifecycle,
                policies.values(), runner, sweeper, clock, b.initialDelay, b.orphanLogInterval);
    }

    /** A builder over this bulk delete service (and its storage), with the {@code DEFAULT_*} settings. */
    public static Builder builder(BulkDeleteService service) {
        return new Builder(service);
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Starts the schedule: each policy after the initial delay, then an interval after each run; the orphaned-log
     * sweep likewise unless turned off. Calling it again does nothing.
     *
     * @return this service
     * @throws IllegalStateException when the service is closed, or uses leases and the storage has none
     */
    public RetentionService start() {
        leases.checkSupported();
        if (schedule.start()) {
            log.info("retention started as {} with {} polic{}{}: {}", instanceId, policies.size(),
                    policies.size() == 1 ? "y" : "ies", schedule.sweepsOrphanLogs() ? " and the orphaned-log sweep" : "",
                    policies.values().stream().map(s -> s.policy.toString()).toList());
        }
        return this;
    }

    /**
     * Stops the schedule and asks running runs to stop after their batch in flight (they end
     * {@link RetentionRun.Outcome#CLOSED} and release their leases); waits for them up to the close timeout. An
     * executor passed in by the host is not shut down. Calling it again does nothing. If the calling thread is
     * interrupted while waiting, it stops waiting and keeps its interrupt flag.
     */
    @Override
    public void close() {
        if (schedule.close(closeTimeout)) {
            log.debug("retention service {} closed", instanceId);
        }
    }

    // ------------------------------------------------------------------------------------------------ operations

    /** The policies, in the order they were added. */
    public List<RetentionPolicy> policies() {
        List<RetentionPolicy> list = new ArrayList<>(policies.size());
        for (PolicyState st : policies.values()) {
            list.add(st.policy);
        }
        return List.copyOf(list);
    }

    /**
     * The policy of this name.
     *
     * @throws IllegalArgumentException when there is none
     */
    public RetentionPolicy policy(String name) {
        return state(name).policy;
    }

    /** This service's instance id: the owner written into the leases it takes. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Runs the policy now, on the calling thread, and returns what the run did. It is skipped when the policy is
     * running in this service or (with leases) in another instance; storage failures end it
     * {@link RetentionRun.Outcome#FAILED} rather than throwing.
     *
     * @param policy the policy's name
     * @return what the run did
     * @throws IllegalArgumentException when there is no such policy
     * @throws IllegalStateException    when the service is closed
     */
    public RetentionRun runNow(String policy) {
        PolicyState st = state(policy);
        lifecycle.checkOpen();
        return runner.run(st);
    }

    /**
     * What the policy would delete if it ran now: the cutoff, the filter, how many runs match and the first
     * {@code maxIds} ids in deletion order. Nothing is changed or locked.
     *
     * @param policy the policy's name
     * @param maxIds how many ids to list, at least 0
     * @throws IllegalArgumentException  when there is no such policy or {@code maxIds} is negative
     * @throws dev.flowsweep.spi.FlowsweepStorageException when the storage fails
     */
    public RetentionPreview dryRun(String policy, int maxIds) {
        return preview(state(policy).policy, maxIds);
    }

    /** {@link #dryRun(String, int)} for any policy, registered here or not. */
    public RetentionPreview preview(RetentionPolicy policy, int maxIds) {
        Objects.requireNonNull(policy, "policy");
        if (maxIds < 0) {
            throw new IllegalArgumentException("maxIds must not be negative, was " + maxIds);
        }
        Instant now = Times.now(clock);
        FlowRunFilter filter = policy.filterAt(now);
        Criterion criterion = filter.toCriterion().orElse(null);
        return storage.inTransaction(tx -> new RetentionPreview(policy.name(), policy.cutoffAt(now), filter,
                tx.flowRuns().count(criterion),
                maxIds == 0 ? List.of() : tx.flowRuns().findIds(criterion, FlowRunSort.ID_DESC, maxIds),
                policy.batchSize()));
    }

    /**
     * Sweeps orphaned logs now, on the calling thread (see the class documentation). Skipped when a sweep is
     * running here or, with leases, in another instance.
     *
     * @throws IllegalStateException when the service is closed
     */
    public OrphanLogSweep sweepOrphanLogs() {
        return sweeper.sweep();
    }

    /** Every policy's state, in the order they were added. */
    public List<RetentionStatus> status() {
        List<RetentionStatus> list = new ArrayList<>(policies.size());
        for (PolicyState st : policies.values()) {
            list.add(st.status(Times.now(clock), schedule.nextRunAt(st)));
        }
        return List.copyOf(list);
    }

    /** The last orphaned-log sweep of this service; null before the first. */
    public OrphanLogSweep lastOrphanLogSweep() {
        return sweeper.last();
    }

    /** When the orphaned-log sweep runs next; null when not scheduled. */
    public Instant nextOrphanLogSweepAt() {
        return schedule.nextOrphanLogSweepAt();
    }

    private PolicyState state(String name) {
        Objects.requireNonNull(name, "policy");
        PolicyState st = policies.get(name);
        if (st == null) {
            throw new IllegalArgumentException("no retention policy named \"" + name + "\"; there are " + policies.keySet());
        }
        return st;
    }

    // ------------------------------------------------------------------------------------------------ state

    static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = "host";
        }
        String id = host.strip() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() > MAX_INSTANCE_ID_LENGTH ? id.substring(id.length() - MAX_INSTANCE_ID_LENGTH) : id;
    }

    // ------------------------------------------------------------------------------------------------ builder

    /** Settings of a {@link RetentionService}; every one has a {@code DEFAULT_*} constant. Not thread-safe. */
    public static final class Builder {
        private final BulkDeleteService service;
        private final List<RetentionPolicy> policies = new ArrayList<>();
        private ScheduledExecutorService executor;
        private Clock clock = Clock.systemUTC();
        private String instanceId;
        private Duration leaseTtl = DEFAULT_LEASE_TTL;
        private boolean useLease = true;
        private String actor = DEFAULT_ACTOR;
        private Duration initialDelay = DEFAULT_INITIAL_DELAY;
        private Duration orphanLogInterval = DEFAULT_ORPHAN_LOG_INTERVAL;
        private Duration orphanLogGrace = DEFAULT_ORPHAN_LOG_GRACE;
        private int orphanLogBatchSize = DEFAULT_ORPHAN_LOG_BATCH_SIZE;
        private Duration orphanLogTimeBudget = DEFAULT_ORPHAN_LOG_TIME_BUDGET;
        private RetentionRunListener runListener = RetentionRunListener.NONE;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private BatchLoop.Pauser pauser;

        private Builder(BulkDeleteService service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        /** Adds a policy; names must be unique and batch sizes at most the service's cap. */
        public Builder policy(RetentionPolicy policy) {
            this.policies.add(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** Adds these policies. */
        public Builder policies(List<RetentionPolicy> policies) {
            for (RetentionPolicy p : policies) {
                policy(p);
            }
            return this;
        }

        /**
         * Runs on the host's executor instead of a thread of its own; {@link RetentionService#close()} never shuts
         * it down. Null (the default) = the service owns a daemon thread named {@value RetentionService#THREAD_NAME}.
         */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /** The clock for cutoffs, leases, budgets and ages. Default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The owner written into leases (1 to {@value RetentionService#MAX_INSTANCE_ID_LENGTH} characters): unique
         * per process. Default: {@code $HOSTNAME:<pid>:<random>}.
         */
        public Builder instanceId(String instanceId) {
            Objects.requireNonNull(instanceId, "instanceId");
            if (instanceId.isEmpty() || instanceId.length() > MAX_INSTANCE_ID_LENGTH) {
                throw new IllegalArgumentException("instanceId must be 1 to " + MAX_INSTANCE_ID_LENGTH
                        + " characters long");
            }
            this.instanceId = instanceId;
            return this;
        }

        /** How long a lease lasts unless renewed (positive). Default {@link RetentionService#DEFAULT_LEASE_TTL}. */
        public Builder leaseTtl(Duration ttl) {
            this.leaseTtl = positive(ttl, "leaseTtl");
            return this;
        }

        /**
         * Takes no lease: policies are kept to one run at a time in this service only. Only for a storage that no
         * other process runs retention on (an in-memory storage, a database of one process).
         */
        public Builder withoutLease() {
            this.useLease = false;
            return this;
        }

        /**
         * Who retention deletions are reported as (1 to 255 characters). Default
         * {@value RetentionService#DEFAULT_ACTOR}.
         */
        public Builder actor(String actor) {
            Objects.requireNonNull(actor, "actor");
            if (actor.isEmpty() || actor.length() > BulkDeleteRequest.MAX_ACTOR_LENGTH) {
                throw new IllegalArgumentException("actor must be 1 to " + BulkDeleteRequest.MAX_ACTOR_LENGTH
                        + " characters long");
            }
            this.actor = actor;
            return this;
        }

        /** Delay before the first scheduled run after {@link RetentionService#start()} (not negative). Default none. */
        public Builder initialDelay(Duration delay) {
            Objects.requireNonNull(delay, "initialDelay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("initialDelay must not be negative, was " + delay);
            }
            this.initialDelay = delay;
            return this;
        }

        /** Sweeps orphaned logs on the schedule at this interval (positive). Default every hour. */
        public Builder orphanLogSweep(Duration interval) {
            this.orphanLogInterval = positive(interval, "orphanLogSweep");
            return this;
        }

        /** No scheduled orphaned-log sweep ({@link RetentionService#sweepOrphanLogs()} still works). */
        public Builder noOrphanLogSweep() {
            this.orphanLogInterval = null;
            return this;
        }

        /** How old (by timestamp) an orphaned log must be to be swept (not negative). Default 1 hour. */
        public Builder orphanLogGrace(Duration grace) {
            Objects.requireNonNull(grace, "orphanLogGrace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("orphanLogGrace must not be negative, was " + grace);
            }
            this.orphanLogGrace = grace;
            return this;
        }

        /** Orphaned logs deleted per transaction (at least 1). Default {@value RetentionService#DEFAULT_ORPHAN_LOG_BATCH_SIZE}. */
        public Builder orphanLogBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("orphanLogBatchSize must be at least 1, was " + batchSize);
            }
            this.orphanLogBatchSize = batchSize;
            return this;
        }

        /** How long one sweep keeps starting transactions (positive). Default 5 minutes. */
        public Builder orphanLogTimeBudget(Duration budget) {
            this.orphanLogTimeBudget = positive(budget, "orphanLogTimeBudget");
            return this;
        }

        /** Told when runs start, after each batch, and when they end. Default: none. */
        public Builder runListener(RetentionRunListener listener) {
            this.runListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How long {@link RetentionService#close()} waits for runs in flight (not negative). Default 30 s. */
        public Builder closeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "closeTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, was " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        Builder pauser(BatchLoop.Pauser pauser) {
            this.pauser = Objects.requireNonNull(pauser, "pauser");
            return this;
        }

        /**
         * The service, not started.
         *
         * @throws IllegalArgumentException when two policies share a name, a policy's batch size exceeds the bulk
         *                                  delete service's cap, or (with leases) a policy's pause is not shorter than
         *                                  the lease's time to live
         */
        public RetentionService build() {
            Map<String, RetentionPolicy> seen = new HashMap<>();
            for (RetentionPolicy p : policies) {
                if (seen.put(p.name(), p) != null) {
                    throw new IllegalArgumentException("two retention policies are named " + p.name());
                }
                if (p.batchSize() > service.limitCap()) {
                    throw new IllegalArgumentException("retention policy " + p.name() + " has batchSize "
                            + p.batchSize() + ", more than the bulk delete service's cap of " + service.limitCap());
                }
                if (useLease && p.pauseBetweenBatches().compareTo(leaseTtl) >= 0) {
                    throw new IllegalArgumentException("retention policy " + p.name() + " pauses "
                            + p.pauseBetweenBatches() + " between batches, not less than the lease's time to live "
                            + leaseTtl + ": its lease would expire during the pause");
                }
            }
            return new RetentionService(this);
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
