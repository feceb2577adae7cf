package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.PurgeSql;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Column;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.Log;
import dev.flowsweep.spi.LogStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Logs. Inserted in multi-row statements; purged with bounded deletes ({@link PurgeSql#deleteLogs}), never one
 * statement per log.
 */
final class JdbcLogStore implements LogStore {
    private final SqlRunner sql;
    private final DatabaseEngine db;
    private final RowMapping<Log> logs;
    private final Column timestamp;
    private final String runTable;
    private final PurgeSql purge;

    JdbcLogStore(SqlRunner sql, TableLayout layout) {
        this.sql = sql;
        this.db = sql.db();
        this.logs = layout.logs();
        this.timestamp = layout.logTimestamp();
        this.runTable = layout.flowRuns().table();
        this.purge = PurgeSql.of(db);
    }

    /** All or nothing (a savepoint around the statements). */
    @Override
    public void insert(Collection<Log> logs) {
        if (logs.isEmpty()) {
            return;
        }
        List<Log> all = new ArrayList<>(logs);
        for (Log l : all) {
            Objects.requireNonNull(l, "log");
        }
        String what = "insert " + all.size() + " log(s) (an id is taken)";
        sql.atomically(what, () -> Statements.run(sql, what, this.logs.insertAll(all)));
    }

    @Override
    public List<Log> find(Collection<UUID> flowRunIds, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0, were " + limit + ", " + offset);
        }
        if (limit == 0 || (flowRunIds != null && flowRunIds.isEmpty())) {
            return List.of();
        }
        Sql s = Sql.of("SELECT " + logs.columns() + " FROM " + logs.table());
        if (flowRunIds != null) {
            s.append(" WHERE ").append(db.in("flow_run_id", SqlType.UUID, new LinkedHashSet<>(flowRunIds)));
        }
        s.append(" ORDER BY " + timestamp.expr() + ", id");
        return sql.query("find logs", db.limit(s, limit, offset), logs::read);
    }

    @Override
    public long count(Collection<UUID> flowRunIds) {
        if (flowRunIds != null && flowRunIds.isEmpty()) {
            return 0;
        }
        Sql s = Sql.of("SELECT COUNT(*) FROM " + logs.table());
        if (flowRunIds != null) {
            s.append(" WHERE ").append(db.in("flow_run_id", SqlType.UUID, new LinkedHashSet<>(flowRunIds)));
        }
        return sql.query("count logs", s, row -> row.bigint(1)).get(0);
    }

    /**
     * Bounded deletes, as the database's {@link PurgeSql#deleteLogs} writes them: per list of runs (all runs at once
     * where lists are arrays) one statement deleting at most the rows still allowed; on PostgreSQL one plain delete
     * when an index-only count finds at most {@code maxRows}.
     */
    @Override
    public int deleteByFlowRunIds(Collection<UUID> flowRunIds, int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be > 0, was " + maxRows);
        }
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(flowRunIds));
        if (ids.isEmpty()) {
            return 0;
        }
        return purge.deleteLogs(sql, logs.table(), ids, maxRows);
    }

    /**
     * Two statements: {@code SELECT id … WHERE flow_run_id IS NOT NULL AND NOT EXISTS (the run) LIMIT ?} (an
     * anti-join on the log's run index), then a {@code DELETE} of those ids that checks again that the run does not
     * exist, so that a log whose run was inserted in between is kept. Two statements because MariaDB refuses
     * {@code LIMIT} inside an {@code IN} subquery and a {@code DELETE} that reads its own table.
     */
    @Override
    public int deleteOrphans(Instant loggedBefore, int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be > 0, was " + maxRows);
        }
        String noRun = "NOT EXISTS (SELECT 1 FROM " + runTable + " r WHERE r.id = ";
        Sql select = Sql.of("SELECT l.id FROM " + logs.table() + " l WHERE l.flow_run_id IS NOT NULL");
        if (loggedBefore != null) {
            select.append(" AND l." + timestamp.expr() + " < ").bind(timestamp.type(), loggedBefore);
        }
        select.append(" AND " + noRun + "l.flow_run_id)");
        List<UUID> ids = sql.query("find orphaned logs", db.limit(select, maxRows, 0), row -> row.uuid("id"));
        int deleted = 0;
        for (List<UUID> chunk : db.listsPerStatement(ids)) {
            deleted += sql.update("delete orphaned logs", Sql.of("DELETE FROM " + logs.table() + " WHERE ")
                    .append(db.in("id", SqlType.UUID, chunk))
                    .append(" AND " + noRun + logs.table() + ".flow_run_id)"));
        }
        return deleted;
    }
}
