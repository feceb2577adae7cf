package dev.flowsweep.jdbc.internal.archive;

import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.spi.ArchiveBatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The archive on Prefect's tables: every column of {@code flow_run}, {@code flow_run_state}, {@code task_run},
 * {@code task_run_state} and {@code log} — whatever Prefect's revision adds — each database writing a row its way.
 * Prefect's tables are only read.
 */
abstract class PrefectArchiveSql extends ArchiveSql {
    PrefectArchiveSql(TableLayout layout) {
        super(layout);
    }

    @Override
    public List<Sql> archiveRuns(SqlRunner sql, ArchiveBatch batch, List<UUID> runIds, Instant at) {
        Sql runs = insertFrom(batch, at, "flow_run", idText("r"), document(sql, "flow_run", "r"))
                .append("flow_run r WHERE ").append(db.in("r.id", SqlType.UUID, runIds));
        Sql runStates = insertFrom(batch, at, "flow_run_state", idText("s"), document(sql, "flow_run_state", "s"))
                .append("flow_run_state s WHERE ").append(db.in("s.flow_run_id", SqlType.UUID, runIds));
        Sql tasks = insertFrom(batch, at, "task_run", idText("t"), document(sql, "task_run", "t"))
                .append("task_run t WHERE ").append(db.in("t.flow_run_id", SqlType.UUID, runIds));
        Sql taskStates = insertFrom(batch, at, "task_run_state", idText("ts"), document(sql, "task_run_state", "ts"))
                .append("task_run_state ts WHERE ts.task_run_id IN (SELECT t.id FROM task_run t WHERE ")
                .append(db.in("t.flow_run_id", SqlType.UUID, runIds)).append(")");
        return List.of(runs, runStates, tasks, taskStates);
    }

    @Override
    public Sql archiveLogs(SqlRunner sql, ArchiveBatch batch, List<UUID> runIds, Instant at) {
        return logsInsert(batch, runIds, at, idText("l"), document(sql, "log", "l"));
    }

    /** The text of the row's {@code id}. */
    abstract String idText(String alias);

    /** The JSON text of the row {@code alias} of {@code table}. */
    abstract String document(SqlRunner sql, String table, String alias);
}
