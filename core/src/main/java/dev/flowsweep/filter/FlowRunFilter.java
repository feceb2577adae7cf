package dev.flowsweep.filter;

import dev.flowsweep.model.StateType;
import dev.flowsweep.model.Strings;
import dev.flowsweep.model.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Prefect's {@code FlowRunFilter}: 15 criteria, each with Prefect's operators, combined by {@link #operator()}.
 * A null component means "not given". Immutable; lists are copied and may not contain null.
 *
 * <p>Semantics (identical in every adapter; see {@link #toCriterion()}):
 * <ul>
 *   <li>A criterion over a null column is false, except {@code is_null_}; {@code not_any_} does not match nulls.</li>
 *   <li>{@code any_: []}, {@code id_: []}, {@code type_: []} match nothing.</li>
 *   <li>{@code not_any_: []}, {@code all_: []}, {@code like_: ""}, and a sub-filter with no conditions are
 *       dropped at every level and under either operator. <em>Deliberate difference:</em> Prefect turns an
 *       empty sub-filter into TRUE, which under {@code or_} matches every run.</li>
 *   <li>A filter whose criteria are all dropped matches every run.</li>
 *   <li>{@code state.type} and {@code state.name} each AND their {@code any_} and {@code not_any_};
 *       {@code state.operator} combines the two.</li>
 *   <li>{@code name.like_} is a case-insensitive ({@code Locale.ROOT}) literal substring match.</li>
 *   <li>String values must be plain Unicode text: an unpaired surrogate or NUL is refused with an
 *       {@link IllegalArgumentException} (drivers would turn the first into {@code ?}, PostgreSQL refuses the second).</li>
 *   <li>{@code start_time} bounds compare {@code coalesce(start_time, expected_start_time)};
 *       its {@code is_null_} looks at {@code start_time}. All bounds are inclusive.</li>
 * </ul>
 */
public record FlowRunFilter(
        Operator operator,
        IdFilter id,
        NameFilter name,
        TagsFilter tags,
        DeploymentIdFilter deploymentId,
        WorkQueueNameFilter workQueueName,
        StateFilter state,
        FlowVersionFilter flowVersion,
        StartTimeFilter startTime,
        EndTimeFilter endTime,
        ExpectedStartTimeFilter expectedStartTime,
        NextScheduledStartTimeFilter nextScheduledStartTime,
        ParentFlowRunIdFilter parentFlowRunId,
        ParentTaskRunIdFilter parentTaskRunId,
        IdempotencyKeyFilter idempotencyKey,
        CreatedByFilter createdBy) {

    private static final FlowRunFilter EMPTY = new FlowRunFilter(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    public FlowRunFilter {
        operator = operator == null ? Operator.AND : operator;
    }

    /** The filter with no criteria: it matches every run. */
    public static FlowRunFilter matchAll() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code id}: {@code any_}, {@code not_any_}. */
    public record IdFilter(List<UUID> any, List<UUID> notAny) {
        public IdFilter { any = copy(any, "id.any_"); notAny = copy(notAny, "id.not_any_"); }
    }

    /** {@code name}: {@code any_}, {@code like_}. */
    public record NameFilter(List<String> any, String like) {
        public NameFilter { any = texts(any, "name.any_"); Strings.requireText(like, "name.like_"); }
    }

    /** {@code tags}: {@code operator}, {@code all_}, {@code any_}, {@code is_null_} (true: no tags). */
    public record TagsFilter(Operator operator, List<String> all, List<String> any, Boolean isNull) {
        public TagsFilter {
            operator = operator == null ? Operator.AND : operator;
            all = texts(all, "tags.all_");
            any = texts(any, "tags.any_");
        }
    }

    /** {@code deployment_id}: {@code operator}, {@code any_}, {@code is_null_}. */
    public record DeploymentIdFilter(Operator operator, List<UUID> any, Boolean isNull) {
        public DeploymentIdFilter { operator = operator == null ? Operator.AND : operator; any = copy(any, "deployment_id.any_"); }
    }

    /** {@code work_queue_name}: {@code operator}, {@code any_}, {@code is_null_}. */
    public record WorkQueueNameFilter(Operator operator, List<String> any, Boolean isNull) {
        public WorkQueueNameFilter { operator = operator == null ? Operator.AND : operator; any = texts(any, "work_queue_name.any_"); }
    }

    /** {@code state}: {@code operator} over {@code type} and {@code name}. */
    public record StateFilter(Operator operator, StateTypeFilter type, StateNameFilter name) {
        public StateFilter { operator = operator == null ? Operator.AND : operator; }
    }

    /** {@code state.type}: {@code any_}, {@code not_any_} (ANDed). */
    public record StateTypeFilter(List<StateType> any, List<StateType> notAny) {
        public StateTypeFilter { any = copy(any, "state.type.any_"); notAny = copy(notAny, "state.type.not_any_"); }
    }

    /** {@code state.name}: {@code any_}, {@code not_any_} (ANDed). */
    public record StateNameFilter(List<String> any, List<String> notAny) {
        public StateNameFilter { any = texts(any, "state.name.any_"); notAny = texts(notAny, "state.name.not_any_"); }
    }

    /** {@code flow_version}: {@code any_}. */
    public record FlowVersionFilter(List<String> any) {
        public FlowVersionFilter { any = texts(any, "flow_version.any_"); }
    }

    /** {@code start_time}: bounds on {@code coalesce(start_time, expected_start_time)}; {@code is_null_} on start_time. */
    public record StartTimeFilter(Instant before, Instant after, Boolean isNull) {
        public StartTimeFilter { before = Times.normalize(before); after = Times.normalize(after); }
    }

    /** {@code end_time}: {@code before_}, {@code after_}, {@code is_null_}. */
    public record EndTimeFilter(Instant before, Instant after, Boolean isNull) {
        public EndTimeFilter { before = Times.normalize(before); after = Times.normalize(after); }
    }

    /** {@code expected_start_time}: {@code before_}, {@code after_}. */
    public record ExpectedStartTimeFilter(Instant before, Instant after) {
        public ExpectedStartTimeFilter { before = Times.normalize(before); after = Times.normalize(after); }
    }

    /** {@code next_scheduled_start_time}: {@code before_}, {@code after_}. */
    public record NextScheduledStartTimeFilter(Instant before, Instant after) {
        public NextScheduledStartTimeFilter { before = Times.normalize(before); after = Times.normalize(after); }
    }

    /** {@code parent_flow_run_id}: {@code operator}, {@code any_} (subflows of these runs, through their task runs). */
    public record ParentFlowRunIdFilter(Operator operator, List<UUID> any) {
        public ParentFlowRunIdFilter { operator = operator == null ? Operator.AND : operator; any = copy(any, "parent_flow_run_id.any_"); }
    }

    /** {@code parent_task_run_id}: {@code operator}, {@code any_}, {@code is_null_}. */
    public record ParentTaskRunIdFilter(Operator operator, List<UUID> any, Boolean isNull) {
        public ParentTaskRunIdFilter { operator = operator == null ? Operator.AND : operator; any = copy(any, "parent_task_run_id.any_"); }
    }

    /** {@code idempotency_key}: {@code any_}, {@code not_any_}. */
    public record IdempotencyKeyFilter(List<String> any, List<String> notAny) {
        public IdempotencyKeyFilter { any = texts(any, "idempotency_key.any_"); notAny = texts(notAny, "idempotency_key.not_any_"); }
    }

    /**
     * {@code created_by}: {@code operator}, {@code id_} (creator ids), {@code type_} (creator types),
     * {@code is_null_} (true: the run has no creator).
     */
    public record CreatedByFilter(Operator operator, List<UUID> id, List<String> type, Boolean isNull) {
        public CreatedByFilter {
            operator = operator == null ? Operator.AND : operator;
            id = copy(id, "created_by.id_");
            type = texts(type, "created_by.type_");
        }
    }

    /** Whether {@link #toCriterion()} is empty: the filter matches every run. */
    public boolean matchesEverything() {
        return toCriterion().isEmpty();
    }

    /**
     * The normalized meaning of this filter, or empty when no criterion is left (the filter matches every
     * run). Empty sub-filters and the values docs/CONTRACT.md calls "dropped" disappear here, at every level.
     */
    public Optional<Criterion> toCriterion() {
        List<Criterion> parts = new ArrayList<>();
        if (id != null) {
            add(parts, combine(Operator.AND, in(Criterion.Column.ID, id.any()), notIn(Criterion.Column.ID, id.notAny())));
        }
        if (name != null) {
            Criterion like = name.like() == null || name.like().isEmpty() ? null
                    : new Criterion.NameContains(name.like().toLowerCase(Locale.ROOT));
            add(parts, combine(Operator.AND, in(Criterion.Column.NAME, name.any()), like));
        }
        if (tags != null) {
            Criterion all = tags.all() == null || tags.all().isEmpty() ? null : new Criterion.TagsContainAll(tags.all());
            Criterion any = tags.any() == null ? null
                    : tags.any().isEmpty() ? new Criterion.MatchNone() : new Criterion.TagsContainAny(tags.any());
            add(parts, combine(tags.operator(), all, any, isNull(Criterion.Column.TAGS, tags.isNull())));
        }
        if (deploymentId != null) {
            add(parts, combine(deploymentId.operator(), in(Criterion.Column.DEPLOYMENT_ID, deploymentId.any()),
                    isNull(Criterion.Column.DEPLOYMENT_ID, deploymentId.isNull())));
        }
        if (workQueueName != null) {
            add(parts, combine(workQueueName.operator(), in(Criterion.Column.WORK_QUEUE_NAME, workQueueName.any()),
                    isNull(Criterion.Column.WORK_QUEUE_NAME, workQueueName.isNull())));
        }
        if (state != null) {
            Criterion type = state.type() == null ? null : combine(Operator.AND,
                    in(Criterion.Column.STATE_TYPE, state.type().any()), notIn(Criterion.Column.STATE_TYPE, state.type().notAny()));
            Criterion stateName = state.name() == null ? null : combine(Operator.AND,
                    in(Criterion.Column.STATE_NAME, state.name().any()), notIn(Criterion.Column.STATE_NAME, state.name().notAny()));
            add(parts, combine(state.operator(), type, stateName));
        }
        if (flowVersion != null) {
            add(parts, in(Criterion.Column.FLOW_VERSION, flowVersion.any()));
        }
        if (startTime != null) {
            add(parts, combine(Operator.AND,
                    bound(Criterion.TimeColumn.EFFECTIVE_START_TIME, true, startTime.before()),
                    bound(Criterion.TimeColumn.EFFECTIVE_START_TIME, false, startTime.after()),
                    isNull(Criterion.Column.START_TIME, startTime.isNull())));
        }
        if (endTime != null) {
            add(parts, combine(Operator.AND,
                    bound(Criterion.TimeColumn.END_TIME, true, endTime.before()),
                    bound(Criterion.TimeColumn.END_TIME, false, endTime.after()),
                    isNull(Criterion.Column.END_TIME, endTime.isNull())));
        }
        if (expectedStartTime != null) {
            add(parts, combine(Operator.AND,
                    bound(Criterion.TimeColumn.EXPECTED_START_TIME, true, expectedStartTime.before()),
                    bound(Criterion.TimeColumn.EXPECTED_START_TIME, false, expectedStartTime.after())));
        }
        if (nextScheduledStartTime != null) {
            add(parts, combine(Operator.AND,
                    bound(Criterion.TimeColumn.NEXT_SCHEDULED_START_TIME, true, nextScheduledStartTime.before()),
                    bound(Criterion.TimeColumn.NEXT_SCHEDULED_START_TIME, false, nextScheduledStartTime.after())));
        }
        if (parentFlowRunId != null && parentFlowRunId.any() != null) {
            add(parts, parentFlowRunId.any().isEmpty() ? new Criterion.MatchNone()
                    : new Criterion.ParentFlowRunIn(parentFlowRunId.any()));
        }
        if (parentTaskRunId != null) {
            add(parts, combine(parentTaskRunId.operator(), in(Criterion.Column.PARENT_TASK_RUN_ID, parentTaskRunId.any()),
                    isNull(Criterion.Column.PARENT_TASK_RUN_ID, parentTaskRunId.isNull())));
        }
        if (idempotencyKey != null) {
            add(parts, combine(Operator.AND, in(Criterion.Column.IDEMPOTENCY_KEY, idempotencyKey.any()),
                    notIn(Criterion.Column.IDEMPOTENCY_KEY, idempotencyKey.notAny())));
        }
        if (createdBy != null) {
            add(parts, combine(createdBy.operator(), in(Criterion.Column.CREATED_BY_ID, createdBy.id()),
                    in(Criterion.Column.CREATED_BY_TYPE, createdBy.type()),
                    isNull(Criterion.Column.CREATED_BY, createdBy.isNull())));
        }
        return Optional.ofNullable(combine(operator, parts.toArray(new Criterion[0])));
    }

    private static void add(List<Criterion> parts, Criterion c) {
        if (c != null) {
            parts.add(c);
        }
    }

    private static Criterion in(Criterion.Column column, List<?> values) {
        if (values == null) {
            return null;
        }
        return values.isEmpty() ? new Criterion.MatchNone() : new Criterion.In(column, values);
    }

    private static Criterion notIn(Criterion.Column column, List<?> values) {
        return values == null || values.isEmpty() ? null : new Criterion.NotIn(column, values);
    }

    private static Criterion isNull(Criterion.Column column, Boolean isNull) {
        return isNull == null ? null : new Criterion.IsNull(column, isNull);
    }

    private static Criterion bound(Criterion.TimeColumn column, boolean before, Instant t) {
        return t == null ? null : new Criterion.TimeBound(column, before, t);
    }

    /**
     * Combines the non-null parts; null when none is left. Under AND a MatchNone part makes the whole
     * MatchNone; under OR MatchNone parts are dropped unless all are.
     */
    static Criterion combine(Operator op, Criterion... parts) {
        List<Criterion> kept = new ArrayList<>();
        boolean sawNone = false;
        for (Criterion c : parts) {
            if (c == null) {
                continue;
            }
            if (c instanceof Criterion.MatchNone) {
                if (op == Operator.AND) {
                    return c;
                }
                sawNone = true;
                continue;
            }
            kept.add(c);
        }
        if (kept.isEmpty()) {
            return sawNone ? new Criterion.MatchNone() : null;
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        return op == Operator.AND ? new Criterion.And(kept) : new Criterion.Or(kept);
    }

    /** {@link #copy} of strings that must be plain Unicode text ({@link Strings#firstInvalidChar}). */
    private static List<String> texts(List<String> list, String what) {
        List<String> copy = copy(list, what);
        if (copy != null) {
            for (String s : copy) {
                Strings.requireText(s, what + " value");
            }
        }
        return copy;
    }

    private static <T> List<T> copy(List<T> list, String what) {
        if (list == null) {
            return null;
        }
        for (T t : list) {
            if (t == null) {
                throw new IllegalArgumentException(what + " must not contain null");
            }
        }
        return List.copyOf(list);
    }

    /**
     * Fluent construction for Java callers. Each method sets one part of one sub-filter; the result is the
     * same object that the JSON binding builds for the equivalent JSON.
     * <pre>{@code
     * FlowRunFilter f = FlowRunFilter.builder()
     *     .tagsAll("nightly")
     *     .stateTypeAny(StateType.COMPLETED, StateType.FAILED)
     *     .endTimeBefore(Instant.parse("2026-01-01T00:00:00Z"))
     *     .build();
     * }</pre>
     */
    public static final class Builder {
        private Operator operator;
        private IdFilter id;
        private NameFilter name;
        private TagsFilter tags;
        private DeploymentIdFilter deploymentId;
        private WorkQueueNameFilter workQueueName;
        private StateFilter state;
        private FlowVersionFilter flowVersion;
        private StartTimeFilter startTime;
        private EndTimeFilter endTime;
        private ExpectedStartTimeFilter expectedStartTime;
        private NextScheduledStartTimeFilter nextScheduledStartTime;
        private ParentFlowRunIdFilter parentFlowRunId;
        private ParentTaskRunIdFilter parentTaskRunId;
        private IdempotencyKeyFilter idempotencyKey;
        private CreatedByFilter createdBy;

        private Builder() {
        }

        public Builder operator(Operator v) { operator = v; return this; }
        public Builder id(IdFilter v) { id = v; return this; }
        public Builder name(NameFilter v) { name = v; return this; }
        public Builder tags(TagsFilter v) { tags = v; return this; }
        public Builder deploymentId(DeploymentIdFilter v) { deploymentId = v; return this; }
        public Builder workQueueName(WorkQueueNameFilter v) { workQueueName = v; return this; }
        public Builder state(StateFilter v) { state = v; return this; }
        public Builder flowVersion(FlowVersionFilter v) { flowVersion = v; return this; }
        public Builder startTime(StartTimeFilter v) { startTime = v; return this; }
        public Builder endTime(EndTimeFilter v) { endTime = v; return this; }
        public Builder expectedStartTime(ExpectedStartTimeFilter v) { expectedStartTime = v; return this; }
        public Builder nextScheduledStartTime(NextScheduledStartTimeFilter v) { nextScheduledStartTime = v; return this; }
        public Builder parentFlowRunId(ParentFlowRunIdFilter v) { parentFlowRunId = v; return this; }
        public Builder parentTaskRunId(ParentTaskRunIdFilter v) { parentTaskRunId = v; return this; }
        public Builder idempotencyKey(IdempotencyKeyFilter v) { idempotencyKey = v; return this; }
        public Builder createdBy(CreatedByFilter v) { createdBy = v; return this; }

        public Builder idAny(UUID... ids) { return idAny(Arrays.asList(ids)); }
        public Builder idAny(List<UUID> ids) { id = new IdFilter(ids, id == null ? null : id.notAny()); return this; }
        public Builder idNotAny(UUID... ids) { id = new IdFilter(id == null ? null : id.any(), Arrays.asList(ids)); return this; }
        public Builder nameAny(String... names) { name = new NameFilter(Arrays.asList(names), name == null ? null : name.like()); return this; }
        public Builder nameLike(String text) { name = new NameFilter(name == null ? null : name.any(), text); return this; }
        public Builder tagsAll(String... t) { tags = new TagsFilter(tagsOp(), Arrays.asList(t), tags == null ? null : tags.any(), tags == null ? null : tags.isNull()); return this; }
        public Builder tagsAny(String... t) { tags = new TagsFilter(tagsOp(), tags == null ? null : tags.all(), Arrays.asList(t), tags == null ? null : tags.isNull()); return this; }
        public Builder tagsIsNull(boolean v) { tags = new TagsFilter(tagsOp(), tags == null ? null : tags.all(), tags == null ? null : tags.any(), v); return this; }
        public Builder deploymentIdAny(UUID... ids) { deploymentId = new DeploymentIdFilter(deploymentId == null ? null : deploymentId.operator(), Arrays.asList(ids), deploymentId == null ? null : deploymentId.isNull()); return this; }
        public Builder deploymentIdIsNull(boolean v) { deploymentId = new DeploymentIdFilter(deploymentId == null ? null : deploymentId.operator(), deploymentId == null ? null : deploymentId.any(), v); return this; }
        public Builder workQueueNameAny(String... names) { workQueueName = new WorkQueueNameFilter(workQueueName == null ? null : workQueueName.operator(), Arrays.asList(names), workQueueName == null ? null : workQueueName.isNull()); return this; }
        public Builder workQueueNameIsNull(boolean v) { workQueueName = new WorkQueueNameFilter(workQueueName == null ? null : workQueueName.operator(), workQueueName == null ? null : workQueueName.any(), v); return this; }
        public Builder stateTypeAny(StateType... types) { state = new StateFilter(stateOp(), new StateTypeFilter(Arrays.asList(types), stateType() == null ? null : stateType().notAny()), stateName()); return this; }
        public Builder stateTypeNotAny(StateType... types) { state = new StateFilter(stateOp(), new StateTypeFilter(stateType() == null ? null : stateType().any(), Arrays.asList(types)), stateName()); return this; }
        public Builder stateNameAny(String... names) { state = new StateFilter(stateOp(), stateType(), new StateNameFilter(Arrays.asList(names), stateName() == null ? null : stateName().notAny())); return this; }
        public Builder stateNameNotAny(String... names) { state = new StateFilter(stateOp(), stateType(), new StateNameFilter(stateName() == null ? null : stateName().any(), Arrays.asList(names))); return this; }
        public Builder flowVersionAny(String... versions) { flowVersion = new FlowVersionFilter(Arrays.asList(versions)); return this; }
        public Builder startTimeBefore(Instant t) { startTime = new StartTimeFilter(t, startTime == null ? null : startTime.after(), startTime == null ? null : startTime.isNull()); return this; }
        public Builder startTimeAfter(Instant t) { startTime = new StartTimeFilter(startTime == null ? null : startTime.before(), t, startTime == null ? null : startTime.isNull()); return this; }
        public Builder startTimeIsNull(boolean v) { startTime = new StartTimeFilter(startTime == null ? null : startTime.before(), startTime == null ? null : startTime.after(), v); return this; }
        public Builder endTimeBefore(Instant t) { endTime = new EndTimeFilter(t, endTime == null ? null : endTime.after(), endTime == null ? null : endTime.isNull()); return this; }
        public Builder endTimeAfter(Instant t) { endTime = new EndTimeFilter(endTime == null ? null : endTime.before(), t, endTime == null ? null : endTime.isNull()); return this; }
        public Builder endTimeIsNull(boolean v) { endTime = new EndTimeFilter(endTime == null ? null : endTime.before(), endTime == null ? null : endTime.after(), v); return this; }
        public Builder expectedStartTimeBefore(Instant t) { expectedStartTime = new ExpectedStartTimeFilter(t, expectedStartTime == null ? null : expectedStartTime.after()); return this; }
        public Builder expectedStartTimeAfter(Instant t) { expectedStartTime = new ExpectedStartTimeFilter(expectedStartTime == null ? null : expectedStartTime.before(), t); return this; }
        public Builder nextScheduledStartTimeBefore(Instant t) { nextScheduledStartTime = new NextScheduledStartTimeFilter(t, nextScheduledStartTime == null ? null : nextScheduledStartTime.after()); return this; }
        public Builder nextScheduledStartTimeAfter(Instant t) { nextScheduledStartTime = new NextScheduledStartTimeFilter(nextScheduledStartTime == null ? null : nextScheduledStartTime.before(), t); return this; }
        public Builder parentFlowRunIdAny(UUID... ids) { parentFlowRunId = new ParentFlowRunIdFilter(null, Arrays.asList(ids)); return this; }
        public Builder parentTaskRunIdAny(UUID... ids) { parentTaskRunId = new ParentTaskRunIdFilter(parentTaskRunId == null ? null : parentTaskRunId.operator(), Arrays.asList(ids), parentTaskRunId == null ? null : parentTaskRunId.isNull()); return this; }
        public Builder parentTaskRunIdIsNull(boolean v) { parentTaskRunId = new ParentTaskRunIdFilter(parentTaskRunId == null ? null : parentTaskRunId.operator(), parentTaskRunId == null ? null : parentTaskRunId.any(), v); return this; }
        public Builder idempotencyKeyAny(String... keys) { idempotencyKey = new IdempotencyKeyFilter(Arrays.asList(keys), idempotencyKey == null ? null : idempotencyKey.notAny()); return this; }
        public Builder idempotencyKeyNotAny(String... keys) { idempotencyKey = new IdempotencyKeyFilter(idempotencyKey == null ? null : idempotencyKey.any(), Arrays.asList(keys)); return this; }
        public Builder createdByIdAny(UUID... ids) { createdBy = new CreatedByFilter(createdBy == null ? null : createdBy.operator(), Arrays.asList(ids), createdBy == null ? null : createdBy.type(), createdBy == null ? null : createdBy.isNull()); return this; }
        public Builder createdByTypeAny(String... types) { createdBy = new CreatedByFilter(createdBy == null ? null : createdBy.operator(), createdBy == null ? null : createdBy.id(), Arrays.asList(types), createdBy == null ? null : createdBy.isNull()); return this; }
        public Builder createdByIsNull(boolean v) { createdBy = new CreatedByFilter(createdBy == null ? null : createdBy.operator(), createdBy == null ? null : createdBy.id(), createdBy == null ? null : createdBy.type(), v); return this; }

        private Operator tagsOp() { return tags == null ? null : tags.operator(); }
        private Operator stateOp() { return state == null ? null : state.operator(); }
        private StateTypeFilter stateType() { return state == null ? null : state.type(); }
        private StateNameFilter stateName() { return state == null ? null : state.name(); }

        public FlowRunFilter build() {
            return new FlowRunFilter(operator, id, name, tags, deploymentId, workQueueName, state, flowVersion,
                    startTime, endTime, expectedStartTime, nextScheduledStartTime, parentFlowRunId, parentTaskRunId,
                    idempotencyKey, createdBy);
        }
    }
}
