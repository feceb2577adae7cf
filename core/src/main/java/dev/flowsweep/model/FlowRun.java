package dev.flowsweep.model;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A flow run, with Prefect's fields. Immutable; times are normalized to microseconds; {@code tags} is never
 * null. A run without a state has null {@code stateType} and {@code stateName}; a run without a name has a
 * null {@code name}.
 */
public record FlowRun(
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

    public FlowRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(flowId, "flowId");
        if (stateType == null && stateName != null) {
            throw new IllegalArgumentException("stateName given without a stateType");
        }
        Limits.name(name, "name");
        Limits.name(stateName, "state_name");
        Limits.name(workQueueName, "work_queue_name");
        Limits.name(flowVersion, "flow_version");
        Limits.name(idempotencyKey, "idempotency_key");
        if (tags == null) {
            tags = List.of();
        } else {
            for (String t : tags) {
                if (t == null) {
                    throw new IllegalArgumentException("tags must not contain null");
                }
                Limits.name(t, "tag");
            }
            tags = List.copyOf(tags);
        }
        startTime = Times.normalize(startTime);
        endTime = Times.normalize(endTime);
        expectedStartTime = Times.normalize(expectedStartTime);
        nextScheduledStartTime = Times.normalize(nextScheduledStartTime);
        created = Times.normalize(Objects.requireNonNull(created, "created"));
        updated = Times.normalize(Objects.requireNonNull(updated, "updated"));
    }

    /** The time {@code start_time} filters and sorts use: {@code coalesce(start_time, expected_start_time)}. */
    public Instant effectiveStartTime() {
        return startTime != null ? startTime : expectedStartTime;
    }

    /** A builder for a run of the given flow, with a random id and {@code created = updated = now}. */
    public static Builder builder(UUID flowId) {
        return new Builder().flowId(flowId);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.name = name;
        b.flowId = flowId;
        b.stateType = stateType;
        b.stateName = stateName;
        b.tags = new ArrayList<>(tags);
        b.deploymentId = deploymentId;
        b.workQueueName = workQueueName;
        b.flowVersion = flowVersion;
        b.startTime = startTime;
        b.endTime = endTime;
        b.expectedStartTime = expectedStartTime;
        b.nextScheduledStartTime = nextScheduledStartTime;
        b.parentTaskRunId = parentTaskRunId;
        b.idempotencyKey = idempotencyKey;
        b.createdBy = createdBy;
        b.created = created;
        b.updated = updated;
        return b;
    }

    /** Fluent builder; unset fields are null ({@code tags} empty, {@code id} random, timestamps now). */
    public static final class Builder {
        private UUID id;
        private String name;
        private UUID flowId;
        private StateType stateType;
        private String stateName;
        private List<String> tags = new ArrayList<>();
        private UUID deploymentId;
        private String workQueueName;
        private String flowVersion;
        private Instant startTime;
        private Instant endTime;
        private Instant expectedStartTime;
        private Instant nextScheduledStartTime;
        private UUID parentTaskRunId;
        private String idempotencyKey;
        private CreatedBy createdBy;
        private Instant created;
        private Instant updated;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder id(UUID id) { this.id = id; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder flowId(UUID flowId) { this.flowId = flowId; return this; }

        /** Sets the state type and Prefect's default name for it ({@code Running} for RUNNING). */
        public Builder state(StateType type) {
            this.stateType = type;
            this.stateName = type == null ? null : type.defaultName();
            return this;
        }

        public Builder state(StateType type, String name) {
            this.stateType = type;
            this.stateName = name;
            return this;
        }

        public Builder tags(String... tags) { this.tags = new ArrayList<>(List.of(tags)); return this; }
        public Builder tags(List<String> tags) { this.tags = tags == null ? new ArrayList<>() : new ArrayList<>(tags); return this; }
        public Builder deploymentId(UUID v) { this.deploymentId = v; return this; }
        public Builder workQueueName(String v) { this.workQueueName = v; return this; }
        public Builder flowVersion(String v) { this.flowVersion = v; return this; }
        public Builder startTime(Instant v) { this.startTime = v; return this; }
        public Builder endTime(Instant v) { this.endTime = v; return this; }
        public Builder expectedStartTime(Instant v) { this.expectedStartTime = v; return this; }
        public Builder nextScheduledStartTime(Instant v) { this.nextScheduledStartTime = v; return this; }
        public Builder parentTaskRunId(UUID v) { this.parentTaskRunId = v; return this; }
        public Builder idempotencyKey(String v) { this.idempotencyKey = v; return this; }
        public Builder createdBy(CreatedBy v) { this.createdBy = v; return this; }
        public Builder created(Instant v) { this.created = v; return this; }
        public Builder updated(Instant v) { this.updated = v; return this; }
        /** The clock used for defaulted {@code created}/{@code updated}. */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }

        public FlowRun build() {
            Instant now = Times.now(clock);
            return new FlowRun(id != null ? id : UUID.randomUUID(), name, flowId, stateType, stateName, tags,
                    deploymentId, workQueueName, flowVersion, startTime, endTime, expectedStartTime,
                    nextScheduledStartTime, parentTaskRunId, idempotencyKey, createdBy,
                    created != null ? created : now, updated != null ? updated : (created != null ? created : now));
        }
    }
}
