package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.sql.Sql;
import dev.flowsweep.jdbc.sql.SqlType;
import dev.flowsweep.jdbc.sql.Tables;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.spi.TaskRunStore;

import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Task runs; their rows go with their flow run's (foreign key with ON DELETE CASCADE). */
final class JdbcTaskRunStore implements TaskRunStore {
    private static final String COLUMNS = "id, flow_run_id, task_key, dynamic_key, name, state_type, state_name";

    private final SqlRunner sql;
    private final Tables tables;

    JdbcTaskRunStore(SqlRunner sql, Tables tables) {
        this.sql = sql;
        this.tables = tables;
    }

    @Override
    public void insert(TaskRun t) {
        Objects.requireNonNull(t, "taskRun");
        String what = "insert task run " + t.id() + " of flow run " + t.flowRunId()
                + " (id taken or no such flow run)";
        StateType state = t.stateType();
        sql.atomically(what, () -> sql.update(what, Sql.of("INSERT INTO " + tables.taskRun() + " (" + COLUMNS
                        + ") VALUES (").uuid(t.id()).append(", ").uuid(t.flowRunId()).append(", ").text(t.taskKey())
                .append(", ").text(t.dynamicKey()).append(", ").text(t.name()).append(", ")
                .text(state == null ? null : state.name()).append(", ").text(t.stateName()).append(")")));
    }

    @Override
    public Optional<TaskRun> findById(UUID id) {
        return sql.queryOne("find task run", Sql.of("SELECT " + COLUMNS + " FROM " + tables.taskRun()
                + " WHERE id = ").uuid(id), JdbcTaskRunStore::map);
    }

    @Override
    public List<TaskRun> findByFlowRunIds(Collection<UUID> flowRunIds) {
        if (flowRunIds.isEmpty()) {
            return List.of();
        }
        return sql.query("find task runs", Sql.of("SELECT " + COLUMNS + " FROM " + tables.taskRun() + " WHERE ")
                .append(sql.dialect().in("flow_run_id", SqlType.UUID, new LinkedHashSet<>(flowRunIds))),
                JdbcTaskRunStore::map);
    }

    @Override
    public int deleteByFlowRunIds(Collection<UUID> flowRunIds) {
        if (flowRunIds.isEmpty()) {
            return 0;
        }
        return sql.update("delete task runs", sql.dialect().deleteWhereIn(tables.taskRun(), "flow_run_id",
                new LinkedHashSet<>(flowRunIds)));
    }

    private static TaskRun map(Row row) throws SQLException {
        return new TaskRun(row.uuid("id"), row.uuid("flow_run_id"), row.string("task_key"),
                row.string("dynamic_key"), row.string("name"), row.stateType("state_type"), row.string("state_name"));
    }
}
