package dev.flowsweep.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.flowsweep.model.Limits.MAX_DISPLAY_VALUE_LENGTH;
import static dev.flowsweep.model.Limits.MAX_NAME_LENGTH;

/**
 * Where the JSON of Flowsweep's types differs from their Java components, with jackson-annotations and Jakarta
 * constraints only, for both bindings: the types bound, mix-ins, and the wire records of the types whose shape
 * differs. Public for the bindings only.
 */
public final class Shapes {

    /** The writer attribute that asks for a result's {@code "released_slots"} ({@code Boolean}), in both bindings. */
    public static final String WRITE_RELEASED_SLOTS = "dev.flowsweep.json.writeReleasedSlots";

    /** The types the bindings read and write in Prefect's format. */
    public static final List<Class<?>> TYPES = Stream.concat(Stream.of(FlowRunFilter.class, BulkDeleteRequest.class,
                    BulkDeleteResult.class, FlowRunSort.class, StateType.class, Operator.class, FlowRun.class,
                    TaskRun.class, Log.class, Flow.class, Deployment.class, ConcurrencyLimit.class, CreatedBy.class,
                    StateJson.class, JsonProblem.class),
            Stream.of(FlowRunFilter.class.getDeclaredClasses()).filter(Class::isRecord)).toList();

    /** Mix-ins: each target type with the class whose annotations it takes. */
    public static final Map<Class<?>, Class<?>> MIX_INS = Map.of(BulkDeleteRequest.class, RequestNames.class,
            Operator.class, OperatorNames.class, CreatedBy.class, CreatedByLimits.class, Log.class, EveryKey.class,
            Flow.class, EveryKey.class, Deployment.class, EveryKey.class, ConcurrencyLimit.class, EveryKey.class);

    /** How {@code operator} properties are written: only {@code or_}, since {@code and_} is the default. */
    public static final JsonInclude.Value OPERATOR_INCLUSION =
            JsonInclude.Value.construct(JsonInclude.Include.CUSTOM, null, AndIsDefault.class, null);

    /** The types read and written as a wire record: {@code out} is told whether to write released slots. */
    public static final List<Shape<?, ?>> SHAPES = List.of(
            new Shape<>(FlowRun.class, FlowRunShape.class, (r, slots) -> FlowRunShape.of(r), FlowRunShape::toFlowRun),
            new Shape<>(TaskRun.class, TaskRunShape.class, (t, slots) -> TaskRunShape.of(t), TaskRunShape::toTaskRun),
            new Shape<>(BulkDeleteResult.class, ResultShape.class, ResultShape::of, ResultShape::toResult));

    private Shapes() {
    }

    /** A type read and written as its wire record: {@code out} with or without released slots, {@code in}. */
    public record Shape<T, S>(Class<T> type, Class<S> wire, BiFunction<T, Boolean, S> out, Function<S, T> in) {
    }

    /**
     * {@code BulkDeleteRequest.filter} is Prefect's {@code "flow_runs"}; its limits are the record's own;
     * {@code "archive"} is Flowsweep's extension, written only when true.
     */
    abstract static class RequestNames {
        @JsonCreator
        static BulkDeleteRequest fromParts(@JsonProperty("flow_runs") FlowRunFilter filter,
                                           @JsonProperty("limit") Integer limit, @JsonProperty("actor") String actor,
                                           @JsonProperty("archive") Boolean archive) {
            return null;
        }

        @JsonProperty("flow_runs")
        abstract FlowRunFilter filter();

        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        abstract boolean archive();
    }

    abstract static class OperatorNames {
        @JsonValue
        abstract String wireName();
    }

    /** The model's types are written with every key, {@code null} included, as Prefect writes them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    abstract static class EveryKey {
    }

    /** The model's own limits, as constraints that the binding reports at the value's path. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    abstract static class CreatedByLimits {
        CreatedByLimits(UUID id, @Size(max = MAX_NAME_LENGTH) String type,
                        @Size(max = MAX_DISPLAY_VALUE_LENGTH) String displayValue) {
        }
    }

    /** The filter of {@link #OPERATOR_INCLUSION}: equal to the values left out. */
    static final class AndIsDefault {
        @Override
        public boolean equals(Object value) {
            return value == null || value == Operator.AND;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** A {@link FlowRun} with its state also nested, as Prefect writes it. */
    @JsonTypeName("FlowRun")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record FlowRunShape(@NotNull UUID id, @Size(max = MAX_NAME_LENGTH) String name, @NotNull UUID flowId,
                        StateType stateType, @Size(max = MAX_NAME_LENGTH) String stateName, StateJson state,
                        List<@Size(max = MAX_NAME_LENGTH) String> tags, UUID deploymentId,
                        @Size(max = MAX_NAME_LENGTH) String workQueueName, @Size(max = MAX_NAME_LENGTH) String flowVersion,
                        Instant startTime, Instant endTime, Instant expectedStartTime, Instant nextScheduledStartTime,
                        UUID parentTaskRunId, @Size(max = MAX_NAME_LENGTH) String idempotencyKey, CreatedBy createdBy,
                        @NotNull Instant created, @NotNull Instant updated) {

        static FlowRunShape of(FlowRun r) {
            return new FlowRunShape(r.id(), r.name(), r.flowId(), r.stateType(), r.stateName(),
                    StateJson.of(r.stateType(), r.stateName()), r.tags(), r.deploymentId(), r.workQueueName(),
                    r.flowVersion(), r.startTime(), r.endTime(), r.expectedStartTime(), r.nextScheduledStartTime(),
                    r.parentTaskRunId(), r.idempotencyKey(), r.createdBy(), r.created(), r.updated());
        }

        FlowRun toFlowRun() {
            StateJson s = StateJson.resolve(state, stateType, stateName, false);
            return new FlowRun(id, name, flowId, s == null ? null : s.type(), s == null ? null : s.name(), tags,
                    deploymentId, workQueueName, flowVersion, startTime, endTime, expectedStartTime,
                    nextScheduledStartTime, parentTaskRunId, idempotencyKey, createdBy, created, updated);
        }
    }

    /** A {@link TaskRun} with its state also nested. */
    @JsonTypeName("TaskRun")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TaskRunShape(@NotNull UUID id, @NotNull UUID flowRunId, @NotNull @Size(max = MAX_NAME_LENGTH) String taskKey,
                        @NotNull @Size(max = MAX_NAME_LENGTH) String dynamicKey, @Size(max = MAX_NAME_LENGTH) String name,
                        StateType stateType, @Size(max = MAX_NAME_LENGTH) String stateName, StateJson state) {

        static TaskRunShape of(TaskRun t) {
            return new TaskRunShape(t.id(), t.flowRunId(), t.taskKey(), t.dynamicKey(), t.name(), t.stateType(),
                    t.stateName(), StateJson.of(t.stateType(), t.stateName()));
        }

        TaskRun toTaskRun() {
            StateJson s = StateJson.resolve(state, stateType, stateName, false);
            return new TaskRun(id, flowRunId, taskKey, dynamicKey, name, s == null ? null : s.type(),
                    s == null ? null : s.name());
        }
    }

    /** A {@link BulkDeleteResult}: {@code "released_slots"} (in canonical id order) only when asked. */
    @JsonTypeName("BulkDeleteResult")
    record ResultShape(@NotNull List<UUID> deleted, Map<UUID, Integer> releasedSlots) {

        static ResultShape of(BulkDeleteResult r, boolean withSlots) {
            Map<UUID, Integer> slots = new TreeMap<>(Uuids.ORDER);
            slots.putAll(r.releasedSlots());
            return new ResultShape(r.deleted(), withSlots ? slots : null);
        }

        BulkDeleteResult toResult() {
            return new BulkDeleteResult(deleted, releasedSlots == null ? Map.of() : releasedSlots);
        }
    }
}
