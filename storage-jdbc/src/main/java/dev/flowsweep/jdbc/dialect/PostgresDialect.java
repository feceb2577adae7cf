package dev.flowsweep.jdbc.dialect;

import dev.flowsweep.jdbc.sql.Sql;
import dev.flowsweep.jdbc.sql.SqlType;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * PostgreSQL 12 or later: native {@code uuid} (ordered as unsigned bytes), arrays ({@code = ANY(?)}),
 * {@code DELETE … RETURNING}, {@code ON CONFLICT DO NOTHING}, transactional DDL and advisory locks.
 */
public final class PostgresDialect extends Dialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    protected String arrayElementTypeName(SqlType arrayType) {
        return arrayType == SqlType.UUID_ARRAY ? "uuid" : "text";
    }

    @Override
    public boolean supportsArrays() {
        return true;
    }

    @Override
    public boolean supportsLateralJoin() {
        return true;
    }

    @Override
    public boolean errorAbortsTransaction() {
        return true;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    /** {@code DELETE FROM t WHERE … RETURNING …}. */
    @Override
    public Sql deleteReturning(String table, Sql where, String columns) {
        return Sql.of("DELETE FROM " + table + " WHERE ").append(where).append(" RETURNING " + columns);
    }

    /**
     * {@code DELETE FROM t WHERE ctid = ANY(ARRAY(SELECT ctid FROM t WHERE … LIMIT ?))}: PostgreSQL has no
     * DELETE … LIMIT. The rows are found by the WHERE's index and deleted by their physical address (a TID scan);
     * {@code id IN (SELECT id … LIMIT ?)} made PostgreSQL look every row up again in the primary key, one random index
     * probe per row, which made a purge of 20,000 logs several times slower than one plain DELETE of them.
     * {@code idColumn} is not needed here.
     */
    @Override
    public Sql deleteAtMost(String table, String idColumn, Sql where, int maxRows) {
        return Sql.of("DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE ")
                .append(where).append(" LIMIT ").integer(maxRows).append("))");
    }

    /**
     * {@code UPDATE run SET parent_task_run_id = NULL WHERE parent_task_run_id = ANY(ARRAY(SELECT tr.id …))}: the task
     * runs' ids are collected once and looked up in the parent index in one sorted scan. The default
     * {@code IN (SELECT …)} planned as a nested loop with one index probe per task run: 2.1 ms against 0.8 ms for the
     * 1,000 task runs of a bulk delete of 200 runs (EXPLAIN ANALYZE, 100,000 runs; docs/BENCHMARKS.md).
     */
    @Override
    public Sql orphanSubflows(String runTable, String taskRunTable, Sql taskRunCondition) {
        return Sql.of("UPDATE " + runTable + " SET parent_task_run_id = NULL WHERE parent_task_run_id = ANY(ARRAY("
                + "SELECT tr.id FROM " + taskRunTable + " tr WHERE ").append(taskRunCondition).append("))");
    }

    /** One statement for any number of ids: {@code INSERT … SELECT … FROM unnest(?) ON CONFLICT DO NOTHING}. */
    @Override
    public Sql insertPurgeEntries(String table, Collection<UUID> flowRunIds, Instant now) {
        return Sql.of("INSERT INTO " + table + " (flow_run_id, enqueued_at, next_attempt_at, attempts, failed)"
                        + " SELECT u.id, CAST(").time(now).append(" AS TIMESTAMP(6)), CAST(").time(now)
                .append(" AS TIMESTAMP(6)), 0, FALSE FROM unnest(").bind(SqlType.UUID_ARRAY, flowRunIds)
                .append(") AS u(id) ON CONFLICT (flow_run_id) DO NOTHING");
    }

    /**
     * One round trip, settings local to the transaction: {@code SET TRANSACTION ISOLATION LEVEL READ COMMITTED} and
     * {@code SET LOCAL lock_timeout}. Reading the session's isolation first (pgjdbc sends
     * {@code SHOW TRANSACTION ISOLATION LEVEL}) and setting the timeout apart cost two round trips per transaction.
     */
    @Override
    public boolean beginReadCommitted(Connection connection, Duration lockTimeout, int queryTimeoutSeconds)
            throws SQLException {
        connection.setAutoCommit(false);
        String sql = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
        if (!lockTimeout.isZero()) {
            // A number formatted by Java, never caller text: nothing to escape.
            sql += "; SET LOCAL lock_timeout = '" + Math.max(1, lockTimeout.toMillis()) + "ms'";
        }
        try (Statement st = connection.createStatement()) {
            st.setQueryTimeout(queryTimeoutSeconds);
            st.execute(sql);
        }
        return true;
    }

    /** {@code set_config('lock_timeout', ?, true)}: local to the transaction, so nothing to restore. */
    @Override
    public SessionSetting applyLockTimeout(Connection connection, Duration timeout, int queryTimeoutSeconds)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setString(1, Math.max(1, timeout.toMillis()) + "ms");
            ps.executeQuery().close();
        }
        return SessionSetting.NONE;
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

    /** Deadlock (40P01), serialization failure (40001), lock not available / lock timeout (55P03). */
    @Override
    public boolean isTransient(SQLException e) {
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

    static void sleepBriefly() throws SQLException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the schema lock", ie);
        }
    }
}
