package dev.flowsweep.examples.server.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flowsweep.json.StateJson;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.Times;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static dev.flowsweep.model.Limits.MAX_NAME_LENGTH;

/**
 * The body of {@code POST /flow_runs}: a {@link FlowRun} whose {@code id}, {@code created} and {@code updated}
 * may still be missing. On the wire the state is {@code "state": {"type", "name"?}} (as Prefect's client sends
 * it) or the flat {@code "state_type"} / {@code "state_name"} of Flowsweep's output; when both are given
 * they must agree. A missing state name is Prefect's default for the type ({@link StateType#defaultName()}).
 * Stored strings are at most {@code Limits.MAX_NAME_LENGTH} characters ({@code string_too_long}), as the columns.
 *
 * @param id        null: {@link #toFlowRun} generates one
 * @param flowId    required
 * @param stateType null when the run has no state
 * @param stateName null only when {@code stateType} is
 * @param tags      never null (an absent or null list is empty)
 * @param created   null: the time of {@link #toFlowRun}
 * @param updated   null: {@code created}
 */
public record FlowRunCreate(
        UUID id,
        String name,
        UUID flowId,
        StateType stateType,
        String stateName,
        List<String> tags,
        UUID deploymentId,
        String workQueueName,
        String flowVersion,
        Instant startTime,
        Instant endTime,
        Instant expectedStartTime,
        Instant nextScheduledStartTime,
        UUID parentTaskRunId,
        String idempotencyKey,
        CreatedBy createdBy,
        Instant created,
        Instant updated) {

    public FlowRunCreate {
        Objects.requireNonNull(flowId, "flow_id is required");
        if (stateType == null && stateName != null) {
            throw new IllegalArgumentException("state_name given without a state type");
        }
        if (stateType != null && stateName == null) {
            stateName = stateType.defaultName();
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        startTime = Times.normalize(startTime);
        endTime = Times.normalize(endTime);
        expectedStartTime = Times.normalize(expectedStartTime);
        nextScheduledStartTime = Times.normalize(nextScheduledStartTime);
        created = Times.normalize(created);
        updated = Times.normalize(updated);
    }

    @JsonCreator
    static FlowRunCreate of(@JsonProperty("id") UUID id, @JsonProperty("name") @Size(max = MAX_NAME_LENGTH) String name,
                            @JsonProperty("flow_id") @NotNull UUID flowId,
                            @JsonProperty("state_type") StateType stateType,
                            @JsonProperty("state_name") @Size(max = MAX_NAME_LENGTH) String stateName,
                            @JsonProperty("state") StateJson state,
                            @JsonProperty("tags") List<@Size(max = MAX_NAME_LENGTH) String> tags,
                            @JsonProperty("deployment_id") UUID deploymentId,
                            @JsonProperty("work_queue_name") @Size(max = MAX_NAME_LENGTH) String workQueueName,
                            @JsonProperty("flow_version") @Size(max = MAX_NAME_LENGTH) String flowVersion,
                            @JsonProperty("start_time") Instant startTime, @JsonProperty("end_time") Instant endTime,
                            @JsonProperty("expected_start_time") Instant expectedStartTime,
                            @JsonProperty("next_scheduled_start_time") Instant nextScheduledStartTime,
                            @JsonProperty("parent_task_run_id") UUID parentTaskRunId,
                            @JsonProperty("idempotency_key") @Size(max = MAX_NAME_LENGTH) String idempotencyKey,
                            @JsonProperty("created_by") CreatedBy createdBy, @JsonProperty("created") Instant created,
                            @JsonProperty("updated") Instant updated) {
        StateJson s = StateJson.resolve(state, stateType, stateName, true);
        return new FlowRunCreate(id, name, flowId, s == null ? null : s.type(), s == null ? null : s.name(), tags,
                deploymentId, workQueueName, flowVersion, startTime, endTime, expectedStartTime, nextScheduledStartTime,
                parentTaskRunId, idempotencyKey, createdBy, created, updated);
    }

    /** The run, with a random id when none was given and the current UTC time for missing timestamps. */
    public FlowRun toFlowRun() {
        return toFlowRun(Clock.systemUTC());
    }

    /** The run, with a random id when none was given and {@code clock}'s time for missing timestamps. */
    public FlowRun toFlowRun(Clock clock) {
        return FlowRun.builder(flowId)
                .id(id)
                .name(name)
                .state(stateType, stateName)
                .tags(tags)
                .deploymentId(deploymentId)
                .workQueueName(workQueueName)
                .flowVersion(flowVersion)
                .startTime(startTime)
                .endTime(endTime)
                .expectedStartTime(expectedStartTime)
                .nextScheduledStartTime(nextScheduledStartTime)
                .parentTaskRunId(parentTaskRunId)
                .idempotencyKey(idempotencyKey)
                .createdBy(createdBy)
                .created(created)
                .updated(updated)
                .clock(clock)
                .build();
    }
}
