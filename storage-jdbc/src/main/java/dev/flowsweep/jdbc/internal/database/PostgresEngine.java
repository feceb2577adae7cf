package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Aliases;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.jdbc.internal.sql.TagIndex;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL 12 or later: native {@code uuid} (ordered as unsigned bytes), arrays ({@code = ANY(?)}),
 * {@code DELETE … RETURNING}, {@code ON CONFLICT DO NOTHING}, {@code LATERAL}, transactional DDL and advisory locks.
 * Its {@code SELECT … ORDER BY id DESC LIMIT n FOR UPDATE} locks only the rows it returns, so a bulk delete locks its
 * runs in one statement.
 */
public final class PostgresEngine extends DatabaseEngine {
    private static final String R = Aliases.RUN;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    protected String arrayElementTypeName(SqlType arrayType) {
        return arrayType == SqlType.UUID_ARRAY ? "uuid" : "text";
    }

    /** One array, however long. */
    @Override
    protected int maxArrayLength() {
        return Integer.MAX_VALUE;
    }

    /**
     * {@code SELECT r.id … ORDER BY r.id DESC LIMIT ? FOR UPDATE}, or, when the filter pins one tag of a tag table,
     * {@link #lockDrivenByTag}.
     */
    @Override
    public List<UUID> lockForDelete(SqlRunner sql, RunSelection runs, int limit) {
        String tag = runs.drivingTag();
        if (tag != null) {
            return sql.query("lock flow runs for delete", lockDrivenByTag(runs, tag, limit), row -> row.uuid("id"));
        }
        Sql query = Sql.of("SELECT " + R + ".id FROM " + runs.runTable() + " " + R);
        Sql where = runs.where();
        if (where != null) {
            query.append(" WHERE ").append(where);
        }
        query.append(LockInSteps.idDesc(this));
        return sql.query("lock flow runs for delete", limit(query, limit, 0).append(forUpdate()),
                row -> row.uuid("id"));
    }

    /**
     * The runs carrying {@code tag}, newest id first, straight from the tag index, each checked against the whole
     * filter and locked by a lateral subquery:
     * <pre>
     * SELECT x.id FROM (SELECT DISTINCT t.flow_run_id AS id FROM tag t WHERE t.tag = ? ORDER BY 1 DESC) c
     * CROSS JOIN LATERAL (SELECT r.id FROM flow_run r WHERE r.id = c.id AND &lt;filter&gt; FOR UPDATE) x
     * ORDER BY c.id DESC LIMIT ?
     * </pre>
     * The plain {@code … WHERE r.id IN (SELECT … tag …) ORDER BY r.id DESC LIMIT ? FOR UPDATE} made PostgreSQL merge
     * the tag index with a backward walk of the primary key, which passes every newer run that does not match: the
     * walk grows as matching runs are deleted from the top, measured at 117,000 entries and 240 ms per batch halfway
     * through draining 500,000 of 1,000,000 runs (docs/BENCHMARKS.md). The lateral form reads the tag index in id
     * order and stops at {@code limit}; rows are still locked in id order.
     */
    public Sql lockDrivenByTag(RunSelection runs, String tag, int limit) {
        TagIndex t = runs.tagIndex();
        return Sql.of("SELECT x.id FROM (SELECT DISTINCT t." + t.runColumn() + " AS id FROM " + t.table()
                        + " t WHERE t." + t.tagColumn() + " = ").text(tag)
                .append(" ORDER BY 1 DESC) c CROSS JOIN LATERAL (SELECT " + R + ".id FROM " + runs.runTable() + " "
                        + R + " WHERE " + R + ".id = c.id AND ").append(runs.where())
                .append(forUpdate() + ") x ORDER BY c.id DESC LIMIT ").integer(limit);
    }

    /**
     * {@code UPDATE run SET parent_task_run_id = NULL WHERE parent_task_run_id = ANY(ARRAY(SELECT tr.id …))}: the task
     * runs' ids are collected once and looked up in the parent index in one sorted scan. {@code IN (SELECT …)} planned
     * as a nested loop with one index probe per task run: 2.1 ms against 0.8 ms for the 1,000 task runs of a bulk
     * delete of 200 runs (EXPLAIN ANALYZE, 100,000 runs; docs/BENCHMARKS.md).
     */
    @Override
    public int orphanSubflows(SqlRunner sql, String runTable, String taskRunTable, Collection<UUID> flowRunIds) {
        return sql.update("orphan subflow runs", orphanUpdate(runTable, taskRunTable, flowRunIds));
    }

    /** The statement of {@link #orphanSubflows}. */
    public Sql orphanUpdate(String runTable, String taskRunTable, Collection<UUID> flowRunIds) {
        return Sql.of("UPDATE " + runTable + " SET parent_task_run_id = NULL WHERE parent_task_run_id = ANY(ARRAY("
                        + "SELECT tr.id FROM " + taskRunTable + " tr WHERE ")
                .append(in(Aliases.TASK_RUN + ".flow_run_id", SqlType.UUID, new LinkedHashSet<>(flowRunIds)))
                .append("))");
    }

    /** {@code DELETE FROM t WHERE … RETURNING …}. */
    @Override
    protected Sql deleteReturning(String table, Sql where, String columns) {
        return Sql.of("DELETE FROM " + table + " WHERE ").append(where).append(" RETURNING " + columns);
    }

    /**
     * {@code DELETE FROM t WHERE ctid = ANY(ARRAY(SELECT ctid FROM t WHERE … LIMIT ?))}: PostgreSQL has no
     * DELETE … LIMIT. The rows are found by the WHERE's index and deleted by their physical address (a TID scan);
     * {@code id IN (SELECT id … LIMIT ?)} made PostgreSQL look every row up again in the primary key, one random index
     * probe per row, which made a purge of 20,000 logs several times slower than one plain DELETE of them.
     */
    @Override
    public Sql deleteAtMost(String table, Sql where, int maxRows) {
        return Sql.of("DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE ")
                .append(where).append(" LIMIT ").integer(maxRows).append("))");
    }

    /** One statement for any number of ids: {@code INSERT … SELECT … FROM unnest(?) ON CONFLICT DO NOTHING}. */
    @Override
    public List<Sql> insertPurgeEntries(String table, List<UUID> flowRunIds, Instant now) {
        return List.of(Sql.of("INSERT INTO " + table + " (flow_run_id, enqueued_at, next_attempt_at, attempts, failed)"
                        + " SELECT u.id, CAST(").time(now).append(" AS TIMESTAMP(6)), CAST(").time(now)
                .append(" AS TIMESTAMP(6)), 0, FALSE FROM unnest(").bind(SqlType.UUID_ARRAY, flowRunIds)
                .append(") AS u(id) ON CONFLICT (flow_run_id) DO NOTHING"));
    }

    /**
     * No round trip of its own: {@code SET TRANSACTION ISOLATION LEVEL READ COMMITTED}, {@code SET LOCAL lock_timeout}
     * and {@code SET LOCAL statement_timeout} are returned to go ahead of the transaction's first statement, in its
     * round trip (pgjdbc sends the statements of one string together, with one sync; {@link SqlRunner#sendAhead}).
     * Settings local to the transaction, so nothing is read before or restored after. Reading the session's isolation
     * first (pgjdbc sends {@code SHOW TRANSACTION ISOLATION LEVEL}) and setting the timeout apart cost two round trips
     * per transaction, and these settings sent on their own a third (measured: docs/BENCHMARKS.md). A connection
     * handed over inside a transaction of its own keeps it: session settings then, set at once.
     */
    @Override
    public List<String> begin(Connection connection, Session session, Duration lockTimeout, int queryTimeoutSeconds)
            throws SQLException {
        if (!session.wasAutoCommit()) {
            return super.begin(connection, session, lockTimeout, queryTimeoutSeconds);
        }
        session.leaveReadOnly(connection);
        connection.setAutoCommit(false);
        List<String> ahead = new ArrayList<>(3);
        ahead.add("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
        if (!lockTimeout.isZero()) {
            // A number formatted by Java, never caller text: nothing to escape.
            ahead.add("SET LOCAL lock_timeout = '" + Math.max(1, lockTimeout.toMillis()) + "ms'");
        }
        if (queryTimeoutSeconds > 0) {
            // The server bounds each statement itself too (pgjdbc's query timeout is a cancel sent from a timer).
            ahead.add("SET LOCAL statement_timeout = '" + queryTimeoutSeconds * 1000L + "ms'");
        }
        return ahead;
    }

    /** {@code set_config('lock_timeout', ?, true)}: local to the transaction, so nothing to restore. */
    @Override
    protected Session.Setting applyLockTimeout(Connection connection, Duration timeout, int queryTimeoutSeconds)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setString(1, Math.max(1, timeout.toMillis()) + "ms");
            ps.executeQuery().close();
        }
        return Session.Setting.NONE;
    }

    /** DDL is transactional: a script is applied whole or not at all. */
    @Override
    public void applyMigration(Connection connection, List<String> statements) throws SQLException {
        connection.setAutoCommit(false);
        try {
            super.applyMigration(connection, statements);
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the original failure is what matters
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** A session-level advisory lock, polled with {@code pg_try_advisory_lock} until {@code wait} runs out. */
    @Override
    public SchemaLock lockSchema(Connection connection, String name, Duration wait) throws SQLException {
        long key = advisoryKey(name);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        break;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new SQLException("timed out after " + wait + " waiting for the schema lock " + name
                        + " (advisory lock " + key + ")", "55P03");
            }
            sleepBriefly();
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.executeQuery().close();
            }
        };
    }

    /**
     * Connection class 08 (pgjdbc's I/O errors are 08006), and the server's own goodbyes: admin shutdown (57P01,
     * {@code pg_terminate_backend}), crash shutdown (57P02), cannot connect now (57P03, starting or stopping).
     */
    @Override
    protected boolean isConnectionLost(SQLException e) {
        return SqlErrors.connectionLost(e) || SqlErrors.hasState(e, "57P01", "57P02", "57P03");
    }

    /** Deadlock (40P01), serialization failure (40001), lock not available / lock timeout (55P03). */
    @Override
    protected boolean isTransient(SQLException e) {
        return SqlErrors.hasState(e, "40001", "40P01", "55P03");
    }

    private static long advisoryKey(String name) {
        // FNV-1a, 64 bit: stable across JVMs, unlike String.hashCode's 32 bits.
        long h = 0xcbf29ce484222325L;
        for (byte b : ("flowsweep:" + name).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static void sleepBriefly() throws SQLException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the schema lock", ie);
        }
    }
}
