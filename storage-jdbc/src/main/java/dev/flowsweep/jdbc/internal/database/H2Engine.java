package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * H2 2.x, the embedded default: native {@code UUID} (ordered as unsigned bytes in H2 2.x), arrays of at most
 * 65,536 elements, and {@code SELECT … FROM OLD TABLE (DELETE …)} in place of {@code DELETE … RETURNING}, which H2
 * does not have. H2 compares strings by UTF-16 code unit, so text is sorted by its UTF-8 bytes instead. H2 locks
 * every row a {@code FOR UPDATE} query collects before it sorts and limits them, so the runs of a bulk delete are
 * locked in steps ({@link H2RunLocking}).
 */
public final class H2Engine extends DatabaseEngine {
    private static final ConcurrentHashMap<String, ReentrantLock> SCHEMA_LOCKS = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "h2";
    }

    @Override
    protected String arrayElementTypeName(SqlType arrayType) {
        return arrayType == SqlType.UUID_ARRAY ? "UUID" : "VARCHAR";
    }

    /** H2 arrays hold at most 65,536 elements. */
    @Override
    protected int maxArrayLength() {
        return 65_536;
    }

    /** {@code CAST(x AS VARBINARY)}: UTF-8 bytes, compared unsigned, are in code point order. */
    @Override
    public String textSortKey(String expr) {
        return "CAST(" + expr + " AS VARBINARY)";
    }

    /** Candidates without locks, then locked in id order and checked in one statement ({@link H2RunLocking}). */
    @Override
    public List<UUID> lockForDelete(SqlRunner sql, RunSelection runs, int limit) {
        return H2RunLocking.lockForDelete(sql, runs, limit);
    }

    /** {@code SELECT … FROM OLD TABLE (DELETE FROM t WHERE …)}. */
    @Override
    protected Sql deleteReturning(String table, Sql where, String columns) {
        return Sql.of("SELECT " + columns + " FROM OLD TABLE (DELETE FROM " + table + " WHERE ").append(where)
                .append(")");
    }

    /** {@code DELETE FROM t WHERE … FETCH FIRST ? ROWS ONLY}. */
    @Override
    public Sql deleteAtMost(String table, Sql where, int maxRows) {
        return Sql.of("DELETE FROM " + table + " WHERE ").append(where).append(" FETCH FIRST ").integer(maxRows)
                .append(" ROWS ONLY");
    }

    /** One {@code MERGE INTO q USING (SELECT … FROM UNNEST(?)) … WHEN NOT MATCHED THEN INSERT …}. */
    @Override
    public List<Sql> insertPurgeEntries(String table, List<UUID> flowRunIds, Instant now) {
        return List.of(Sql.of("MERGE INTO " + table + " q USING (SELECT u.id FROM UNNEST(")
                .bind(SqlType.UUID_ARRAY, flowRunIds)
                .append(") AS u(id)) s ON q.flow_run_id = s.id WHEN NOT MATCHED THEN INSERT"
                        + " (flow_run_id, enqueued_at, next_attempt_at, attempts, failed) VALUES (s.id, ")
                .time(now).append(", ").time(now).append(", 0, FALSE)"));
    }

    /** {@code SET LOCK_TIMEOUT} is a session setting: read with {@code LOCK_TIMEOUT()} and put back afterwards. */
    @Override
    protected Session.Setting applyLockTimeout(Connection connection, Duration timeout, int queryTimeoutSeconds)
            throws SQLException {
        long wanted = Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        long previous;
        try (Statement st = connection.createStatement()) {
            st.setQueryTimeout(queryTimeoutSeconds);
            try (ResultSet rs = st.executeQuery("SELECT LOCK_TIMEOUT()")) {
                rs.next();
                previous = rs.getLong(1);
            }
            if (previous == wanted) {
                return Session.Setting.NONE;
            }
            st.execute("SET LOCK_TIMEOUT " + wanted);
        }
        return c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCK_TIMEOUT " + previous);
            }
        };
    }

    /**
     * A lock inside this JVM, keyed by database and prefix: an embedded H2 database is opened by one process
     * (H2 locks its file), so instances starting at once live in the same JVM. The DDL is idempotent besides.
     */
    @Override
    public SchemaLock lockSchema(Connection connection, String name, Duration wait) throws SQLException {
        ReentrantLock lock = SCHEMA_LOCKS.computeIfAbsent(name, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLException("timed out after " + wait + " waiting for the schema lock " + name, "HYT00");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the schema lock " + name, e);
        }
        return lock::unlock;
    }

    /**
     * Connection class 08, connection broken (90067), database closed (90098), called at shutdown (90121), and a
     * connection already closed (90007).
     */
    @Override
    protected boolean isConnectionLost(SQLException e) {
        return SqlErrors.connectionLost(e) || SqlErrors.hasCode(e, 90067, 90098, 90121, 90007);
    }

    /**
     * A statement cancelled (57014) only: H2 reports a lock timeout as an {@link java.sql.SQLTimeoutException}
     * (HYT00), also when it was the query timeout that ended the lock wait, and that is a transient lock timeout.
     */
    @Override
    protected boolean isStatementTimeout(SQLException e) {
        return SqlErrors.hasCode(e, 57014);
    }

    /**
     * Deadlock (40001), lock timeout (HYT00, error 50200) and concurrent update of the same row (error 90131).
     */
    @Override
    protected boolean isTransient(SQLException e) {
        return SqlErrors.hasState(e, "40001", "HYT00") || SqlErrors.hasCode(e, 40001, 50200, 90131);
    }
}
