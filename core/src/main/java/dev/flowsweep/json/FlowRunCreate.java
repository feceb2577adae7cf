package dev.flowsweep.json;

import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.Times;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The body of {@code POST /flow_runs}: a {@link FlowRun} whose {@code id}, {@code created} and {@code updated}
 * may still be missing. On the wire the state is {@code "state": {"type", "name"?}} (as Prefect's client sends
 * it) or the flat {@code "state_type"} / {@code "state_name"} of Flowsweep's own output; when both are given
 * they must agree. A missing state name is Prefect's default for the type ({@link StateType#defaultName()}).
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
