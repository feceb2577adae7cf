package dev.flowsweep.jdbc.internal.layout.prefect;

import dev.flowsweep.jdbc.internal.database.Row;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Task runs in Prefect's {@code task_run} table, written as a Prefect server writes them: a generated name when they
 * have none ({@link RunNames}), Prefect's {@code empirical_policy}, {@code task_inputs {}}, {@code tags []}, the label
 * {@code prefect.flow-run.id}, {@code created} and {@code updated} now, and, with a state, the {@code task_run_state}
 * row and {@code state_id} ({@link StateRows}).
 */
final class PrefectTaskRuns implements RowMapping<TaskRun> {
    /** Prefect's {@code TaskRunPolicy} as a new task run has it. */
    static final String EMPIRICAL_POLICY = "{\"max_retries\": 0, \"retry_delay_seconds\": 0.0, \"retries\": null, "
            + "\"retry_delay\": null, \"retry_jitter_factor\": null}";
    private static final SqlType TIME = SqlType.TIMESTAMPTZ;

    private final PrefectDialect dialect;
    private final StateRows states;
    private final Clock clock;

    PrefectTaskRuns(PrefectDialect dialect, Clock clock) {
        this.dialect = dialect;
        this.states = new StateRows(dialect);
        this.clock = clock;
    }

    @Override
    public String table() {
        return "task_run";
    }

    @Override
    public String columns() {
        return "id, flow_run_id, task_key, dynamic_key, name, state_type, state_name";
    }

    @Override
    public TaskRun read(Row row) throws SQLException {
        return new TaskRun(row.uuid("id"), row.uuid("flow_run_id"), row.string("task_key"), row.string("dynamic_key"),
                row.string("name"), row.stateType("state_type"), row.string("state_name"));
    }

    @Override
    public List<Sql> insert(TaskRun t) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        StateType state = t.stateType();
        Sql row = Sql.of("INSERT INTO task_run (id, created, updated, name, state_type, state_name, state_timestamp, "
                + "run_count, total_run_time, task_key, dynamic_key, empirical_policy, task_inputs, tags, flow_run_id, "
                + "flow_run_run_count, labels) VALUES (").uuid(t.id()).append(", ").bind(TIME, now).append(", ")
                .bind(TIME, now).append(", ").text(t.name() != null ? t.name() : RunNames.of(t.id())).append(", ");
        dialect.stateType(row, state == null ? null : state.name()).append(", ").text(t.stateName()).append(", ")
                .bind(TIME, state == null ? null : now).append(", 0, " + dialect.zeroRunTime() + ", ")
                .text(t.taskKey()).append(", ").text(t.dynamicKey()).append(", ");
        dialect.json(row, EMPIRICAL_POLICY).append(", ");
        dialect.json(row, "{}").append(", ");
        dialect.json(row, "[]").append(", ").uuid(t.flowRunId()).append(", 0, ");
        dialect.json(row, PrefectJson.object(Map.of("prefect.flow-run.id", t.flowRunId().toString()))).append(")");
        if (state == null) {
            return List.of(row);
        }
        List<Sql> statements = new ArrayList<>(3);
        statements.add(row);
        statements.addAll(states.insert("task_run_state", "task_run_id", table(), t.id(), state, t.stateName(), now,
                t.flowRunId(), t.id(), null));
        return statements;
    }
}
