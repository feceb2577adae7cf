package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static dev.flowsweep.bench.BenchDatabase.DEPLOYMENT;
import static dev.flowsweep.bench.BenchDatabase.LIMIT;
import static dev.flowsweep.bench.BenchDatabase.LOG;
import static dev.flowsweep.bench.BenchDatabase.RUN;
import static dev.flowsweep.bench.BenchDatabase.TASK_RUN;

/**
 * The floor: the fewest statements that do the work in one transaction, written by hand for each database.
 * <ol>
 *   <li>select the ids: tag filter, {@code ORDER BY id DESC}, limit, locked on PostgreSQL and MariaDB
 *       ({@link BenchDatabase#selectNewestTagged}: on PostgreSQL and MariaDB driven by the tag index);</li>
 *   <li>one grouped update of the concurrency limits, computed by the database from those runs and their
 *       deployments (before the runs are deleted);</li>
 *   <li>delete their task runs; 4. delete the runs (tags go by cascade); 5. delete their logs; commit.</li>
 * </ol>
 * Deadlocks and lock timeouts retry the transaction (counted, up to {@link Contender#MAX_ATTEMPTS} attempts).
 */
final class MinimalSqlContender implements Contender {
    private static final String SLOT_STATES = "('PENDING', 'RUNNING', 'CANCELLING')";

    private final BenchDatabase db;
    private final AtomicLong retries = new AtomicLong();

    MinimalSqlContender(BenchDatabase db) {
        this.db = db;
    }

    @Override
    public ContenderKind kind() {
        return ContenderKind.MINIMAL_SQL;
    }

    @Override
    public long retries() {
        return retries.get();
    }

    @Override
    public Deletion delete(String tag, int limit) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return new Done(deleteOnce(tag, limit));
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !db.isTransient(e)) {
                    throw e;
                }
                retries.incrementAndGet();
                Contender.pause(attempt);
            }
        }
    }

    private int deleteOnce(String tag, int limit) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<UUID> ids = selectIds(c, tag, limit);
                if (ids.isEmpty()) {
                    c.commit();
                    return 0;
                }
                try (PreparedStatement ps = c.prepareStatement(releaseSlotsSql(ids.size()))) {
                    db.bindList(c, ps, 1, ids);
                    ps.executeUpdate();
                }
                deleteWhereIn(c, "DELETE FROM " + TASK_RUN + " WHERE ", "flow_run_id", ids);
                int deleted = deleteWhereIn(c, "DELETE FROM " + RUN + " WHERE ", "id", ids);
                deleteWhereIn(c, "DELETE FROM " + LOG + " WHERE ", "flow_run_id", ids);
                c.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private List<UUID> selectIds(Connection c, String tag, int limit) throws SQLException {
        String sql = db.selectNewestTagged("r.id", true);
        List<UUID> ids = new ArrayList<>(limit);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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

    /** One statement: slots held by these runs, counted per limit, released on active limits, never below 0. */
    private String releaseSlotsSql(int n) {
        String perLimit = "SELECT d.concurrency_limit_id AS lid, COUNT(*) AS n FROM " + RUN + " r JOIN " + DEPLOYMENT
                + " d ON d.id = r.deployment_id WHERE " + db.inList("r.id", n) + " AND r.state_type IN " + SLOT_STATES
                + " AND d.concurrency_limit_id IS NOT NULL GROUP BY d.concurrency_limit_id";
        return switch (db.kind) {
            case POSTGRES -> "UPDATE " + LIMIT + " l SET active_slots = GREATEST(l.active_slots - x.n, 0) FROM ("
                    + perLimit + ") x WHERE l.id = x.lid AND l.active";
            case MARIADB -> "UPDATE " + LIMIT + " l JOIN (" + perLimit + ") x ON l.id = x.lid"
                    + " SET l.active_slots = GREATEST(l.active_slots - x.n, 0) WHERE l.active";
            case H2 -> "MERGE INTO " + LIMIT + " l USING (" + perLimit + ") x ON l.id = x.lid"
                    + " WHEN MATCHED AND l.active THEN UPDATE SET active_slots = GREATEST(l.active_slots - x.n, 0)";
        };
    }

    private int deleteWhereIn(Connection c, String head, String column, List<UUID> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(head + db.inList(column, ids.size()))) {
            db.bindList(c, ps, 1, ids);
            return ps.executeUpdate();
        }
    }
}
