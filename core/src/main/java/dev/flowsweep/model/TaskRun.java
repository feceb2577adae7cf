package dev.flowsweep.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A task run of a flow run. Deleting the flow run deletes its task runs; a subflow run whose
 * {@code parent_task_run_id} named one of them lives on with that field set to null.
 *
 * @param name      nullable
 * @param stateType nullable
 * @param stateName nullable; must be null when {@code stateType} is
 */
public record TaskRun(UUID id, UUID flowRunId, String taskKey, String dynamicKey, String name,
                      StateType stateType, String stateName) {
    public TaskRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(flowRunId, "flowRunId");
        Limits.name(Objects.requireNonNull(taskKey, "taskKey"), "task_key");
        Limits.name(Objects.requireNonNull(dynamicKey, "dynamicKey"), "dynamic_key");
        Limits.name(name, "name");
        Limits.name(stateName, "state_name");
        if (stateType == null && stateName != null) {
            throw new IllegalArgumentException("stateName given without a stateType");
        }
    }
}
