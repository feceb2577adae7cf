package dev.flowsweep.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.service.BulkDeleteResult;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static dev.flowsweep.model.Limits.MAX_DISPLAY_VALUE_LENGTH;
import static dev.flowsweep.model.Limits.MAX_NAME_LENGTH;

/**
 * Where the JSON of a type differs from its Java components, with jackson-annotations and Jakarta constraints only
 * (no databind), so that a Jackson 3 binding can use the same: mix-ins for names and constraints, and the wire records
 * of the types whose shape differs (a run's nested {@code "state"}, the optional {@code "released_slots"}).
 * Every other record is bound as it is, with the names of {@link Wire#jsonName}.
 */
final class Shapes {
    /** Mix-ins: each target type with the class whose annotations it takes. */
    static final Map<Class<?>, Class<?>> MIX_INS = Map.of(
            dev.flowsweep.service.BulkDeleteRequest.class, BulkDeleteRequestNames.class,
            dev.flowsweep.filter.Operator.class, OperatorNames.class, CreatedBy.class, CreatedByLimits.class,
            Log.class, EveryKey.class, Flow.class, EveryKey.class, Deployment.class, EveryKey.class,
            ConcurrencyLimit.class, EveryKey.class);

    private Shapes() {
    }

    /** {@code BulkDeleteRequest.filter} is Prefect's {@code "flow_runs"}; its other limits are its own annotations. */
    abstract static class BulkDeleteRequestNames {
        BulkDeleteRequestNames(@JsonProperty("flow_runs") FlowRunFilter filter, Integer limit, String actor) {
        }
    }

    abstract static class OperatorNames {
        @JsonValue
        abstract String wireName();
    }

    /**
     * The model's types are written with every key, {@code null} included, as Prefect writes them; filters and
     * bodies without nulls.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    abstract static class EveryKey {
    }

    /** The model's own limits ({@code Limits}), as constraints that the binding reports at the value's path. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    abstract static class CreatedByLimits {
        CreatedByLimits(UUID id, @Size(max = MAX_NAME_LENGTH) String type,
                        @Size(max = MAX_DISPLAY_VALUE_LENGTH) String displayValue) {
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
