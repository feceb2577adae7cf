package dev.flowsweep.jdbc.internal.layout.prefect;

import dev.flowsweep.jdbc.internal.database.Row;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Flow runs in Prefect's {@code flow_run} table. A run is read from its columns, the creator and tags through the
 * database's JSON functions ({@link PrefectDialect#jsonText}, and {@link PrefectDialect#tagRows} in a second query,
 * shaped like the rows of Flowsweep's own tag table). A run is written as a Prefect server writes one: every NOT NULL
 * column with Prefect's value ({@code parameters {}}, {@code context {}}, Prefect's {@code empirical_policy},
 * {@code run_count 0}, a zero {@code total_run_time}, {@code auto_scheduled false}, {@code job_variables {}}, the
 * system labels {@code prefect.flow.id} and {@code prefect.deployment.id}), a generated {@code adjective-animal} name
 * when it has none ({@link RunNames}), and, when it has a state, its {@code flow_run_state} row with
 * {@code state_id} pointing at it ({@link StateRows}; the state's time is the run's {@code created}). Nothing else:
 * times, tags and the creator are stored as given.
 */
final class PrefectRuns implements RowMapping<FlowRun> {
    /** Prefect's {@code FlowRunPolicy} as a new run has it. */
    static final String EMPIRICAL_POLICY = "{\"max_retries\": 0, \"retry_delay_seconds\": 0.0, \"retries\": null, "
            + "\"retry_delay\": null, \"pause_keys\": [], \"resuming\": false, \"retry_type\": null}";
    private static final String INSERT_COLUMNS = "id, created, updated, name, state_type, state_name, state_timestamp, "
            + "run_count, total_run_time, flow_version, parameters, idempotency_key, context, empirical_policy, tags, "
            + "auto_scheduled, flow_id, deployment_id, parent_task_run_id, work_queue_name, created_by, job_variables, "
            + "labels, expected_start_time, next_scheduled_start_time, start_time, end_time";
    private static final SqlType TIME = SqlType.TIMESTAMPTZ;

    private final PrefectDialect dialect;
    private final StateRows states;

    PrefectRuns(PrefectDialect dialect) {
        this.dialect = dialect;
        this.states = new StateRows(dialect);
    }

    @Override
    public String table() {
        return "flow_run";
    }

    @Override
    public String columns() {
        return columns(table());
    }

    /** The plain columns, and the creator's parts through the database's JSON functions. */
    @Override
    public String columns(String a) {
        String createdBy = a + ".created_by";
        return a + ".id, " + a + ".name, " + a + ".flow_id, " + a + ".state_type, " + a + ".state_name, "
                + a + ".deployment_id, " + a + ".work_queue_name, " + a + ".flow_version, " + a + ".start_time, "
                + a + ".end_time, " + a + ".expected_start_time, " + a + ".next_scheduled_start_time, "
                + a + ".parent_task_run_id, " + a + ".idempotency_key, "
                + "CASE WHEN " + dialect.jsonIsNull(createdBy) + " THEN 1 ELSE 0 END AS created_by_null, "
                + dialect.jsonText(createdBy, "id") + " AS created_by_id, "
                + dialect.jsonText(createdBy, "type") + " AS created_by_type, "
                + dialect.jsonText(createdBy, "display_value") + " AS created_by_display_value, "
                + a + ".created, " + a + ".updated";
    }

    /** The run without its tags, which {@link #complete} adds. */
    @Override
    public FlowRun read(Row row) throws SQLException {
        CreatedBy by = null;
        if (row.integer("created_by_null") == 0) {
            String id = row.string("created_by_id");
            by = new CreatedBy(id == null ? null : UUID.fromString(id), row.string("created_by_type"),
                    row.string("created_by_display_value"));
        }
        return new FlowRun(row.uuid("id"), row.string("name"), row.uuid("flow_id"), row.stateType("state_type"),
                row.string("state_name"), List.of(), row.uuid("deployment_id"), row.string("work_queue_name"),
                row.string("flow_version"), row.time("start_time", TIME), row.time("end_time", TIME),
                row.time("expected_start_time", TIME), row.time("next_scheduled_start_time", TIME),
                row.uuid("parent_task_run_id"), row.string("idempotency_key"), by, row.time("created", TIME),
                row.time("updated", TIME));
    }

    /** Loads the tags of these runs with one query ({@link PrefectDialect#tagRows}) and puts them in. */
    @Override
    public List<FlowRun> complete(SqlRunner sql, List<FlowRun> runs) {
        if (runs.isEmpty()) {
            return runs;
        }
        List<UUID> ids = new ArrayList<>(runs.size());
        for (FlowRun r : runs) {
            ids.add(r.id());
        }
        Map<UUID, List<String>> byRun = new HashMap<>();
        sql.query("find flow run tags", dialect.tagRows(table(), ids),
                row -> byRun.computeIfAbsent(row.uuid("flow_run_id"), k -> new ArrayList<>()).add(row.string("tag")));
        if (byRun.isEmpty()) {
            return runs;
        }
        List<FlowRun> result = new ArrayList<>(runs.size());
        for (FlowRun r : runs) {
            List<String> t = byRun.get(r.id());
            result.add(t == null ? r : r.toBuilder().tags(t).build());
        }
        return result;
    }

    /** The run's row; with a state, its state row and the update of {@code state_id}. */
    @Override
    public List<Sql> insert(FlowRun run) {
        StateType state = run.stateType();
        Instant stateTime = run.created();
        Sql row = Sql.of("INSERT INTO flow_run (" + INSERT_COLUMNS + ") VALUES (").uuid(run.id()).append(", ")
                .bind(TIME, run.created()).append(", ").bind(TIME, run.updated()).append(", ")
                .text(run.name() != null ? run.name() : RunNames.of(run.id())).append(", ");
        dialect.stateType(row, state == null ? null : state.name()).append(", ").text(run.stateName()).append(", ")
                .bind(TIME, state == null ? null : stateTime).append(", 0, " + dialect.zeroRunTime() + ", ")
                .text(run.flowVersion()).append(", ");
        dialect.json(row, "{}").append(", ").text(run.idempotencyKey()).append(", ");
        dialect.json(row, "{}").append(", ");
        dialect.json(row, EMPIRICAL_POLICY).append(", ");
        dialect.json(row, PrefectJson.list(run.tags())).append(", ").bool(false).append(", ").uuid(run.flowId())
                .append(", ").uuid(run.deploymentId()).append(", ").uuid(run.parentTaskRunId()).append(", ")
                .text(run.workQueueName()).append(", ");
        if (run.createdBy() == null) {
            row.append("NULL");
        } else {
            dialect.json(row, createdBy(run.createdBy()));
        }
        row.append(", ");
        dialect.json(row, "{}").append(", ");
        dialect.json(row, labels(run)).append(", ").bind(TIME, run.expectedStartTime()).append(", ")
                .bind(TIME, run.nextScheduledStartTime()).append(", ").bind(TIME, run.startTime()).append(", ")
                .bind(TIME, run.endTime()).append(")");
        if (state == null) {
            return List.of(row);
        }
        List<Sql> statements = new ArrayList<>(3);
        statements.add(row);
        statements.addAll(states.insert("flow_run_state", "flow_run_id", table(), run.id(), state, run.stateName(),
                stateTime, run.id(), null, state == StateType.SCHEDULED ? run.nextScheduledStartTime() : null));
        return statements;
    }

    /** {@code {"id": …, "type": …, "display_value": …}}, nulls kept, as Prefect's {@code CreatedBy} is stored. */
    static String createdBy(CreatedBy by) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", by.id() == null ? null : by.id().toString());
        m.put("type", by.type());
        m.put("display_value", by.displayValue());
        return PrefectJson.object(m);
    }

    /** The system labels a Prefect server gives a run: its flow's id, and its deployment's when it has one. */
    static String labels(FlowRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefect.flow.id", run.flowId().toString());
        if (run.deploymentId() != null) {
            m.put("prefect.deployment.id", run.deploymentId().toString());
        }
        return PrefectJson.object(m);
    }
}
