package dev.flowsweep.jdbc.internal.layout.prefect;

import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.StateType;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The state row a Prefect server writes with a run or task run that has a state ({@code flow_run_state},
 * {@code task_run_state}), and the {@code UPDATE} that points the run's {@code state_id} at it: Prefect's own slot
 * release and its orchestration read the run's state through {@code state_id}, its filters the denormalised
 * {@code state_type} and {@code state_name} columns, so both are written and agree. The row's id is a UUIDv7, its
 * {@code state_details} all 18 keys of Prefect's {@code StateDetails} in Prefect's order, its name the run's state
 * name or, where the run has none (the model allows it, Prefect's column does not), the state type's default name
 * ({@code Running}).
 */
final class StateRows {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final PrefectDialect dialect;

    StateRows(PrefectDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The state row of {@code runId} in {@code stateTable} (whose run column is {@code runColumn}), then the update of
     * the run's {@code state_id} in {@code runTable}.
     *
     * @param flowRunId the flow run the state belongs to (the run itself, or a task run's flow run)
     * @param taskRunId the task run, for a task run's state; null for a flow run's
     */
    List<Sql> insert(String stateTable, String runColumn, String runTable, UUID runId, StateType type, String name,
                     Instant timestamp, UUID flowRunId, UUID taskRunId, Instant scheduledTime) {
        UUID stateId = uuid7(timestamp);
        Sql state = Sql.of("INSERT INTO " + stateTable + " (id, created, updated, type, \"timestamp\", name, message, "
                + "state_details, data, " + runColumn + ", result_artifact_id) VALUES (").uuid(stateId).append(", ")
                .bind(SqlType.TIMESTAMPTZ, timestamp).append(", ").bind(SqlType.TIMESTAMPTZ, timestamp).append(", ");
        dialect.stateType(state, type.name()).append(", ").bind(SqlType.TIMESTAMPTZ, timestamp).append(", ")
                .text(name != null ? name : type.defaultName()).append(", NULL, ");
        dialect.json(state, details(flowRunId, taskRunId, scheduledTime)).append(", NULL, ").uuid(runId)
                .append(", NULL)");
        Sql pointer = Sql.of("UPDATE " + runTable + " SET state_id = ").uuid(stateId).append(" WHERE id = ")
                .uuid(runId);
        return List.of(state, pointer);
    }

    /** Prefect's {@code StateDetails}, every key, in its order. */
    static String details(UUID flowRunId, UUID taskRunId, Instant scheduledTime) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("flow_run_id", flowRunId == null ? null : flowRunId.toString());
        d.put("task_run_id", taskRunId == null ? null : taskRunId.toString());
        d.put("child_flow_run_id", null);
        d.put("scheduled_time", scheduledTime == null ? null : isoTime(scheduledTime));
        d.put("cache_key", null);
        d.put("cache_expiration", null);
        d.put("deferred", false);
        d.put("untrackable_result", false);
        d.put("pause_timeout", null);
        d.put("pause_reschedule", false);
        d.put("pause_key", null);
        d.put("run_input_keyset", null);
        d.put("refresh_cache", null);
        d.put("retriable", null);
        d.put("transition_id", null);
        d.put("task_parameters_id", null);
        d.put("traceparent", null);
        d.put("deployment_concurrency_lease_id", null);
        return PrefectJson.object(d);
    }

    /** A time inside JSON as Pydantic writes a UTC datetime: {@code 2026-06-01T10:00:00Z}, microseconds if any. */
    static String isoTime(Instant t) {
        return (t.getNano() == 0 ? ISO_SECONDS : ISO_MICROS).format(t);
    }

    /** A version 7 UUID: the milliseconds of {@code at}, then random bits, as Prefect's states' ids are. */
    static UUID uuid7(Instant at) {
        long millis = Math.max(0, at.toEpochMilli()) & 0xFFFF_FFFF_FFFFL;
        long msb = millis << 16 | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long lsb = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
