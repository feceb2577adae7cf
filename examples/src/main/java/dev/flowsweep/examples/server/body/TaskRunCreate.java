package dev.flowsweep.examples.server.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flowsweep.json.StateJson;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Objects;
import java.util.UUID;

import static dev.flowsweep.model.Limits.MAX_NAME_LENGTH;

/**
 * The body of {@code POST /task_runs}: {@code {"flow_run_id", "task_key", "dynamic_key", "name"?, "state"?}},
 * plus an optional {@code id} and the flat {@code state_type} / {@code state_name} of Flowsweep's output
 * (which must agree with {@code state} when both are given).
 *
 * @param id        null: {@link #toTaskRun()} generates one
 * @param stateName null only when {@code stateType} is; defaults to the type's {@link StateType#defaultName()}
 */
public record TaskRunCreate(UUID id, UUID flowRunId, String taskKey, String dynamicKey, String name,
                            StateType stateType, String stateName) {

    public TaskRunCreate {
        Objects.requireNonNull(flowRunId, "flow_run_id is required");
        Objects.requireNonNull(taskKey, "task_key is required");
        Objects.requireNonNull(dynamicKey, "dynamic_key is required");
        if (stateType == null && stateName != null) {
            throw new IllegalArgumentException("state_name given without a state type");
        }
        if (stateType != null && stateName == null) {
            stateName = stateType.defaultName();
        }
    }

    @JsonCreator
    static TaskRunCreate of(@JsonProperty("id") UUID id, @JsonProperty("flow_run_id") @NotNull UUID flowRunId,
                            @JsonProperty("task_key") @NotNull @Size(max = MAX_NAME_LENGTH) String taskKey,
                            @JsonProperty("dynamic_key") @NotNull @Size(max = MAX_NAME_LENGTH) String dynamicKey,
                            @JsonProperty("name") @Size(max = MAX_NAME_LENGTH) String name,
                            @JsonProperty("state_type") StateType stateType,
                            @JsonProperty("state_name") @Size(max = MAX_NAME_LENGTH) String stateName,
                            @JsonProperty("state") StateJson state) {
        StateJson s = StateJson.resolve(state, stateType, stateName, true);
        return new TaskRunCreate(id, flowRunId, taskKey, dynamicKey, name, s == null ? null : s.type(),
                s == null ? null : s.name());
    }

    /** The task run, with a random id when none was given. */
    public TaskRun toTaskRun() {
        return new TaskRun(id != null ? id : UUID.randomUUID(), flowRunId, taskKey, dynamicKey, name, stateType, stateName);
    }
}
