package dev.flowsweep.jdbc.dialect;

import dev.flowsweep.jdbc.sql.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.UUID;

/**
 * MariaDB 10.6 or later. UUIDs are {@code CHAR(36)} lower-case text in an ASCII binary collation (MariaDB's
 * own {@code UUID} type sorts segment-swapped, so it is not used); text uses {@code utf8mb4_nopad_bin}
 * (code point order, trailing spaces significant). No JDBC arrays: lists are {@code IN (?, …)}, which
 * Connector/J's client-side prepared statements accept with 100,000 values. Nulls sort first in MariaDB,
 * so ORDER BY spells PostgreSQL's order out with {@code x IS NULL}.
 */
public final class MariaDbDialect extends Dialect {
    private static final int MAX_LOCK_NAME = 64;

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean supportsStraightJoin() {
        return true;
    }

    @Override
    protected void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
        ps.setString(index, value.toString());
    }

    @Override
    protected int uuidNullType() {
        return Types.CHAR;
    }

    @Override
    public UUID getUuid(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : UUID.fromString(s);
    }

    @Override
    public boolean supportsArrays() {
        return false;
    }

    @Override
    public boolean updateCountMayMissUnchangedRows() {
        return true;
    }

    /**
     * InnoDB locks every row a locking read reads, in the order of the index it reads, and sorts and limits only
     * afterwards: through a secondary index, {@code … ORDER BY id DESC LIMIT n FOR UPDATE} waits for (and locks) rows
     * it will not return, and two bulk deletes with overlapping filters deadlock.
     */
    @Override
    public boolean forUpdateLocksEveryMatchingRow() {
        return true;
    }

    /** {@code x IS NULL, x ASC} / {@code x IS NULL DESC, x DESC}: MariaDB has no NULLS LAST. */
    @Override
    public String orderBy(String expr, boolean ascending, boolean nullable) {
        String dir = ascending ? " ASC" : " DESC";
        if (!nullable) {
            return expr + dir;
        }
        return expr + " IS NULL" + dir + ", " + expr + dir;
    }

    /** {@code DELETE FROM t WHERE … RETURNING …}. */
    @Override
    public Sql deleteReturning(String table, Sql where, String columns) {
        return Sql.of("DELETE FROM " + table + " WHERE ").append(where).append(" RETURNING " + columns);
    }

    /**
     * {@code DELETE t FROM JSON_TABLE(?, …) k STRAIGHT_JOIN table t ON t.column = k.id}: the ids, bound as one JSON
     * array, drive the delete through the column's index, so that it reads and locks only the rows it deletes. A plain
     * {@code DELETE … WHERE column IN (…)} is often run as a table scan (small tables, long lists), and InnoDB's
     * DELETE then waits for every row locked by others — concurrent bulk deletes deadlocked on each other that way.
     */
    @Override
    public Sql deleteWhereIn(String table, String column, Collection<UUID> ids) {
        return Sql.of("DELETE t FROM ").append(keys(ids))
                .append(" STRAIGHT_JOIN " + table + " t ON t." + column + " = k.id");
    }

    /** The ids as a one-column table {@code k(id)}, bound as one JSON parameter. */
    private static Sql keys(Collection<UUID> ids) {
        StringBuilder json = new StringBuilder("[");
        for (UUID id : ids) {
            json.append(json.length() == 1 ? "\"" : ",\"").append(id).append('"');
        }
        return Sql.of("JSON_TABLE(").text(json.append(']').toString())
                .append(", '$[*]' COLUMNS (id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin PATH '$')) k");
    }

    @Override
    public boolean deleteMayLockOtherRows() {
        return true;
    }

    /** {@code DELETE FROM t WHERE … LIMIT ?} (MariaDB refuses LIMIT inside an IN subquery). */
    @Override
    public Sql deleteAtMost(String table, String idColumn, Sql where, int maxRows) {
        return Sql.of("DELETE FROM " + table + " WHERE ").append(where).append(" LIMIT ").integer(maxRows);
    }

    /**
     * {@code SELECT r.id FROM task_runs tr STRAIGHT_JOIN runs r ON r.parent_task_run_id = tr.id WHERE …}: the default
     * {@code WHERE parent_task_run_id IN (SELECT …)} runs as a dependent subquery over every run (a full index scan per
     * bulk delete, measured in docs/BENCHMARKS.md), so the join starts from the task runs' index; STRAIGHT_JOIN keeps
     * that order, which the optimizer otherwise reverses when most runs have no parent (InnoDB counts all those NULLs
     * as one value and estimates the parent index useless). A plain read, it locks nothing; the runs found are then
     * changed by key ({@link #updateWhereIn}), since an UPDATE joining the task runs locks every task run it reads,
     * including those of runs another transaction is deleting.
     */
    @Override
    public Sql subflowIds(String runTable, String taskRunTable, Sql taskRunCondition) {
        return Sql.of("SELECT r.id FROM " + taskRunTable + " tr STRAIGHT_JOIN " + runTable
                + " r ON r.parent_task_run_id = tr.id WHERE ").append(taskRunCondition);
    }

    /** {@code UPDATE JSON_TABLE(ids) k STRAIGHT_JOIN t ON t.column = k.id SET …}: driven by the keys, like {@link #deleteWhereIn}. */
    @Override
    public Sql updateWhereIn(String table, String assignment, String column, Collection<UUID> ids) {
        return Sql.of("UPDATE ").append(keys(ids))
                .append(" STRAIGHT_JOIN " + table + " t ON t." + column + " = k.id SET t." + assignment);
    }

    /** Multi-row {@code INSERT … VALUES … ON DUPLICATE KEY UPDATE flow_run_id = flow_run_id} (a no-op update). */
    @Override
    public Sql insertPurgeEntries(String table, Collection<UUID> flowRunIds, Instant now) {
        Sql sql = Sql.of("INSERT INTO " + table + " (flow_run_id, enqueued_at, next_attempt_at, attempts, failed) VALUES ");
        boolean first = true;
        for (UUID id : flowRunIds) {
            sql.append(first ? "(" : ", (").uuid(id).append(", ").time(now).append(", ").time(now).append(", 0, FALSE)");
            first = false;
        }
        return sql.append(" ON DUPLICATE KEY UPDATE flow_run_id = flow_run_id");
    }

    /**
     * {@code innodb_lock_wait_timeout} (whole seconds, at least 1) for the session, the previous value kept in a
     * user variable and put back when the transaction ends.
     */
    @Override
    public SessionSetting applyLockTimeout(Connection connection, Duration timeout, int queryTimeoutSeconds)
            throws SQLException {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        try (PreparedStatement ps = connection.prepareStatement("SET @flowsweep_lock_wait_timeout = "
                + "@@SESSION.innodb_lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout = ?")) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setLong(1, seconds);
            ps.execute();
        }
        return c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SET @@SESSION.innodb_lock_wait_timeout = @flowsweep_lock_wait_timeout")) {
                ps.execute();
            }
        };
    }

    /** {@code GET_LOCK(name, seconds)} / {@code RELEASE_LOCK(name)}: a named lock of the session. */
    @Override
    public SchemaLock lockSchema(Connection connection, String name, Duration wait) throws SQLException {
        String lockName = lockName(name);
        try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, lockName);
            ps.setLong(2, Math.max(1, wait.toSeconds()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    throw new SQLException("timed out after " + wait + " waiting for the schema lock " + lockName,
                            "HY000", 1205);
                }
            }
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                ps.setString(1, lockName);
                ps.executeQuery().close();
            }
        };
    }

    /** Deadlock (1213 / 40001) and lock wait timeout (1205). */
    @Override
    public boolean isTransient(SQLException e) {
        return SqlErrors.hasState(e, "40001") || SqlErrors.hasCode(e, 1213, 1205);
    }

    private static String lockName(String name) {
        String full = "flowsweep:" + name;
        if (full.length() <= MAX_LOCK_NAME) {
            return full;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(full.getBytes(StandardCharsets.UTF_8));
            return "flowsweep:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
