package dev.flowsweep.retention;

import dev.flowsweep.events.DeletionReason;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.Times;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which flow runs to delete regularly, and how: a named, immutable rule that a {@link RetentionService} runs on a
 * schedule, in batches, through {@code BulkDeleteService} (so slots are released, task runs cascade and logs are
 * purged as for any bulk delete).
 *
 * <pre>{@code
 * // Prefect's db_vacuum: finished top-level runs whose end_time is more than 90 days ago, 200 per transaction, hourly
 * RetentionPolicy vacuum = RetentionPolicy.finishedOlderThan("finished-90d", Duration.ofDays(90));
 *
 * RetentionPolicy nightly = RetentionPolicy.builder("nightly-7d")
 *     .filter(FlowRunFilter.builder().tagsAll("nightly").build())
 *     .olderThan(Duration.ofDays(7))
 *     .states(StateType.COMPLETED)                // FAILED runs of nightly jobs are kept for a post-mortem
 *     .batchSize(100)
 *     .pauseBetweenBatches(Duration.ofMillis(200))
 *     .timeBudget(Duration.ofMinutes(5))
 *     .interval(Duration.ofMinutes(30))
 *     .build();
 * }</pre>
 *
 * <h2>Which runs</h2>
 * A run is deleted when it matches all of:
 * <ul>
 *   <li>the policy's {@link Builder#filter(FlowRunFilter) filter}, if any (Prefect's {@code FlowRunFilter});</li>
 *   <li>its {@code end_time} is <em>strictly before</em> the cutoff, {@code now - olderThan}, when
 *       {@link Builder#olderThan(Duration) olderThan} is set. A run without an {@code end_time} never matches.
 *       {@code FlowRunFilter}'s {@code end_time.before_} is inclusive, so the policy asks for
 *       {@code end_time.before_ = cutoff - 1 µs}: times are truncated to microseconds everywhere, so
 *       "at or before cutoff − 1 µs" is exactly "strictly before cutoff". The cutoff is taken once, when a run of
 *       the policy starts, from the service's clock truncated to microseconds;</li>
 *   <li>its state type is one of {@link Builder#states(Collection) states}: by default the terminal ones,
 *       {@code COMPLETED}, {@code FAILED}, {@code CANCELLED}, {@code CRASHED} ({@link #DEFAULT_STATES});
 *       {@link Builder#anyState()} drops the condition. A run without a state never matches a state list;</li>
 *   <li>it is a top-level run ({@code parent_task_run_id} is null) unless {@link Builder#topLevelOnly(boolean)
 *       topLevelOnly(false)}: as Prefect's {@code db_vacuum}, subflow runs are left to be deleted with their
 *       parents' task runs (they are then orphaned, not deleted, and a later run of the policy deletes them once
 *       they are top-level).</li>
 * </ul>
 * The conditions are added to the filter's own with {@code and_}: {@link #filterAt(Instant)} gives the resulting
 * {@code FlowRunFilter} (printable as Prefect JSON). Where the filter already has an {@code end_time.before_}, the
 * earlier bound wins; where it has {@code state.type.any_}, the lists are intersected. A filter the conditions
 * cannot be added to exactly is refused when the policy is built: a top-level {@code or_}, a {@code state} filter
 * with {@code or_} over a name condition, and (with {@code topLevelOnly}) any {@code parent_task_run_id} or
 * {@code parent_flow_run_id} condition that selects subflow runs. A policy that would match every run is refused.
 *
 * <h2>How</h2>
 * Batches of {@link Builder#batchSize(int) batchSize} runs (default {@value #DEFAULT_BATCH_SIZE}, at most the
 * service's cap), each one bulk delete in its own transaction, in {@code ID_DESC} order like every bulk delete
 * (not oldest first). A run of the policy stops when a batch comes back short
 * (nothing left), when its {@link Builder#timeBudget(Duration) time budget} is used up (checked before each batch),
 * or when the service closes; {@link Builder#pauseBetweenBatches(Duration) pauseBetweenBatches} lets other
 * transactions through between batches. It runs every {@link Builder#interval(Duration) interval} (default
 * 1 hour), counted from the end of one run to the start of the next.
 */
public final class RetentionPolicy {
    /** The default state types: the terminal ones, {@code COMPLETED, FAILED, CANCELLED, CRASHED}. */
    public static final Set<StateType> DEFAULT_STATES = Collections.unmodifiableSet(
            EnumSet.of(StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED, StateType.CRASHED));
    /** Whether only top-level runs ({@code parent_task_run_id} null) are deleted by default: {@value}. */
    public static final boolean DEFAULT_TOP_LEVEL_ONLY = true;
    /** Runs per batch (per transaction) by default: {@value}, as Prefect's {@code db_vacuum}. */
    public static final int DEFAULT_BATCH_SIZE = 200;
    /** Pause between two batches by default: none. */
    public static final Duration DEFAULT_PAUSE_BETWEEN_BATCHES = Duration.ZERO;
    /** How often the policy runs by default: every hour. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    /** The longest {@code olderThan} accepted: 1000 years (the cutoff must stay within years 0001–9999). */
    public static final Duration MAX_OLDER_THAN = Duration.ofDays(365_250);

    private static final Duration ONE_MICRO = Duration.of(1, ChronoUnit.MICROS);

    private final String name;
    private final FlowRunFilter filter;
    private final Duration olderThan;
    private final Set<StateType> states;
    private final boolean topLevelOnly;
    private final int batchSize;
    private final Duration pauseBetweenBatches;
    private final Duration timeBudget;
    private final Duration interval;
    private final BatchWindows windows;
    private final boolean archive;

    private RetentionPolicy(Builder b) {
        this.name = b.name;
        this.filter = b.filter;
        this.olderThan = b.olderThan;
        this.states = b.states == null ? null : Collections.unmodifiableSet(EnumSet.copyOf(b.states));
        this.topLevelOnly = b.topLevelOnly;
        this.batchSize = b.batchSize;
        this.pauseBetweenBatches = b.pauseBetweenBatches;
        this.timeBudget = b.timeBudget;
        this.interval = b.interval;
        this.windows = b.windows;
        this.archive = b.archive;
        // Fails now, not at the first run, when the conditions cannot be added to the filter.
        FlowRunFilter effective = filterAt(Instant.parse("2026-01-01T00:00:00Z"));
        if (effective.matchesEverything()) {
            throw new IllegalArgumentException("retention policy " + name + " would delete every run: give it a filter, "
                    + "an age (olderThan), states or topLevelOnly");
        }
    }

    /** Whether each batch archives what it deletes (docs/CONTRACT.md, "Archive"). */
    public boolean archive() {
        return archive;
    }

    /**
     * A builder for a policy named {@code name}, with the defaults: terminal states, top-level runs only, no age
     * condition (set one with {@link Builder#olderThan(Duration)}), batches of {@value #DEFAULT_BATCH_SIZE}, hourly.
     *
     * @param name 1 to 100 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit; it names the policy in
     *             deletion events ({@code RETENTION:<name>}) and in its lease
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Prefect's {@code db_vacuum} rule: top-level runs in a terminal state whose {@code end_time} is more than
     * {@code olderThan} ago, {@value #DEFAULT_BATCH_SIZE} per transaction, every hour.
     */
    public static RetentionPolicy finishedOlderThan(String name, Duration olderThan) {
        return builder(name).olderThan(olderThan).build();
    }

    /** The policy's name. */
    public String name() {
        return name;
    }

    /** The reason its deletions are reported with: {@code RETENTION:<name>}. */
    public DeletionReason reason() {
        return DeletionReason.retention(name);
    }

    /** The policy's own filter (before its conditions are added); null when it has none. */
    public FlowRunFilter filter() {
        return filter;
    }

    /** How long ago a run must have ended; null when the policy has no age condition. */
    public Duration olderThan() {
        return olderThan;
    }

    /** The state types deleted (unmodifiable); null when any state (even none) is. */
    public Set<StateType> states() {
        return states;
    }

    /** Whether only top-level runs are deleted. */
    public boolean topLevelOnly() {
        return topLevelOnly;
    }

    /** Runs per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Pause between two batches (zero: none). */
    public Duration pauseBetweenBatches() {
        return pauseBetweenBatches;
    }

    /** How long one run of the policy keeps starting batches; null: until nothing is left. */
    public Duration timeBudget() {
        return timeBudget;
    }

    /** The time-of-day windows it may run in; {@link BatchWindows#always()} by default. */
    public BatchWindows windows() {
        return windows;
    }

    /** Time from the end of one run to the start of the next. */
    public Duration interval() {
        return interval;
    }

    /**
     * The cutoff of a run starting at {@code now}: {@code now - olderThan}, truncated to microseconds; runs that
     * ended strictly before it are old enough. Null when the policy has no age condition.
     */
    public Instant cutoffAt(Instant now) {
        Objects.requireNonNull(now, "now");
        return olderThan == null ? null : Times.normalize(now.minus(olderThan));
    }

    /**
     * The filter a run starting at {@code now} deletes by: the policy's filter with its age, state and top-level
     * conditions added (see the class documentation). The age condition is {@code end_time.before_ = cutoff − 1 µs}.
     */
    public FlowRunFilter filterAt(Instant now) {
        Instant cutoff = cutoffAt(now);
        FlowRunFilter f = filter == null || filter.matchesEverything() ? FlowRunFilter.matchAll() : filter;
        boolean addsSomething = cutoff != null || states != null || topLevelOnly;
        if (!addsSomething) {
            return f;
        }
        if (f.operator() == Operator.OR && !f.matchesEverything()) {
            throw refuse("its filter combines its criteria with or_, and the policy's own conditions (age, states, "
                    + "top-level) are added with and_; write the filter with and_, or drop those conditions "
                    + "(anyState(), topLevelOnly(false), no olderThan) and put everything in the filter");
        }
        FlowRunFilter.EndTimeFilter endTime = f.endTime();
        if (cutoff != null) {
            Instant before = cutoff.minus(ONE_MICRO);
            if (endTime != null && endTime.before() != null && endTime.before().isBefore(before)) {
                before = endTime.before();
            }
            endTime = new FlowRunFilter.EndTimeFilter(before, endTime == null ? null : endTime.after(),
                    endTime == null ? null : endTime.isNull());
        }
        FlowRunFilter.StateFilter state = states == null ? f.state() : withStates(f.state());
        FlowRunFilter.ParentTaskRunIdFilter parentTaskRunId = f.parentTaskRunId();
        if (topLevelOnly) {
            parentTaskRunId = topLevel(parentTaskRunId);
            FlowRunFilter.ParentFlowRunIdFilter pf = f.parentFlowRunId();
            if (pf != null && pf.any() != null) {
                throw refuse("its filter's parent_flow_run_id selects subflow runs, which a top-level-only policy "
                        + "never deletes; set topLevelOnly(false)");
            }
        }
        return new FlowRunFilter(Operator.AND, f.id(), f.name(), f.tags(), f.deploymentId(), f.workQueueName(), state,
                f.flowVersion(), f.startTime(), endTime, f.expectedStartTime(), f.nextScheduledStartTime(),
                f.parentFlowRunId(), parentTaskRunId, f.idempotencyKey(), f.createdBy());
    }

    private FlowRunFilter.StateFilter withStates(FlowRunFilter.StateFilter st) {
        List<StateType> policyStates = new ArrayList<>(states);   // enum order
        if (st == null) {
            return new FlowRunFilter.StateFilter(Operator.AND, new FlowRunFilter.StateTypeFilter(policyStates, null), null);
        }
        FlowRunFilter.StateNameFilter nameFilter = st.name();
        boolean nameCounts = nameFilter != null && (nameFilter.any() != null
                || (nameFilter.notAny() != null && !nameFilter.notAny().isEmpty()));
        if (st.operator() == Operator.OR && nameCounts) {
            throw refuse("its filter's state combines type and name with or_, and the policy's states are added with "
                    + "and_; use state.operator and_, or anyState() and put the states in the filter");
        }
        FlowRunFilter.StateTypeFilter type = st.type();
        List<StateType> any;
        if (type == null || type.any() == null) {
            any = policyStates;
        } else {
            any = new ArrayList<>();
            for (StateType t : type.any()) {
                if (states.contains(t) && !any.contains(t)) {
                    any.add(t);
                }
            }
        }
        return new FlowRunFilter.StateFilter(Operator.AND,
                new FlowRunFilter.StateTypeFilter(any, type == null ? null : type.notAny()), nameFilter);
    }

    private FlowRunFilter.ParentTaskRunIdFilter topLevel(FlowRunFilter.ParentTaskRunIdFilter p) {
        if (p == null || (p.any() == null && p.isNull() == null)) {
            return new FlowRunFilter.ParentTaskRunIdFilter(Operator.AND, null, true);
        }
        if (p.any() != null) {
            throw refuse("its filter's parent_task_run_id.any_ selects subflow runs, which a top-level-only policy "
                    + "never deletes; set topLevelOnly(false)");
        }
        if (Boolean.FALSE.equals(p.isNull())) {
            throw refuse("its filter's parent_task_run_id.is_null_: false selects subflow runs, which a top-level-only "
                    + "policy never deletes; set topLevelOnly(false)");
        }
        return p;
    }

    private IllegalArgumentException refuse(String why) {
        return new IllegalArgumentException("retention policy " + name + ": " + why);
    }

    @Override
    public String toString() {
        return "RetentionPolicy[" + name
                + (olderThan == null ? "" : ", ended more than " + olderThan + " ago")
                + (states == null ? ", any state" : ", states " + states)
                + (topLevelOnly ? ", top-level only" : "")
                + (filter == null ? "" : ", with a filter")
                + ", batches of " + batchSize
                + (pauseBetweenBatches.isZero() ? "" : " " + pauseBetweenBatches + " apart")
                + (timeBudget == null ? "" : ", budget " + timeBudget)
                + ", every " + interval
                + (windows.isAlways() ? "" : ", within " + windows)
                + (archive ? ", archiving" : "") + "]";
    }

    /** Settings of a {@link RetentionPolicy}; every one has a {@code DEFAULT_*} constant. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private FlowRunFilter filter;
        private Duration olderThan;
        private Set<StateType> states = DEFAULT_STATES;
        private boolean topLevelOnly = DEFAULT_TOP_LEVEL_ONLY;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration pauseBetweenBatches = DEFAULT_PAUSE_BETWEEN_BATCHES;
        private Duration timeBudget;
        private Duration interval = DEFAULT_INTERVAL;
        private BatchWindows windows = BatchWindows.always();
        private boolean archive;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!DeletionReason.POLICY_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a retention policy name must be 1 to 100 of A-Z a-z 0-9 . _ -, "
                        + "starting with a letter or digit; was \"" + name + "\"");
            }
            this.name = name;
        }

        /** Only runs matching this filter too (nullable: no filter of its own). */
        public Builder filter(FlowRunFilter filter) {
            this.filter = filter;
            return this;
        }

        /**
         * Only runs whose {@code end_time} is strictly before {@code now - olderThan} (positive, at most
         * {@link #MAX_OLDER_THAN}); null drops the age condition (the default).
         */
        public Builder olderThan(Duration olderThan) {
            if (olderThan != null && (olderThan.isNegative() || olderThan.isZero()
                    || olderThan.compareTo(MAX_OLDER_THAN) > 0)) {
                throw new IllegalArgumentException("olderThan must be positive and at most 1000 years, was " + olderThan);
            }
            this.olderThan = olderThan;
            return this;
        }

        /** Only runs in one of these state types (at least one). Default {@link #DEFAULT_STATES}. */
        public Builder states(Collection<StateType> states) {
            Objects.requireNonNull(states, "states");
            if (states.isEmpty()) {
                throw new IllegalArgumentException("states must name at least one state type; use anyState() for none");
            }
            for (StateType s : states) {
                Objects.requireNonNull(s, "states must not contain null");
            }
            this.states = EnumSet.copyOf(states);
            return this;
        }

        /** Only runs in one of these state types (at least one). */
        public Builder states(StateType... states) {
            return states(List.of(states));
        }

        /** Runs in any state, and runs without one. */
        public Builder anyState() {
            this.states = null;
            return this;
        }

        /** Whether only top-level runs ({@code parent_task_run_id} null) are deleted. Default {@value #DEFAULT_TOP_LEVEL_ONLY}. */
        public Builder topLevelOnly(boolean topLevelOnly) {
            this.topLevelOnly = topLevelOnly;
            return this;
        }

        /**
         * Runs per batch, each batch one transaction: at least 1, at most the {@code BulkDeleteService}'s cap
         * (checked when the {@link RetentionService} is built). Default {@value #DEFAULT_BATCH_SIZE}.
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Pause between two batches (not negative; shorter than the service's lease time to live). Default none. */
        public Builder pauseBetweenBatches(Duration pause) {
            Objects.requireNonNull(pause, "pauseBetweenBatches");
            if (pause.isNegative()) {
                throw new IllegalArgumentException("pauseBetweenBatches must not be negative, was " + pause);
            }
            this.pauseBetweenBatches = pause;
            return this;
        }

        /** How long one run keeps starting batches (positive); null (the default): until nothing is left. */
        public Builder timeBudget(Duration timeBudget) {
            if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
                throw new IllegalArgumentException("timeBudget must be positive, was " + timeBudget);
            }
            this.timeBudget = timeBudget;
            return this;
        }

        /** Time from the end of one run to the start of the next (positive). Default every hour. */
        public Builder interval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive, was " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * The time-of-day windows it may run in ({@link BatchWindows}); default none: any time. A run outside them
         * is skipped, a run stops after the batch in flight when they close, and the schedule resumes at the next
         * opening.
         */
        public Builder windows(BatchWindows windows) {
            this.windows = Objects.requireNonNull(windows, "windows");
            return this;
        }

        /**
         * Whether each batch archives what it deletes, in its transaction (docs/CONTRACT.md, "Archive"). Default
         * false.
         */
        public Builder archive(boolean archive) {
            this.archive = archive;
            return this;
        }

        /**
         * {@link #windows(BatchWindows)} from text, e.g. {@code "Mon-Fri 01:00-05:00 Europe/Berlin"}.
         *
         * @throws IllegalArgumentException naming the window and the part that is wrong
         */
        public Builder windows(String... windows) {
            return windows(BatchWindows.parse(List.of(windows)));
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException when its conditions cannot be added to its filter exactly, or when it
         *                                  would match every run
         */
        public RetentionPolicy build() {
            return new RetentionPolicy(this);
        }
    }
}
