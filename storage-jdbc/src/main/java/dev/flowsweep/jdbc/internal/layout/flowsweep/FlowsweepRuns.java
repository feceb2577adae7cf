package dev.flowsweep.jdbc.internal.layout.flowsweep;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.Row;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.jdbc.internal.sql.TagIndex;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Flow runs in Flowsweep's tables: one {@code flow_run} row, with {@code name_lower} ({@code lower(name)} with
 * {@code Locale.ROOT}) and {@code effective_start_time} ({@code coalesce(start_time, expected_start_time)}) written by
 * Java and the creator split into {@code created_by_*} columns ({@code created_by_set} tells a null creator from one
 * whose parts are null), plus one {@code flow_run_tag} row per tag, in order.
 */
final class FlowsweepRuns implements RowMapping<FlowRun> {
    private static final String COLUMNS = "id, name, name_lower, flow_id, state_type, state_name, deployment_id, "
            + "work_queue_name, flow_version, start_time, end_time, expected_start_time, next_scheduled_start_time, "
            + "effective_start_time, parent_task_run_id, idempotency_key, created_by_set, created_by_id, "
            + "created_by_type, created_by_display_value, created, updated";

    private final DatabaseEngine db;
    private final String table;
    private final TagIndex tags;

    FlowsweepRuns(DatabaseEngine db, String table, TagIndex tags) {
        this.db = db;
        this.table = table;
        this.tags = tags;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public String columns() {
        return COLUMNS;
    }

    /** The run without its tags, which {@link #complete} adds. */
    @Override
    public FlowRun read(Row row) throws SQLException {
        CreatedBy by = row.bool("created_by_set")
                ? new CreatedBy(row.uuid("created_by_id"), row.string("created_by_type"),
                row.string("created_by_display_value"))
                : null;
        return new FlowRun(row.uuid("id"), row.string("name"), row.uuid("flow_id"), row.stateType("state_type"),
                row.string("state_name"), List.of(), row.uuid("deployment_id"), row.string("work_queue_name"),
                row.string("flow_version"), row.time("start_time"), row.time("end_time"),
                row.time("expected_start_time"), row.time("next_scheduled_start_time"),
                row.uuid("parent_task_run_id"), row.string("idempotency_key"), by, row.time("created"),
                row.time("updated"));
    }

    /** Loads the tags of these runs with one query and puts them in. */
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
        sql.query("find flow run tags", Sql.of("SELECT flow_run_id, tag FROM " + tags.table() + " WHERE ")
                        .append(db.in("flow_run_id", SqlType.UUID, ids)).append(" ORDER BY flow_run_id, tag_order"),
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

    /** The run's row, then its tags' rows in one statement when it has any. */
    @Override
    public List<Sql> insert(FlowRun run) {
        return run.tags().isEmpty() ? List.of(row(run)) : List.of(row(run), tags(run));
    }

    private Sql row(FlowRun run) {
        CreatedBy by = run.createdBy();
        StateType state = run.stateType();
        return Sql.of("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (")
                .uuid(run.id()).append(", ")
                .text(run.name()).append(", ")
                .text(run.name() == null ? null : run.name().toLowerCase(Locale.ROOT)).append(", ")
                .uuid(run.flowId()).append(", ")
                .text(state == null ? null : state.name()).append(", ")
                .text(run.stateName()).append(", ")
                .uuid(run.deploymentId()).append(", ")
                .text(run.workQueueName()).append(", ")
                .text(run.flowVersion()).append(", ")
                .time(run.startTime()).append(", ")
                .time(run.endTime()).append(", ")
                .time(run.expectedStartTime()).append(", ")
                .time(run.nextScheduledStartTime()).append(", ")
                .time(run.effectiveStartTime()).append(", ")
                .uuid(run.parentTaskRunId()).append(", ")
                .text(run.idempotencyKey()).append(", ")
                .bool(by != null).append(", ")
                .uuid(by == null ? null : by.id()).append(", ")
                .text(by == null ? null : by.type()).append(", ")
                .text(by == null ? null : by.displayValue()).append(", ")
                .time(run.created()).append(", ")
                .time(run.updated()).append(")");
    }

    private Sql tags(FlowRun run) {
        Sql s = Sql.of("INSERT INTO " + tags.table() + " (flow_run_id, tag_order, tag) VALUES ");
        List<String> list = run.tags();
        for (int i = 0; i < list.size(); i++) {
            s.append(i == 0 ? "(" : ", (").uuid(run.id()).append(", ").integer(i).append(", ").text(list.get(i))
                    .append(")");
        }
        return s;
    }
}
