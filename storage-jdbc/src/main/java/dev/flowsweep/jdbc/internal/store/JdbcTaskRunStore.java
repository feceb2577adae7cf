package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.spi.TaskRunStore;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Task runs; their rows go with their flow run's (foreign key with ON DELETE CASCADE). */
final class JdbcTaskRunStore implements TaskRunStore {
    private final SqlRunner sql;
    private final RowMapping<TaskRun> taskRuns;

    JdbcTaskRunStore(SqlRunner sql, TableLayout layout) {
        this.sql = sql;
        this.taskRuns = layout.taskRuns();
    }

    @Override
    public void insert(TaskRun t) {
        Objects.requireNonNull(t, "taskRun");
        String what = "insert task run " + t.id() + " of flow run " + t.flowRunId()
                + " (id taken or no such flow run)";
        sql.atomically(what, () -> Statements.run(sql, what, taskRuns.insert(t)));
    }

    @Override
    public Optional<TaskRun> findById(UUID id) {
        return sql.queryOne("find task run", Sql.of("SELECT " + taskRuns.columns() + " FROM " + taskRuns.table()
                + " WHERE id = ").uuid(id), taskRuns::read);
    }

    @Override
    public List<TaskRun> findByFlowRunIds(Collection<UUID> flowRunIds) {
        if (flowRunIds.isEmpty()) {
            return List.of();
        }
        return sql.query("find task runs", Sql.of("SELECT " + taskRuns.columns() + " FROM " + taskRuns.table()
                + " WHERE ").append(sql.db().in("flow_run_id", SqlType.UUID, new LinkedHashSet<>(flowRunIds))),
                taskRuns::read);
    }

    /** By key, the database's way ({@link dev.flowsweep.jdbc.internal.database.DatabaseEngine#deleteWhereIn}). */
    @Override
    public int deleteByFlowRunIds(Collection<UUID> flowRunIds) {
        if (flowRunIds.isEmpty()) {
            return 0;
        }
        return sql.update("delete task runs", sql.db().deleteWhereIn(taskRuns.table(), "flow_run_id",
                new LinkedHashSet<>(flowRunIds)));
    }
}
