package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Param;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.FlowsweepTransientException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SQLite 3.35 or later (sqlite-jdbc), the database of a Prefect server that runs on a file. SQLite has one writer at a
 * time and no row locks, so every transaction is {@code BEGIN IMMEDIATE}: it takes the write lock first, waiting up to
 * the busy timeout (the lock timeout, {@code PRAGMA busy_timeout}) for another writer — a Prefect server on the same
 * file — and whatever it then selects is what it deletes, without {@code FOR UPDATE} or {@code SKIP LOCKED}. A
 * transaction runs one batch and never holds the lock longer. Before it, {@code PRAGMA foreign_keys = ON} (Prefect's
 * cascades depend on it; it is off per connection by default) and the busy timeout are set on the connection and put
 * back afterwards; {@code BEGIN IMMEDIATE}, {@code COMMIT} and {@code ROLLBACK} are statements, autocommit stays on.
 * A lock held by another connection past the busy timeout is a transient failure (core retries it), then a clear
 * error. (sqlite-jdbc has no statement timeout of its own: it uses a statement's query timeout as the busy timeout
 * while the statement runs, so the statement timeout bounds only waits for a lock.)
 *
 * <p>Values are bound as Prefect writes them: UUIDs as lower-case text, times as UTC text
 * {@code YYYY-MM-DD HH:MM:SS.ffffff} ({@link SqliteTimes}), booleans as 1 and 0. Lists are one JSON array parameter,
 * {@code x IN (SELECT value FROM json_each(?))}, so that no list runs into SQLite's parameter limit.
 */
public final class SqliteEngine extends DatabaseEngine {
    private static final AtomicLong SAVEPOINTS = new AtomicLong();

    @Override
    public String name() {
        return "sqlite";
    }

    // ------------------------------------------------------------------------------------------------- values

    @Override
    public void bind(Connection connection, PreparedStatement ps, int index, Param param) throws SQLException {
        Object v = param.value();
        switch (param.type()) {
            case UUID -> {
                if (v == null) {
                    ps.setNull(index, Types.VARCHAR);
                } else {
                    ps.setString(index, v.toString());
                }
            }
            case TIME, TIMESTAMPTZ -> {
                if (v == null) {
                    ps.setNull(index, Types.VARCHAR);
                } else {
                    ps.setString(index, SqliteTimes.format((Instant) v));
                }
            }
            case BOOLEAN -> {
                if (v == null) {
                    ps.setNull(index, Types.INTEGER);
                } else {
                    ps.setInt(index, (Boolean) v ? 1 : 0);
                }
            }
            case UUID_ARRAY, TEXT_ARRAY -> throw new IllegalArgumentException("sqlite binds no arrays");
            default -> super.bind(connection, ps, index, param);
        }
    }

    @Override
    public UUID readUuid(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : UUID.fromString(s);
    }

    /** Either time type: the text Prefect writes, read as tolerantly as Prefect reads it ({@link SqliteTimes}). */
    @Override
    public Instant readTime(ResultSet rs, String column, SqlType type) throws SQLException {
        if (type != SqlType.TIME && type != SqlType.TIMESTAMPTZ) {
            throw new IllegalArgumentException(column + " of type " + type + " holds no time");
        }
        String s = rs.getString(column);
        return s == null ? null : SqliteTimes.parse(s, column);
    }

    // ---------------------------------------------------------------------------------------------- fragments

    /**
     * {@code expr = ?} for one value, otherwise {@code expr IN (SELECT value FROM json_each(?))} with the values as one
     * JSON array of strings: one parameter however many values.
     */
    @Override
    public Sql in(String expr, SqlType elementType, Collection<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("empty value list for " + expr);
        }
        if (values.size() == 1) {
            return Sql.of(expr + " = ").bind(elementType, values.iterator().next());
        }
        return Sql.of(expr + " IN (SELECT value FROM json_each(").text(jsonArray(values)).append("))");
    }

    /** The values' text ({@code toString()}: UUIDs in lower case) as a JSON array. */
    static String jsonArray(Collection<?> values) {
        StringBuilder b = new StringBuilder(values.size() * 40).append('[');
        for (Object v : values) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"');
            String s = v.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        }
        return b.append(']').toString();
    }

    /** None: {@code BEGIN IMMEDIATE} holds the database's only write lock. */
    @Override
    public String forUpdate() {
        return "";
    }

    /** None: {@code BEGIN IMMEDIATE} holds the database's only write lock, so no one else claims at the same time. */
    @Override
    public String forUpdateSkipLocked() {
        return "";
    }

    /** {@code max(a, b)}: SQLite's scalar max of several arguments. */
    @Override
    public Sql greatest(Sql a, Sql b) {
        return Sql.of("max(").append(a).append(", ").append(b).append(")");
    }

    // ------------------------------------------------------------------------------------ the delete path

    /** The newest matching runs: the transaction holds the write lock, nobody else can change them. */
    @Override
    public List<UUID> lockForDelete(SqlRunner sql, RunSelection runs, int limit) {
        return LockInSteps.newestMatching(sql, runs, limit);
    }

    /** {@code DELETE FROM t WHERE … RETURNING …}. */
    @Override
    protected Sql deleteReturning(String table, Sql where, String columns) {
        return Sql.of("DELETE FROM " + table + " WHERE ").append(where).append(" RETURNING " + columns);
    }

    /** {@code DELETE FROM t WHERE rowid IN (SELECT rowid FROM t WHERE … LIMIT ?)}. */
    @Override
    public Sql deleteAtMost(String table, Sql where, int maxRows) {
        return Sql.of("DELETE FROM " + table + " WHERE rowid IN (SELECT rowid FROM " + table + " WHERE ").append(where)
                .append(" LIMIT ").integer(maxRows).append(")");
    }

    /** One statement: {@code INSERT … SELECT value, … FROM json_each(?) WHERE TRUE ON CONFLICT DO NOTHING}. */
    @Override
    public List<Sql> insertPurgeEntries(String table, List<UUID> flowRunIds, Instant now) {
        // "WHERE TRUE" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join.
        return List.of(Sql.of("INSERT INTO " + table + " (flow_run_id, enqueued_at, next_attempt_at, attempts, failed)"
                        + " SELECT value, ").time(now).append(", ").time(now).append(", 0, 0 FROM json_each(")
                .text(jsonArray(flowRunIds)).append(") WHERE TRUE ON CONFLICT (flow_run_id) DO NOTHING"));
    }

    // ------------------------------------------------------------------------------------------------ sessions

    /**
     * {@code PRAGMA foreign_keys = ON} (checked: refused when it does not take), the busy timeout, the
     * {@code flowsweep_lower} function, then {@code BEGIN IMMEDIATE}; the pragmas are put back afterwards.
     */
    @Override
    public List<String> begin(Connection connection, Session session, Duration lockTimeout,
                              int queryTimeoutSeconds) throws SQLException {
        if (!session.wasAutoCommit()) {
            throw new SQLException("JdbcStorage on SQLite needs connections in autocommit mode: it begins its own "
                    + "BEGIN IMMEDIATE transactions (this connection came with autocommit off)");
        }
        session.leaveReadOnly(connection);
        Session.Setting foreignKeys = foreignKeysOn(connection);
        Session.Setting busy = lockTimeout.isZero() ? Session.Setting.NONE
                : applyLockTimeout(connection, lockTimeout, queryTimeoutSeconds);
        session.restoreAfterwards(c -> {
            busy.restore(c);
            foreignKeys.restore(c);
        });
        SqliteFunctions.register(connection);
        // No query timeout here: sqlite-jdbc turns a statement's query timeout into its busy timeout, and the wait for
        // the write lock is the lock timeout's.
        execute(connection, "BEGIN IMMEDIATE", 0);
        return List.of();
    }

    private static Session.Setting foreignKeysOn(Connection connection) throws SQLException {
        if (pragma(connection, "foreign_keys") == 1) {
            return Session.Setting.NONE;
        }
        execute(connection, "PRAGMA foreign_keys = ON", 0);
        if (pragma(connection, "foreign_keys") != 1) {
            throw new SQLException("cannot turn SQLite's foreign keys on (PRAGMA foreign_keys = ON did not take): "
                    + "Prefect's cascades (task runs, states, inputs of a deleted run) depend on them");
        }
        return c -> execute(c, "PRAGMA foreign_keys = OFF", 0);
    }

    /** {@code PRAGMA busy_timeout}, the previous value put back afterwards. */
    @Override
    protected Session.Setting applyLockTimeout(Connection connection, Duration timeout, int queryTimeoutSeconds)
            throws SQLException {
        long wanted = Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        long previous = pragma(connection, "busy_timeout");
        if (previous == wanted) {
            return Session.Setting.NONE;
        }
        execute(connection, "PRAGMA busy_timeout = " + wanted, 0);
        return c -> execute(c, "PRAGMA busy_timeout = " + previous, 0);
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT", 0);
    }

    /** {@code ROLLBACK}; nothing when no transaction is open (a {@code BEGIN IMMEDIATE} that failed). */
    @Override
    public void rollback(Connection connection) throws SQLException {
        try {
            execute(connection, "ROLLBACK", 0);
        } catch (SQLException e) {
            String m = e.getMessage();
            if (m == null || !m.contains("no transaction is active")) {
                throw e;
            }
        }
    }

    /** A {@code SAVEPOINT}, rolled back to and released when {@code work} fails. */
    @Override
    public void atomically(Connection connection, String what, Runnable work) {
        String name = "flowsweep_" + SAVEPOINTS.incrementAndGet();
        try {
            execute(connection, "SAVEPOINT " + name, 0);
        } catch (SQLException e) {
            throw translate(what, e);
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            try {
                execute(connection, "ROLLBACK TO " + name, 0);
                execute(connection, "RELEASE " + name, 0);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        try {
            execute(connection, "RELEASE " + name, 0);
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    /** In one {@code BEGIN IMMEDIATE} transaction: SQLite's DDL is transactional. */
    @Override
    public void applyMigration(Connection connection, List<String> statements) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE", 0);
        try {
            super.applyMigration(connection, statements);
            execute(connection, "COMMIT", 0);
        } catch (SQLException e) {
            rollback(connection);
            throw e;
        }
    }

    /**
     * Nothing to take: each script runs in one {@code BEGIN IMMEDIATE} transaction, which serialises the instances
     * starting at once, and the scripts are idempotent.
     */
    @Override
    public SchemaLock lockSchema(Connection connection, String name, Duration wait) {
        return () -> { };
    }

    // -------------------------------------------------------------------------------------------------- errors

    /** A busy or locked database is reported as such: another connection held the write lock too long. */
    @Override
    public FlowsweepStorageException translate(String what, SQLException e) {
        if (isTransient(e)) {
            return new FlowsweepTransientException(what + " failed (transient): the SQLite database was locked by "
                    + "another connection for longer than the busy timeout (JdbcStorage's lockTimeout): "
                    + e.getMessage(), e);
        }
        return super.translate(what, e);
    }

    /** The connection was closed under us (sqlite-jdbc: "database connection closed"), or class 08. */
    @Override
    protected boolean isConnectionLost(SQLException e) {
        return SqlErrors.connectionLost(e) || SqlErrors.messageHas(e, "connection", "closed");
    }

    /** {@code SQLITE_CONSTRAINT} (19 and its extended codes), or SQLState class 23. */
    @Override
    protected boolean isConflict(SQLException e) {
        for (SQLException s : SqlErrors.chain(e)) {
            if ((s.getErrorCode() & 0xff) == 19) {
                return true;
            }
        }
        return super.isConflict(e);
    }

    /** {@code SQLITE_BUSY} (5) and {@code SQLITE_LOCKED} (6), with their extended codes. */
    @Override
    protected boolean isTransient(SQLException e) {
        for (SQLException s : SqlErrors.chain(e)) {
            int code = s.getErrorCode() & 0xff;
            if (code == 5 || code == 6) {
                return true;
            }
        }
        return false;
    }

    private static long pragma(Connection connection, String name) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void execute(Connection connection, String sql, int queryTimeoutSeconds) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (queryTimeoutSeconds > 0) {
                st.setQueryTimeout(queryTimeoutSeconds);
            }
            st.execute(sql);
        }
    }
}
