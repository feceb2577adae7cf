package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.bench.BenchDatabase.DEPLOYMENT;
import static dev.flowsweep.bench.BenchDatabase.LIMIT;
import static dev.flowsweep.bench.BenchDatabase.LOG;
import static dev.flowsweep.bench.BenchDatabase.PURGE_QUEUE;
import static dev.flowsweep.bench.BenchDatabase.RUN;
import static dev.flowsweep.bench.BenchDatabase.TASK_RUN;

/**
 * The statements the floors are made of: the best one a person would write on each database for each step of a bulk
 * delete, each one round trip. Shared by {@link FloorOneTxContender} and {@link FloorCallContender}; the orphaning
 * statement also stands in, in the per-run contenders, for the {@code ON DELETE SET NULL} foreign key Prefect's schema
 * has on {@code flow_run.parent_task_run_id} (the library's schema has none).
 */
final class FloorSql {
    static final String SLOT_STATES = "('PENDING', 'RUNNING', 'CANCELLING')";

    private final BenchDatabase db;

    FloorSql(BenchDatabase db) {
        this.db = db;
    }

    /** The newest {@code limit} runs tagged {@code tag}, locked where a lock is needed ({@link BenchDatabase#selectNewestTagged}). */
    List<UUID> selectAndLock(Connection c, String tag, int limit) throws SQLException {
        List<UUID> ids = new ArrayList<>(limit);
        try (PreparedStatement ps = c.prepareStatement(db.selectNewestTagged("r.id", true))) {
            ps.setString(1, tag);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(db.getUuid(rs, 1));
                }
            }
        }
        return ids;
    }

    /** One statement: slots held by these runs, counted per limit by the database, released on active limits, ≥ 0. */
    void releaseSlots(Connection c, List<UUID> ids) throws SQLException {
        String perLimit = "SELECT d.concurrency_limit_id AS lid, COUNT(*) AS n FROM " + RUN + " r JOIN " + DEPLOYMENT
                + " d ON d.id = r.deployment_id WHERE " + db.inList("r.id", ids.size()) + " AND r.state_type IN "
                + SLOT_STATES + " AND d.concurrency_limit_id IS NOT NULL GROUP BY d.concurrency_limit_id";
        String sql = switch (db.kind) {
            case POSTGRES -> "UPDATE " + LIMIT + " l SET active_slots = GREATEST(l.active_slots - x.n, 0) FROM ("
                    + perLimit + ") x WHERE l.id = x.lid AND l.active";
            case MARIADB -> "UPDATE " + LIMIT + " l JOIN (" + perLimit + ") x ON l.id = x.lid"
                    + " SET l.active_slots = GREATEST(l.active_slots - x.n, 0) WHERE l.active";
            case H2 -> "MERGE INTO " + LIMIT + " l USING (" + perLimit + ") x ON l.id = x.lid"
                    + " WHEN MATCHED AND l.active THEN UPDATE SET active_slots = GREATEST(l.active_slots - x.n, 0)";
            case SQLITE -> throw new IllegalStateException("no floor on Flowsweep's tables on SQLite");
        };
        execute(c, sql, ids);
    }

    /**
     * One statement: the subflow runs whose parent task run belongs to these runs get {@code parent_task_run_id = NULL}.
     * PostgreSQL: one sorted scan of the parent index ({@code = ANY(ARRAY(…))}); MariaDB: a join driven by the task runs
     * ({@code STRAIGHT_JOIN}, else InnoDB reverses it); H2: a plain {@code IN (SELECT …)}.
     */
    void orphanSubflows(Connection c, List<UUID> ids) throws SQLException {
        String sql = switch (db.kind) {
            case POSTGRES -> "UPDATE " + RUN + " SET parent_task_run_id = NULL WHERE parent_task_run_id = ANY(ARRAY("
                    + "SELECT t.id FROM " + TASK_RUN + " t WHERE t.flow_run_id = ANY(?)))";
            case MARIADB -> "UPDATE " + TASK_RUN + " t STRAIGHT_JOIN " + RUN + " r ON r.parent_task_run_id = t.id"
                    + " SET r.parent_task_run_id = NULL WHERE " + db.inList("t.flow_run_id", ids.size());
            case H2 -> "UPDATE " + RUN + " SET parent_task_run_id = NULL WHERE parent_task_run_id IN (SELECT t.id FROM "
                    + TASK_RUN + " t WHERE t.flow_run_id = ANY(?))";
            case SQLITE -> throw new IllegalStateException("no floor on Flowsweep's tables on SQLite");
        };
        execute(c, sql, ids);
    }

    void deleteTaskRuns(Connection c, List<UUID> ids) throws SQLException {
        execute(c, "DELETE FROM " + TASK_RUN + " WHERE " + db.inList("flow_run_id", ids.size()), ids);
    }

    int deleteRuns(Connection c, List<UUID> ids) throws SQLException {
        return execute(c, "DELETE FROM " + RUN + " WHERE " + db.inList("id", ids.size()), ids);
    }

    void deleteLogs(Connection c, List<UUID> ids) throws SQLException {
        execute(c, "DELETE FROM " + LOG + " WHERE " + db.inList("flow_run_id", ids.size()), ids);
    }

    /** One statement: a row per run in the purge queue (PostgreSQL and H2 from one array, MariaDB multi-row VALUES). */
    void enqueuePurge(Connection c, List<UUID> ids) throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String columns = " (flow_run_id, enqueued_at, next_attempt_at, attempts, failed) ";
        if (db.kind == DbKind.MARIADB) {
            StringBuilder sql = new StringBuilder("INSERT INTO " + PURGE_QUEUE + columns + "VALUES ");
            for (int i = 0; i < ids.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, 0, FALSE)");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int index = 1;
                for (UUID id : ids) {
                    db.setUuid(ps, index++, id);
                    ps.setObject(index++, now);
                    ps.setObject(index++, now);
                }
                ps.executeUpdate();
            }
            return;
        }
        String unnest = db.kind == DbKind.POSTGRES ? "unnest(?::uuid[]) AS u(id)" : "UNNEST(?) AS u(id)";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + PURGE_QUEUE + columns
                + "SELECT u.id, ?, ?, 0, FALSE FROM " + unnest)) {
            ps.setObject(1, now);
            ps.setObject(2, now);
            db.bindList(c, ps, 3, ids);
            ps.executeUpdate();
        }
    }

    /** One statement: the purge queue rows of these runs. */
    void dequeuePurge(Connection c, List<UUID> ids) throws SQLException {
        execute(c, "DELETE FROM " + PURGE_QUEUE + " WHERE " + db.inList("flow_run_id", ids.size()), ids);
    }

    private int execute(Connection c, String sql, List<UUID> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            db.bindList(c, ps, 1, ids);
            return ps.executeUpdate();
        }
    }
}
