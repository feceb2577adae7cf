package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.sql.Sql;
import dev.flowsweep.jdbc.sql.SqlType;
import dev.flowsweep.jdbc.sql.Tables;
import dev.flowsweep.model.Log;
import dev.flowsweep.spi.LogStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Logs. Inserted in multi-row statements; purged with bounded deletes, one statement per chunk of runs
 * ({@link dev.flowsweep.jdbc.dialect.Dialect#deleteAtMost}), never one per log.
 */
final class JdbcLogStore implements LogStore {
    private static final String COLUMNS = "id, name, log_level, message, log_timestamp, flow_run_id, task_run_id";
    /** Rows per INSERT: 7 parameters each stays far below every driver's parameter limit. */
    static final int INSERT_CHUNK = 500;
    /** Runs per purge DELETE on dialects that bind lists as {@code IN (?, …)}. */
    static final int DELETE_RUN_CHUNK = 1000;

    private final SqlRunner sql;
    private final Tables tables;

    JdbcLogStore(SqlRunner sql, Tables tables) {
        this.sql = sql;
        this.tables = tables;
    }

    /** All or nothing (a savepoint around the chunks). */
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
        sql.atomically(what, () -> {
            for (int from = 0; from < all.size(); from += INSERT_CHUNK) {
                List<Log> chunk = all.subList(from, Math.min(all.size(), from + INSERT_CHUNK));
                Sql s = Sql.of("INSERT INTO " + tables.log() + " (" + COLUMNS + ") VALUES ");
                for (int i = 0; i < chunk.size(); i++) {
                    Log l = chunk.get(i);
                    s.append(i == 0 ? "(" : ", (").uuid(l.id()).append(", ").text(l.name()).append(", ")
                            .integer(l.level()).append(", ").text(l.message()).append(", ").time(l.timestamp())
                            .append(", ").uuid(l.flowRunId()).append(", ").uuid(l.taskRunId()).append(")");
                }
                sql.update(what, s);
            }
        });
    }

    @Override
    public List<Log> find(Collection<UUID> flowRunIds, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0, were " + limit + ", " + offset);
        }
        if (limit == 0 || (flowRunIds != null && flowRunIds.isEmpty())) {
            return List.of();
        }
        Sql s = Sql.of("SELECT " + COLUMNS + " FROM " + tables.log());
        if (flowRunIds != null) {
            s.append(" WHERE ").append(sql.dialect().in("flow_run_id", SqlType.UUID, new LinkedHashSet<>(flowRunIds)));
        }
        s.append(" ORDER BY log_timestamp, id");
        return sql.query("find logs", sql.dialect().limit(s, limit, offset), row -> new Log(row.uuid("id"),
                row.string("name"), row.integer("log_level"), row.string("message"), row.time("log_timestamp"),
                row.uuid("flow_run_id"), row.uuid("task_run_id")));
    }

    @Override
    public long count(Collection<UUID> flowRunIds) {
        if (flowRunIds != null && flowRunIds.isEmpty()) {
            return 0;
        }
        Sql s = Sql.of("SELECT COUNT(*) FROM " + tables.log());
        if (flowRunIds != null) {
            s.append(" WHERE ").append(sql.dialect().in("flow_run_id", SqlType.UUID, new LinkedHashSet<>(flowRunIds)));
        }
        return sql.query("count logs", s, row -> row.bigint(1)).get(0);
    }

    /**
     * Bounded deletes: per chunk of runs (all runs at once where lists are arrays) one statement deleting at most
     * the rows still allowed; stops when {@code maxRows} are deleted.
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
        int chunkSize = sql.dialect().supportsArrays() ? ids.size() : DELETE_RUN_CHUNK;
        int deleted = 0;
        for (int from = 0; from < ids.size() && deleted < maxRows; from += chunkSize) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + chunkSize));
            Sql where = sql.dialect().in("flow_run_id", SqlType.UUID, chunk);
            deleted += sql.update("purge logs", sql.dialect().deleteAtMost(tables.log(), "id", where,
                    maxRows - deleted));
        }
        return deleted;
    }
}
