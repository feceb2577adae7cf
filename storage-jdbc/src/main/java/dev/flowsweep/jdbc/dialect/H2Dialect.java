package dev.flowsweep.jdbc.dialect;

import dev.flowsweep.jdbc.sql.Sql;
import dev.flowsweep.jdbc.sql.SqlType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * H2 2.x, the embedded default: native {@code UUID} (ordered as unsigned bytes in H2 2.x), arrays, and
 * {@code SELECT … FROM OLD TABLE (DELETE …)} in place of {@code DELETE … RETURNING}, which H2 does not have.
 * H2 compares strings by UTF-16 code unit, so text is sorted by its UTF-8 bytes instead.
 */
public final class H2Dialect extends Dialect {
    private static final ConcurrentHashMap<String, ReentrantLock> SCHEMA_LOCKS = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "h2";
    }

    @Override
    protected String arrayElementTypeName(SqlType arrayType) {
        return arrayType == SqlType.UUID_ARRAY ? "UUID" : "VARCHAR";
    }

    @Override
    public boolean supportsArrays() {
        return true;
    }

    /** H2 arrays hold at most 65,536 elements. */
    @Override
    public int maxArrayLength() {
        return 65_536;
    }

    /** H2 locks every row a {@code FOR UPDATE} query collects before it sorts and limits them. */
    @Override
    public boolean forUpdateLocksEveryMatchingRow() {
        return true;
    }

    /** {@code CAST(x AS VARBINARY)}: UTF-8 bytes, compared unsigned, are in code point order. */
    @Override
    public String textSortKey(String expr) {
        return "CAST(" + expr + " AS VARBINARY)";
    }

    /** {@code SELECT … FROM OLD TABLE (DELETE FROM t WHERE …)}. */
    @Override
    public Sql deleteReturning(String table, Sql where, String columns) {
        return Sql.of("SELECT " + columns + " FROM OLD TABLE (DELETE FROM " + table + " WHERE ").append(where)
                .append(")");
    }

    /** {@code DELETE FROM t WHERE … FETCH FIRST ? ROWS ONLY}. */
    @Override
    public Sql deleteAtMost(String table, String idColumn, Sql where, int maxRows) {
        return Sql.of("DELETE FROM " + table + " WHERE ").append(where).append(" FETCH FIRST ").integer(maxRows)
                .append(" ROWS ONLY");
    }

    /** {@code MERGE INTO q USING (SELECT … FROM UNNEST(?)) … WHEN NOT MATCHED THEN INSERT …}. */
    @Override
    public Sql insertPurgeEntries(String table, Collection<UUID> flowRunIds, Instant now) {
        return Sql.of("MERGE INTO " + table + " q USING (SELECT u.id FROM UNNEST(")
                .bind(SqlType.UUID_ARRAY, flowRunIds)
                .append(") AS u(id)) s ON q.flow_run_id = s.id WHEN NOT MATCHED THEN INSERT"
                        + " (flow_run_id, enqueued_at, next_attempt_at, attempts, failed) VALUES (s.id, ")
                .time(now).append(", ").time(now).append(", 0, FALSE)");
    }

    /** {@code SET LOCK_TIMEOUT} is a session setting: read with {@code LOCK_TIMEOUT()} and put back afterwards. */
    @Override
    public SessionSetting applyLockTimeout(Connection connection, Duration timeout, int queryTimeoutSeconds)
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
                return SessionSetting.NONE;
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
     * Deadlock (40001), lock timeout (HYT00, error 50200) and concurrent update of the same row (error 90131).
     */
    @Override
    public boolean isTransient(SQLException e) {
        return SqlErrors.hasState(e, "40001", "HYT00") || SqlErrors.hasCode(e, 40001, 50200, 90131);
    }
}
