package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonToken;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunFilter.CreatedByFilter;
import dev.flowsweep.filter.FlowRunFilter.DeploymentIdFilter;
import dev.flowsweep.filter.FlowRunFilter.EndTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.ExpectedStartTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.FlowVersionFilter;
import dev.flowsweep.filter.FlowRunFilter.IdFilter;
import dev.flowsweep.filter.FlowRunFilter.IdempotencyKeyFilter;
import dev.flowsweep.filter.FlowRunFilter.NameFilter;
import dev.flowsweep.filter.FlowRunFilter.NextScheduledStartTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.ParentFlowRunIdFilter;
import dev.flowsweep.filter.FlowRunFilter.ParentTaskRunIdFilter;
import dev.flowsweep.filter.FlowRunFilter.StartTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.StateFilter;
import dev.flowsweep.filter.FlowRunFilter.StateNameFilter;
import dev.flowsweep.filter.FlowRunFilter.StateTypeFilter;
import dev.flowsweep.filter.FlowRunFilter.TagsFilter;
import dev.flowsweep.filter.FlowRunFilter.WorkQueueNameFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.json.ObjectSchema.Field;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Limits;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.flowsweep.json.Readers.BOOLEAN;
import static dev.flowsweep.json.Readers.STRING;
import static dev.flowsweep.json.Readers.TIME;
import static dev.flowsweep.json.Readers.UUID_STRING;
import static dev.flowsweep.json.Readers.listOf;

/**
 * Prefect's wire format, one {@link ObjectSchema} per object. Titles are Prefect's class names, so that an
 * error message points a Prefect user at the schema they know.
 */
final class Schemas {

    /** Lower bound of {@code limit} in a bulk delete body: {@code @Min(1)} on {@link BulkDeleteRequest#limit()}. */
    static final int BULK_DELETE_LIMIT_MIN = 1;
    /** Longest {@code actor}: {@code @Size(max = 255)} on {@link BulkDeleteRequest#actor()}. */
    static final int ACTOR_MAX_LENGTH = 255;

    static final ValueReader<Operator> OPERATOR = Readers.enumOf(Operator.class, Operator::wireName);
    static final ValueReader<StateType> STATE_TYPE = Readers.enumOf(StateType.class, Enum::name);
    static final ValueReader<FlowRunSort> SORT = Readers.enumOf(FlowRunSort.class, Enum::name);
    static final ValueReader<Integer> INT = Readers.integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
    static final ValueReader<Integer> NON_NEGATIVE_INT = Readers.integer(0, Integer.MAX_VALUE);
    static final ValueReader<Integer> POSITIVE_INT = Readers.integer(1, Integer.MAX_VALUE);

    private static final ValueReader<List<UUID>> UUIDS = listOf(UUID_STRING);
    private static final ValueReader<List<String>> STRINGS = listOf(STRING);
    /**
     * Text the model stores, at most {@link Limits#MAX_NAME_LENGTH} UTF-16 characters (the JDBC columns' width, as H2
     * counts it): a longer value is refused ({@code string_too_long}) rather than stored by one adapter and refused by
     * another. Filter values are not limited: a longer one simply matches nothing.
     */
    private static final ValueReader<String> NAME = Readers.string(Limits.MAX_NAME_LENGTH);
    private static final ValueReader<List<String>> NAMES = listOf(NAME);
    /** Filters Prefect's client sends beside {@code flow_runs}; Flowsweep accepts them only as {@code null}. */
    private static final List<String> UNSUPPORTED_FILTERS =
            List.of("flows", "task_runs", "deployments", "work_pools", "work_pool_queues");

    // Initialization order matters from here on: each schema uses the constants declared above it.

    static final ObjectSchema<FlowRunFilter> FLOW_RUN_FILTER = flowRunFilter();
    static final ObjectSchema<BulkDeleteRequest> BULK_DELETE_REQUEST = bulkDeleteRequest();
    static final ValueReader<BulkDeleteResult> BULK_DELETE_RESULT = bulkDeleteResult();
    static final ObjectSchema<CreatedBy> CREATED_BY = createdBy();
    static final ObjectSchema<StateBody> STATE = state();
    static final ObjectSchema<FlowRunCreate> FLOW_RUN_CREATE = flowRun("FlowRunCreate", false, FlowRunCreate::new);
    static final ObjectSchema<FlowRun> FLOW_RUN = flowRun("FlowRun", true, FlowRun::new);
    static final ObjectSchema<TaskRunCreate> TASK_RUN_CREATE = taskRun("TaskRunCreate", false, TaskRunCreate::new);
    static final ObjectSchema<TaskRun> TASK_RUN = taskRun("TaskRun", true, TaskRun::new);
    static final ObjectSchema<LogCreate> LOG_CREATE = logCreate();
    static final ObjectSchema<Log> LOG = log();
    static final ObjectSchema<FlowCreate> FLOW_CREATE = flowCreate();
    static final ObjectSchema<Flow> FLOW = flow();
    static final ObjectSchema<DeploymentCreate> DEPLOYMENT_CREATE = deploymentCreate();
    static final ObjectSchema<Deployment> DEPLOYMENT = deployment();
    static final ObjectSchema<ConcurrencyLimitCreate> CONCURRENCY_LIMIT_CREATE = concurrencyLimitCreate();
    static final ObjectSchema<ConcurrencyLimit> CONCURRENCY_LIMIT = concurrencyLimit();

    static final ObjectSchema<FlowRunQuery> FLOW_RUN_QUERY = flowRunQuery();
    static final ObjectSchema<FlowRunCountQuery> FLOW_RUN_COUNT_QUERY = flowRunCountQuery();
    static final ObjectSchema<LogQuery> LOG_QUERY = logQuery();
    static final ObjectSchema<LogCountQuery> LOG_COUNT_QUERY = logCountQuery();
    static final ObjectSchema<ConcurrencyIncrement> CONCURRENCY_INCREMENT = concurrencyIncrement();

    /** Every type a strict reader exists for, with its reader. */
    static final Map<Class<?>, ValueReader<?>> READERS = readers();

    private Schemas() {
    }

    private static Map<Class<?>, ValueReader<?>> readers() {
        Map<Class<?>, ValueReader<?>> m = new LinkedHashMap<>();
        m.put(FlowRunFilter.class, FLOW_RUN_FILTER);
        m.put(BulkDeleteRequest.class, BULK_DELETE_REQUEST);
        m.put(BulkDeleteResult.class, BULK_DELETE_RESULT);
        m.put(FlowRunSort.class, SORT);
        m.put(StateType.class, STATE_TYPE);
        m.put(Operator.class, OPERATOR);
        m.put(CreatedBy.class, CREATED_BY);
        m.put(FlowRun.class, FLOW_RUN);
        m.put(FlowRunCreate.class, FLOW_RUN_CREATE);
        m.put(TaskRun.class, TASK_RUN);
        m.put(TaskRunCreate.class, TASK_RUN_CREATE);
        m.put(Log.class, LOG);
        m.put(LogCreate.class, LOG_CREATE);
        m.put(Flow.class, FLOW);
        m.put(FlowCreate.class, FLOW_CREATE);
        m.put(Deployment.class, DEPLOYMENT);
        m.put(DeploymentCreate.class, DEPLOYMENT_CREATE);
        m.put(ConcurrencyLimit.class, CONCURRENCY_LIMIT);
        m.put(ConcurrencyLimitCreate.class, CONCURRENCY_LIMIT_CREATE);
        m.put(FlowRunQuery.class, FLOW_RUN_QUERY);
        m.put(FlowRunCountQuery.class, FLOW_RUN_COUNT_QUERY);
        m.put(LogQuery.class, LOG_QUERY);
        m.put(LogCountQuery.class, LOG_COUNT_QUERY);
        m.put(ConcurrencyIncrement.class, CONCURRENCY_INCREMENT);
        return Map.copyOf(m);
    }

    /** The reader for {@code type}, or null when Flowsweep has none. */
    @SuppressWarnings("unchecked")
    static <T> ValueReader<T> readerFor(Class<T> type) {
        return (ValueReader<T>) READERS.get(type);
    }

    // ---- FlowRunFilter ------------------------------------------------------------------------------------

    private static ObjectSchema<FlowRunFilter> flowRunFilter() {
        ObjectSchema.Builder<FlowRunFilter> b = ObjectSchema.builder("FlowRunFilter");
        Field<Operator> operator = b.optional("operator", OPERATOR);
        Field<IdFilter> id = b.optional("id", idFilter());
        Field<NameFilter> name = b.optional("name", nameFilter());
        Field<TagsFilter> tags = b.optional("tags", tagsFilter());
        Field<DeploymentIdFilter> deploymentId = b.optional("deployment_id", deploymentIdFilter());
        Field<WorkQueueNameFilter> workQueueName = b.optional("work_queue_name", workQueueNameFilter());
        Field<StateFilter> state = b.optional("state", stateFilter());
        Field<FlowVersionFilter> flowVersion = b.optional("flow_version", flowVersionFilter());
        Field<StartTimeFilter> startTime = b.optional("start_time", startTimeFilter());
        Field<EndTimeFilter> endTime = b.optional("end_time", endTimeFilter());
        Field<ExpectedStartTimeFilter> expectedStartTime = b.optional("expected_start_time", expectedStartTimeFilter());
        Field<NextScheduledStartTimeFilter> nextScheduledStartTime =
                b.optional("next_scheduled_start_time", nextScheduledStartTimeFilter());
        Field<ParentFlowRunIdFilter> parentFlowRunId = b.optional("parent_flow_run_id", parentFlowRunIdFilter());
        Field<ParentTaskRunIdFilter> parentTaskRunId = b.optional("parent_task_run_id", parentTaskRunIdFilter());
        Field<IdempotencyKeyFilter> idempotencyKey = b.optional("idempotency_key", idempotencyKeyFilter());
        Field<CreatedByFilter> createdBy = b.optional("created_by", createdByFilter());
        return b.build(v -> new FlowRunFilter(v.get(operator), v.get(id), v.get(name), v.get(tags), v.get(deploymentId),
                v.get(workQueueName), v.get(state), v.get(flowVersion), v.get(startTime), v.get(endTime),
                v.get(expectedStartTime), v.get(nextScheduledStartTime), v.get(parentFlowRunId), v.get(parentTaskRunId),
                v.get(idempotencyKey), v.get(createdBy)));
    }

    private static ObjectSchema<IdFilter> idFilter() {
        ObjectSchema.Builder<IdFilter> b = ObjectSchema.builder("FlowRunFilterId");
        Field<List<UUID>> any = b.optional("any_", UUIDS);
        Field<List<UUID>> notAny = b.optional("not_any_", UUIDS);
        return b.build(v -> new IdFilter(v.get(any), v.get(notAny)));
    }

    private static ObjectSchema<NameFilter> nameFilter() {
        ObjectSchema.Builder<NameFilter> b = ObjectSchema.builder("FlowRunFilterName");
        Field<List<String>> any = b.optional("any_", STRINGS);
        Field<String> like = b.optional("like_", STRING);
        return b.build(v -> new NameFilter(v.get(any), v.get(like)));
    }

    private static ObjectSchema<TagsFilter> tagsFilter() {
        ObjectSchema.Builder<TagsFilter> b = ObjectSchema.builder("FlowRunFilterTags");
        Field<Operator> operator = b.optional("operator", OPERATOR);
        Field<List<String>> all = b.optional("all_", STRINGS);
        Field<List<String>> any = b.optional("any_", STRINGS);
        Field<Boolean> isNull = b.optional("is_null_", BOOLEAN);
        return b.build(v -> new TagsFilter(v.get(operator), v.get(all), v.get(any), v.get(isNull)));
    }

    private static ObjectSchema<DeploymentIdFilter> deploymentIdFilter() {
        ObjectSchema.Builder<DeploymentIdFilter> b = ObjectSchema.builder("FlowRunFilterDeploymentId");
        Field<Operator> operator = b.optional("operator", OPERATOR);
        Field<List<UUID>> any = b.optional("any_", UUIDS);
        Field<Boolean> isNull = b.optional("is_null_", BOOLEAN);
        return b.build(v -> new DeploymentIdFilter(v.get(operator), v.get(any), v.get(isNull)));
    }

    private static ObjectSchema<WorkQueueNameFilter> workQueueNameFilter() {
        ObjectSchema.Builder<WorkQueueNameFilter> b = ObjectSchema.builder("FlowRunFilterWorkQueueName");
        Field<Operator> operator = b.optional("operator", OPERATOR);
        Field<List<String>> any = b.optional("any_", STRINGS);
        Field<Boolean> isNull = b.optional("is_null_", BOOLEAN);
        return b.build(v -> new WorkQueueNameFilter(v.get(operator), v.get(any), v.get(isNull)));
    }

    private static ObjectSchema<StateFilter> stateFilter() {
        ObjectSchema.Builder<StateTypeFilter> tb = ObjectSchema.builder("FlowRunFilterStateType");
        Field<List<StateType>> typeAny = tb.optional("any_", listOf(STATE_TYPE));
        Field<List<StateType>> typeNotAny = tb.optional("not_any_", listOf(STATE_TYPE));
        ObjectSchema<StateTypeFilter> typeFilter = tb.build(v -> new StateTypeFilter(v.get(typeAny), v.get(typeNotAny)));

        ObjectSchema.Builder<StateNameFilter> nb = ObjectSchema.builder("FlowRunFilterStateName");
        Field<List<String>> nameAny = nb.optional("any_", STRINGS);
        Field<List<String>> nameNotAny = nb.optional("not_any_", STRINGS);
        ObjectSchema<StateNameFilter> nameFilter = nb.build(v -> new StateNameFilter(v.get(nameAny), v.get(nameNotAny)));

        ObjectSchema.Builder<StateFilter> b = ObjectSchema.builder("FlowRunFilterState");
        Field<Operator> operator = b.optional("operator", OPERATOR);
        Field<StateTypeFilter> type = b.optional("type", typeFilter);
        Field<StateNameFilter> name = b.optional("name", nameFilter);
        return b.build(v -> new StateFilter(v.get(operator), v.get(type), v.get(name)));
    }

    private static ObjectSchema<FlowVersionFilter> flowVersionFilter() {
        ObjectSchema.Builder<FlowVersionFilter> b = ObjectSchema.builder("FlowRunFilterFlowVersion");
        Field<List<String>> any = b.optional("any_", STRINGS);
        return b.build(v -> new FlowVersionFilter(v.get(any)));
    }

    private static ObjectSchema<StartTimeFilter> startTimeFilter() {
        ObjectSchema.Builder<StartTimeFilter> b = ObjectSchema.builder("FlowRunFilterStartTime");
        Field<Instant> before = b.optional("before_", TIME);
        Field<Instant> after = b.optional("after_", TIME);
        Field<Boolean> isNull = b.optional("is_null_", BOOLEAN);
        return b.build(v -> new StartTimeFilter(v.get(before), v.get(after), v.get(isNull)));
    }

    private static ObjectSchema<EndTimeFilter> endTimeFilter() {
        ObjectSchema.Builder<EndTimeFilter> b = ObjectSchema.builder("FlowRunFilterEndTime");
        Field<Instant> before = b.optional("before_", TIME);
        Field<Instant> after = b.optional("after_", TIME);
        Field<Boolean> isNull = b.optional("is_null_", BOOLEAN);
        return b.build(v -> new EndTimeFilter(v.get(before), v.get(after), v.get(isNull)));
    }

    private static ObjectSchema<ExpectedStartTimeFilter> expectedStartTimeFilter() {
        ObjectSchema.Builder<ExpectedStartTimeFilter> b = ObjectSchema.builder("FlowRunFilterExpectedStartTime");
        Field<Instant> before = b.optional("before_", TIME);
        Field<Instant> after = b.optional("after_", TIME);
        return b.build(v -> new ExpectedStartTimeFilter(v.get(before), v.get(after)));
    }

    private static ObjectSchema<NextScheduledStartTimeFilter> nextScheduledStartTimeFilter() {
        ObjectSchema.Builder<NextScheduledStartTimeFilter> b = ObjectSchema.builder("FlowRunFilterNextScheduledStartTime");
        Field<Instant> before = b.optional("before_", TIME);
        Field<Instant> after = b.optional("after_", TIME);
        return b.build(v -> new NextScheduledStartTimeFilter(v.get(before), v.get(after)));
    }

    private static ObjectSchema<ParentFlowRunIdFilter> parentFlowRunIdFilter() {
        ObjectSchema.Builder<ParentFlowRunIdFilter> b = ObjectSchema.builder("FlowRunFilterParentFlowRunId");
        Field<Operator> operator = b.optional("operator", OPERATOR);
        Field<List<UUID>> any = b.optional("any_", UUIDS);
        return b.build(v -> new ParentFlowRunIdFilter(v.get(operator), v.get(any)));
    }

    private static ObjectSchema<ParentTaskRunIdFilter> parentTaskRunIdFilter() {
        ObjectSchema.Builder<ParentTaskRunIdFilter> b = ObjectSchema.builder("FlowRunFilterParentTaskRunId");
        Field<Operator> operator = b.optional("operator", OPERATOR);
        Field<List<UUID>> any = b.optional("any_", UUIDS);
        Field<Boolean> isNull = b.optional("is_null_", BOOLEAN);
        return b.build(v -> new ParentTaskRunIdFilter(v.get(operator), v.get(any), v.get(isNull)));
    }

    private static ObjectSchema<IdempotencyKeyFilter> idempotencyKeyFilter() {
        ObjectSchema.Builder<IdempotencyKeyFilter> b = ObjectSchema.builder("FlowRunFilterIdempotencyKey");
        Field<List<String>> any = b.optional("any_", STRINGS);
        Field<List<String>> notAny = b.optional("not_any_", STRINGS);
        return b.build(v -> new IdempotencyKeyFilter(v.get(any), v.get(notAny)));
    }

    private static ObjectSchema<CreatedByFilter> createdByFilter() {
        ObjectSchema.Builder<CreatedByFilter> b = ObjectSchema.builder("FlowRunFilterCreatedBy");
        Field<Operator> operator = b.optional("operator", OPERATOR);
        Field<List<UUID>> id = b.optional("id_", UUIDS);
        Field<List<String>> type = b.optional("type_", STRINGS);
        Field<Boolean> isNull = b.optional("is_null_", BOOLEAN);
        return b.build(v -> new CreatedByFilter(v.get(operator), v.get(id), v.get(type), v.get(isNull)));
    }

    // ---- bulk delete --------------------------------------------------------------------------------------

    private static ObjectSchema<BulkDeleteRequest> bulkDeleteRequest() {
        ObjectSchema.Builder<BulkDeleteRequest> b = ObjectSchema.builder("BulkDeleteRequest");
        Field<FlowRunFilter> filter = b.optional("flow_runs", FLOW_RUN_FILTER);
        Field<Integer> limit = b.optional("limit", Readers.integer(BULK_DELETE_LIMIT_MIN, Integer.MAX_VALUE));
        Field<String> actor = b.optional("actor", Readers.string(ACTOR_MAX_LENGTH));
        return b.build(v -> new BulkDeleteRequest(v.get(filter), v.get(limit), v.get(actor)));
    }

    private static ValueReader<BulkDeleteResult> bulkDeleteResult() {
        ValueReader<Map<UUID, Integer>> slots = new ValueReader<>() {
            @Override
            public Map<UUID, Integer> read(WireReader r) throws IOException {
                if (r.parser().currentToken() != JsonToken.START_OBJECT) {
                    return r.wrongType(JsonProblem.DICT_TYPE, expected());
                }
                int before = r.problemCount();
                Map<UUID, Integer> m = new LinkedHashMap<>();
                for (JsonToken t = r.next(); t == JsonToken.FIELD_NAME; t = r.next()) {
                    String key = r.parser().currentName();
                    r.next();
                    r.push(key);
                    UUID id = null;
                    try {
                        id = Uuids.parseCanonical(key);
                    } catch (IllegalArgumentException e) {
                        r.problem(JsonProblem.UUID_PARSING, "Key should be a valid UUID of 8-4-4-4-12 hexadecimal digits, got "
                                + WireReader.quote(key));
                    }
                    if (id != null && m.containsKey(id)) {
                        r.problem(JsonProblem.DUPLICATE_KEY, "Duplicate key " + WireReader.quote(key)
                                + ": a key may appear only once in an object");
                        r.skipValue();
                    } else {
                        Integer n = NON_NEGATIVE_INT.read(r);
                        if (id != null && n != null) {
                            m.put(id, n);
                        }
                    }
                    r.pop();
                }
                return r.problemCount() > before ? null : m;
            }

            @Override
            public String expected() {
                return "an object from concurrency limit ids to released slot counts";
            }
        };
        ObjectSchema.Builder<BulkDeleteResult> b = ObjectSchema.builder("BulkDeleteResult");
        Field<List<UUID>> deleted = b.required("deleted", UUIDS);
        Field<Map<UUID, Integer>> released = b.optional("released_slots", slots);
        return b.build(v -> new BulkDeleteResult(v.get(deleted), v.get(released, Map.of())));
    }

    // ---- model and creation bodies ------------------------------------------------------------------------

    /** {@code {"type", "name"?}}: a run's state as Prefect's client sends it. */
    record StateBody(StateType type, String name) {
    }

    private static ObjectSchema<StateBody> state() {
        ObjectSchema.Builder<StateBody> b = ObjectSchema.builder("State");
        Field<StateType> type = b.required("type", STATE_TYPE);
        Field<String> name = b.optional("name", NAME);
        return b.build(v -> new StateBody(v.get(type), v.get(name)));
    }

    private static ObjectSchema<CreatedBy> createdBy() {
        ObjectSchema.Builder<CreatedBy> b = ObjectSchema.builder("CreatedBy");
        Field<UUID> id = b.optional("id", UUID_STRING);
        Field<String> type = b.optional("type", NAME);
        Field<String> displayValue = b.optional("display_value", Readers.string(Limits.MAX_DISPLAY_VALUE_LENGTH));
        return b.build(v -> new CreatedBy(v.get(id), v.get(type), v.get(displayValue)));
    }

    /** The state fields of a run body and how they combine. */
    private static final class StateFields {
        final Field<StateBody> state;
        final Field<StateType> stateType;
        final Field<String> stateName;

        StateFields(ObjectSchema.Builder<?> b) {
            stateType = b.optional("state_type", STATE_TYPE);
            stateName = b.optional("state_name", NAME);
            state = b.optional("state", STATE);
        }

        /**
         * The run's state: {@code state} when given, else the flat fields; a flat field given beside
         * {@code state} must agree with it. In a creation body ({@code defaultName}) a missing name is the type's
         * default name; in a written run a null name stays null, so that the run reads back equal.
         */
        StateBody resolve(ObjectSchema.Values v, boolean defaultName) throws FlowsweepJsonException {
            StateBody nested = v.get(state);
            StateType flatType = v.get(stateType);
            String flatName = v.get(stateName);
            if (nested == null) {
                if (flatType == null && flatName != null) {
                    v.problem(stateName, JsonProblem.VALUE_ERROR,
                            "Value error, state_name needs a state type: give state_type or state");
                    return null;
                }
                boolean fill = defaultName && flatName == null && flatType != null;
                return new StateBody(flatType, fill ? flatType.defaultName() : flatName);
            }
            String name = nested.name() != null || !defaultName ? nested.name() : nested.type().defaultName();
            if (flatType != null && flatType != nested.type()) {
                v.problem(stateType, JsonProblem.VALUE_ERROR, "Value error, state_type " + WireReader.quote(flatType.name())
                        + " disagrees with state.type " + WireReader.quote(nested.type().name()));
            }
            if (flatName != null && !flatName.equals(name)) {
                v.problem(stateName, JsonProblem.VALUE_ERROR, "Value error, state_name " + WireReader.quote(flatName)
                        + " disagrees with the state's name " + WireReader.quote(name));
            }
            return new StateBody(nested.type(), name);
        }
    }

    /** The canonical constructor shared by {@link FlowRun} and {@link FlowRunCreate} (same components, same order). */
    private interface RunConstructor<T> {
        T make(UUID id, String name, UUID flowId, StateType stateType, String stateName, List<String> tags,
               UUID deploymentId, String workQueueName, String flowVersion, Instant startTime, Instant endTime,
               Instant expectedStartTime, Instant nextScheduledStartTime, UUID parentTaskRunId, String idempotencyKey,
               CreatedBy createdBy, Instant created, Instant updated);
    }

    /** The canonical constructor shared by {@link TaskRun} and {@link TaskRunCreate}. */
    private interface TaskRunConstructor<T> {
        T make(UUID id, UUID flowRunId, String taskKey, String dynamicKey, String name, StateType stateType,
               String stateName);
    }

    /**
     * A written run ({@code complete}: id, created and updated required, names kept as written) or a creation
     * body (only flow_id required, state name defaulted).
     */
    private static <T> ObjectSchema<T> flowRun(String title, boolean complete, RunConstructor<T> constructor) {
        ObjectSchema.Builder<T> b = ObjectSchema.builder(title);
        Field<UUID> id = complete ? b.required("id", UUID_STRING) : b.optional("id", UUID_STRING);
        Field<String> name = b.optional("name", NAME);
        Field<UUID> flowId = b.required("flow_id", UUID_STRING);
        StateFields stateFields = new StateFields(b);
        Field<List<String>> tags = b.optional("tags", NAMES);
        Field<UUID> deploymentId = b.optional("deployment_id", UUID_STRING);
        Field<String> workQueueName = b.optional("work_queue_name", NAME);
        Field<String> flowVersion = b.optional("flow_version", NAME);
        Field<Instant> startTime = b.optional("start_time", TIME);
        Field<Instant> endTime = b.optional("end_time", TIME);
        Field<Instant> expectedStartTime = b.optional("expected_start_time", TIME);
        Field<Instant> nextScheduledStartTime = b.optional("next_scheduled_start_time", TIME);
        Field<UUID> parentTaskRunId = b.optional("parent_task_run_id", UUID_STRING);
        Field<String> idempotencyKey = b.optional("idempotency_key", NAME);
        Field<CreatedBy> createdBy = b.optional("created_by", CREATED_BY);
        Field<Instant> created = complete ? b.required("created", TIME) : b.optional("created", TIME);
        Field<Instant> updated = complete ? b.required("updated", TIME) : b.optional("updated", TIME);
        return b.build(v -> {
            StateBody state = stateFields.resolve(v, !complete);
            if (state == null) {
                return null;
            }
            return constructor.make(v.get(id), v.get(name), v.get(flowId), state.type(), state.name(), v.get(tags),
                    v.get(deploymentId), v.get(workQueueName), v.get(flowVersion), v.get(startTime), v.get(endTime),
                    v.get(expectedStartTime), v.get(nextScheduledStartTime), v.get(parentTaskRunId),
                    v.get(idempotencyKey), v.get(createdBy), v.get(created), v.get(updated));
        });
    }

    /** A written task run ({@code complete}) or a creation body. */
    private static <T> ObjectSchema<T> taskRun(String title, boolean complete, TaskRunConstructor<T> constructor) {
        ObjectSchema.Builder<T> b = ObjectSchema.builder(title);
        Field<UUID> id = complete ? b.required("id", UUID_STRING) : b.optional("id", UUID_STRING);
        Field<UUID> flowRunId = b.required("flow_run_id", UUID_STRING);
        Field<String> taskKey = b.required("task_key", NAME);
        Field<String> dynamicKey = b.required("dynamic_key", NAME);
        Field<String> name = b.optional("name", NAME);
        StateFields stateFields = new StateFields(b);
        return b.build(v -> {
            StateBody state = stateFields.resolve(v, !complete);
            if (state == null) {
                return null;
            }
            return constructor.make(v.get(id), v.get(flowRunId), v.get(taskKey), v.get(dynamicKey), v.get(name),
                    state.type(), state.name());
        });
    }

    private static ObjectSchema<LogCreate> logCreate() {
        ObjectSchema.Builder<LogCreate> b = ObjectSchema.builder("LogCreate");
        Field<String> name = b.required("name", NAME);
        Field<Integer> level = b.required("level", INT);
        Field<String> message = b.required("message", STRING);
        Field<Instant> timestamp = b.required("timestamp", TIME);
        Field<UUID> flowRunId = b.optional("flow_run_id", UUID_STRING);
        Field<UUID> taskRunId = b.optional("task_run_id", UUID_STRING);
        return b.build(v -> new LogCreate(v.get(name), v.get(level), v.get(message), v.get(timestamp),
                v.get(flowRunId), v.get(taskRunId)));
    }

    private static ObjectSchema<Log> log() {
        ObjectSchema.Builder<Log> b = ObjectSchema.builder("Log");
        Field<UUID> id = b.required("id", UUID_STRING);
        Field<String> name = b.required("name", NAME);
        Field<Integer> level = b.required("level", INT);
        Field<String> message = b.required("message", STRING);
        Field<Instant> timestamp = b.required("timestamp", TIME);
        Field<UUID> flowRunId = b.optional("flow_run_id", UUID_STRING);
        Field<UUID> taskRunId = b.optional("task_run_id", UUID_STRING);
        return b.build(v -> new Log(v.get(id), v.get(name), v.get(level), v.get(message), v.get(timestamp),
                v.get(flowRunId), v.get(taskRunId)));
    }

    private static ObjectSchema<FlowCreate> flowCreate() {
        ObjectSchema.Builder<FlowCreate> b = ObjectSchema.builder("FlowCreate");
        Field<String> name = b.required("name", NAME);
        return b.build(v -> new FlowCreate(v.get(name)));
    }

    private static ObjectSchema<Flow> flow() {
        ObjectSchema.Builder<Flow> b = ObjectSchema.builder("Flow");
        Field<UUID> id = b.required("id", UUID_STRING);
        Field<String> name = b.required("name", NAME);
        return b.build(v -> new Flow(v.get(id), v.get(name)));
    }

    private static ObjectSchema<DeploymentCreate> deploymentCreate() {
        ObjectSchema.Builder<DeploymentCreate> b = ObjectSchema.builder("DeploymentCreate");
        Field<String> name = b.required("name", NAME);
        Field<UUID> flowId = b.required("flow_id", UUID_STRING);
        Field<Integer> concurrencyLimit = b.optional("concurrency_limit", POSITIVE_INT);
        return b.build(v -> new DeploymentCreate(v.get(name), v.get(flowId), v.get(concurrencyLimit)));
    }

    private static ObjectSchema<Deployment> deployment() {
        ObjectSchema.Builder<Deployment> b = ObjectSchema.builder("Deployment");
        Field<UUID> id = b.required("id", UUID_STRING);
        Field<String> name = b.required("name", NAME);
        Field<UUID> flowId = b.required("flow_id", UUID_STRING);
        Field<UUID> concurrencyLimitId = b.optional("concurrency_limit_id", UUID_STRING);
        return b.build(v -> new Deployment(v.get(id), v.get(name), v.get(flowId), v.get(concurrencyLimitId)));
    }

    private static ObjectSchema<ConcurrencyLimitCreate> concurrencyLimitCreate() {
        ObjectSchema.Builder<ConcurrencyLimitCreate> b = ObjectSchema.builder("ConcurrencyLimitV2Create");
        Field<String> name = b.required("name", NAME);
        Field<Integer> limit = b.required("limit", NON_NEGATIVE_INT);
        Field<Boolean> active = b.optional("active", BOOLEAN);
        Field<Integer> activeSlots = b.optional("active_slots", NON_NEGATIVE_INT);
        return b.build(v -> new ConcurrencyLimitCreate(v.get(name), v.get(limit), v.get(active, Boolean.TRUE),
                v.get(activeSlots, 0)));
    }

    private static ObjectSchema<ConcurrencyLimit> concurrencyLimit() {
        ObjectSchema.Builder<ConcurrencyLimit> b = ObjectSchema.builder("ConcurrencyLimitV2");
        Field<UUID> id = b.required("id", UUID_STRING);
        Field<String> name = b.required("name", NAME);
        Field<Integer> limit = b.required("limit", NON_NEGATIVE_INT);
        Field<Boolean> active = b.required("active", BOOLEAN);
        Field<Integer> activeSlots = b.required("active_slots", NON_NEGATIVE_INT);
        return b.build(v -> new ConcurrencyLimit(v.get(id), v.get(name), v.get(limit), v.get(active), v.get(activeSlots)));
    }

    // ---- query bodies of the example server ----------------------------------------------------------------

    private static void unsupportedFilters(ObjectSchema.Builder<?> b) {
        for (String key : UNSUPPORTED_FILTERS) {
            b.optional(key, new ValueReader<Void>() {
                @Override
                public Void read(WireReader r) throws IOException {
                    r.problem(JsonProblem.VALUE_ERROR, "Value error, filtering by " + key
                            + " is not supported by Flowsweep: leave it out or send null");
                    r.skipValue();
                    return null;
                }

                @Override
                public String expected() {
                    return "null (filtering by " + key + " is not supported)";
                }
            });
        }
    }

    private static ObjectSchema<FlowRunQuery> flowRunQuery() {
        ObjectSchema.Builder<FlowRunQuery> b = ObjectSchema.builder("FlowRunFilterBody");
        Field<FlowRunFilter> filter = b.optional("flow_runs", FLOW_RUN_FILTER);
        Field<Integer> limit = b.optional("limit", Readers.integer(0, FlowRunQuery.MAX_LIMIT));
        Field<Integer> offset = b.optional("offset", NON_NEGATIVE_INT);
        Field<FlowRunSort> sort = b.optional("sort", SORT);
        unsupportedFilters(b);
        return b.build(v -> new FlowRunQuery(v.get(filter), v.get(limit, FlowRunQuery.MAX_LIMIT), v.get(offset, 0),
                v.get(sort, FlowRunSort.ID_DESC)));
    }

    private static ObjectSchema<FlowRunCountQuery> flowRunCountQuery() {
        ObjectSchema.Builder<FlowRunCountQuery> b = ObjectSchema.builder("FlowRunCountBody");
        Field<FlowRunFilter> filter = b.optional("flow_runs", FLOW_RUN_FILTER);
        unsupportedFilters(b);
        return b.build(v -> new FlowRunCountQuery(v.get(filter)));
    }

    /** {@code {"flow_run_id"?: {"any_"?: [ids]}}}, as the list of ids (null: no condition). */
    private record FlowRunIds(List<UUID> ids) {
    }

    private static ObjectSchema<FlowRunIds> logFilter() {
        ObjectSchema.Builder<FlowRunIds> ib = ObjectSchema.builder("LogFilterFlowRunId");
        Field<List<UUID>> any = ib.optional("any_", UUIDS);
        ObjectSchema<FlowRunIds> flowRunId = ib.build(v -> new FlowRunIds(v.get(any)));
        ObjectSchema.Builder<FlowRunIds> b = ObjectSchema.builder("LogFilter");
        Field<FlowRunIds> ids = b.optional("flow_run_id", flowRunId);
        return b.build(v -> v.get(ids, new FlowRunIds(null)));
    }

    private static ObjectSchema<LogQuery> logQuery() {
        ObjectSchema.Builder<LogQuery> b = ObjectSchema.builder("LogFilterBody");
        Field<FlowRunIds> logs = b.optional("logs", logFilter());
        Field<Integer> limit = b.optional("limit", Readers.integer(0, FlowRunQuery.MAX_LIMIT));
        Field<Integer> offset = b.optional("offset", NON_NEGATIVE_INT);
        return b.build(v -> new LogQuery(v.get(logs, new FlowRunIds(null)).ids(), v.get(limit, FlowRunQuery.MAX_LIMIT),
                v.get(offset, 0)));
    }

    private static ObjectSchema<LogCountQuery> logCountQuery() {
        ObjectSchema.Builder<LogCountQuery> b = ObjectSchema.builder("LogCountBody");
        Field<FlowRunIds> logs = b.optional("logs", logFilter());
        return b.build(v -> new LogCountQuery(v.get(logs, new FlowRunIds(null)).ids()));
    }

    private static ObjectSchema<ConcurrencyIncrement> concurrencyIncrement() {
        ObjectSchema.Builder<ConcurrencyIncrement> b = ObjectSchema.builder("ConcurrencyLimitIncrement");
        Field<List<String>> names = b.required("names", STRINGS);
        Field<Integer> slots = b.required("slots", POSITIVE_INT);
        return b.build(v -> new ConcurrencyIncrement(v.get(names), v.get(slots)));
    }
}
