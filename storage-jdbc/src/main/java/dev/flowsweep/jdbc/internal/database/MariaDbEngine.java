package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Aliases;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.jdbc.internal.sql.TagIndex;
import dev.flowsweep.spi.DeletedFlowRun;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * MariaDB 10.6 or later. UUIDs are {@code CHAR(36)} lower-case text in an ASCII binary collation (MariaDB's
 * own {@code UUID} type sorts segment-swapped, so it is not used); text uses {@code utf8mb4_nopad_bin}
 * (code point order, trailing spaces significant). No JDBC arrays: lists are {@code IN (?, …)}, which
 * Connector/J's client-side prepared statements accept with 100,000 values. Nulls sort first in MariaDB,
 * so ORDER BY spells PostgreSQL's order out with {@code x IS NULL}.
 *
 * <p>InnoDB locks every row a locking read or a DELETE reads, in the order of the index it reads, and sorts and
 * limits only afterwards; the delete path is written so that it reads (and locks) only the rows it changes: the runs
 * are locked in steps ({@link LockInSteps}), rows are changed and deleted by key through a join driven by the ids
 * ({@link #deleteWhereIn}), and subflows are found by a plain read first ({@link #orphanSubflows}).
 */
public final class MariaDbEngine extends DatabaseEngine {
    private static final int MAX_LOCK_NAME = 64;
    /** Ids per statement where each is a placeholder of its own. */
    static final int IDS_PER_STATEMENT = 1000;
    /** Runs per purge queue insert, one VALUES row each. */
    static final int PURGE_ENTRIES_PER_STATEMENT = 10_000;
    private static final String R = Aliases.RUN;

    @Override
    public String name() {
        return "mariadb";
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
    public UUID readUuid(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : UUID.fromString(s);
    }

    /** Chunks of {@value #IDS_PER_STATEMENT}. */
    @Override
    public <T> List<List<T>> listsPerStatement(List<T> ids) {
        return chunks(ids, IDS_PER_STATEMENT);
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

    /**
     * The candidates — from the tag index ({@link #candidatesDrivenByTag}) when the filter pins one tag of a tag
     * table, else the newest matching runs — then locked by key in id order and checked again.
     */
    @Override
    public List<UUID> lockForDelete(SqlRunner sql, RunSelection runs, int limit) {
        String tag = runs.drivingTag();
        List<UUID> candidates = tag != null
                ? sql.query("find flow runs to delete", candidatesDrivenByTag(runs, tag, limit), row -> row.uuid("id"))
                : LockInSteps.newestMatching(sql, runs, limit);
        return LockInSteps.lock(sql, runs, candidates);
    }

    /**
     * The newest runs carrying {@code tag} that match the whole filter, straight from the tag index, without locks:
     * <pre>
     * SELECT t.flow_run_id AS id FROM tag t STRAIGHT_JOIN flow_run r ON r.id = t.flow_run_id
     * WHERE t.tag = ? AND &lt;filter&gt; GROUP BY t.flow_run_id ORDER BY t.flow_run_id DESC LIMIT ?
     * </pre>
     * MariaDB has no {@code LATERAL}; the join reads the tag index backwards in id order and stops at the limit
     * ({@code GROUP BY} folds a tag listed twice on one run). The plain {@code r.id IN (SELECT … tag …) ORDER BY r.id
     * DESC LIMIT ?} materializes the tag's runs and walks the primary key backwards past every newer run that does not
     * match, a walk that grows as matching runs are deleted from the top: 110 ms of a 250 ms bulk delete of 200 runs
     * (100,000 runs, 10 % tagged, after 2,000 deleted), against under a millisecond for the join (docs/BENCHMARKS.md).
     * "Carries the tag" is what the join says already; as a condition too it would make MariaDB read every run
     * carrying it first (a materialized subquery), which the join is here to avoid.
     */
    public Sql candidatesDrivenByTag(RunSelection runs, String tag, int limit) {
        TagIndex t = runs.tagIndex();
        String run = "t." + t.runColumn();
        Sql query = Sql.of("SELECT " + run + " AS id FROM " + t.table() + " t STRAIGHT_JOIN " + runs.runTable() + " "
                + R + " ON " + R + ".id = " + run + " WHERE t." + t.tagColumn() + " = ").text(tag);
        Sql rest = runs.whereBesidesDrivingTag();
        if (rest != null) {
            query.append(" AND ").append(rest);
        }
        return limit(query.append(" GROUP BY " + run + " ORDER BY " + run + " DESC"), limit, 0);
    }

    /**
     * A plain read of the subflows' ids ({@link #subflowIds}), then an UPDATE by key ({@link #updateWhereIn}): an
     * UPDATE joining the task runs locks every task run it reads, including those of runs another transaction is
     * deleting.
     */
    @Override
    public int orphanSubflows(SqlRunner sql, String runTable, String taskRunTable, Collection<UUID> flowRunIds) {
        List<UUID> subflows = sql.query("find subflow runs", subflowIds(runTable, taskRunTable, flowRunIds),
                row -> row.uuid("id"));
        return subflows.isEmpty() ? 0 : sql.update("orphan subflow runs", updateWhereIn(runTable,
                "parent_task_run_id = NULL", "id", new LinkedHashSet<>(subflows)));
    }

    /**
     * {@code SELECT r.id FROM task_runs tr STRAIGHT_JOIN runs r ON r.parent_task_run_id = tr.id WHERE …}: {@code WHERE
     * parent_task_run_id IN (SELECT …)} runs as a dependent subquery over every run (a full index scan per bulk
     * delete, measured in docs/BENCHMARKS.md), so the join starts from the task runs' index; STRAIGHT_JOIN keeps that
     * order, which the optimizer otherwise reverses when most runs have no parent (InnoDB counts all those NULLs as
     * one value and estimates the parent index useless). A plain read, it locks nothing.
     */
    public Sql subflowIds(String runTable, String taskRunTable, Collection<UUID> flowRunIds) {
        return Sql.of("SELECT r.id FROM " + taskRunTable + " tr STRAIGHT_JOIN " + runTable
                        + " r ON r.parent_task_run_id = tr.id WHERE ")
                .append(in(Aliases.TASK_RUN + ".flow_run_id", SqlType.UUID, new LinkedHashSet<>(flowRunIds)));
    }

    /**
     * Two statements: the rows are locked and read through the primary key ({@code SELECT … ORDER BY id DESC FOR
     * UPDATE}: what this transaction then deletes, as it deletes it), then deleted by key ({@link #deleteWhereIn}).
     * A {@code DELETE … WHERE id IN (…) RETURNING} that the optimizer runs as a table scan (small tables, long lists)
     * waits for, and locks, every row it reads.
     */
    @Override
    public List<DeletedFlowRun> deleteRunsReturning(SqlRunner sql, String runTable, Collection<UUID> ids) {
        List<DeletedFlowRun> locked = sql.query("lock flow runs to delete", Sql.of("SELECT " + DELETED_RUN_COLUMNS
                        + " FROM " + runTable + " WHERE ").append(in("id", SqlType.UUID, new LinkedHashSet<>(ids)))
                .append(" ORDER BY " + orderBy("id", false, false) + forUpdate()), DatabaseEngine::deletedRun);
        if (!locked.isEmpty()) {
            List<UUID> lockedIds = new ArrayList<>(locked.size());
            locked.forEach(r -> lockedIds.add(r.id()));
            sql.update("delete flow runs", deleteWhereIn(runTable, "id", lockedIds));
        }
        return locked;
    }

    /** {@code DELETE FROM t WHERE … RETURNING …} (not used by the bulk delete, see {@link #deleteRunsReturning}). */
    @Override
    protected Sql deleteReturning(String table, Sql where, String columns) {
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

    /** {@code UPDATE JSON_TABLE(ids) k STRAIGHT_JOIN t ON t.column = k.id SET …}: driven by the keys, like {@link #deleteWhereIn}. */
    Sql updateWhereIn(String table, String assignment, String column, Collection<UUID> ids) {
        return Sql.of("UPDATE ").append(keys(ids))
                .append(" STRAIGHT_JOIN " + table + " t ON t." + column + " = k.id SET t." + assignment);
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

    /** {@code DELETE FROM t WHERE … LIMIT ?} (MariaDB refuses LIMIT inside an IN subquery). */
    @Override
    public Sql deleteAtMost(String table, Sql where, int maxRows) {
        return Sql.of("DELETE FROM " + table + " WHERE ").append(where).append(" LIMIT ").integer(maxRows);
    }

    /**
     * Multi-row {@code INSERT … VALUES … ON DUPLICATE KEY UPDATE flow_run_id = flow_run_id} (a no-op update), one
     * statement per {@value #PURGE_ENTRIES_PER_STATEMENT} runs.
     */
    @Override
    public List<Sql> insertPurgeEntries(String table, List<UUID> flowRunIds, Instant now) {
        List<Sql> statements = new ArrayList<>();
        for (List<UUID> chunk : chunks(flowRunIds, PURGE_ENTRIES_PER_STATEMENT)) {
            Sql sql = Sql.of("INSERT INTO " + table + " (flow_run_id, enqueued_at, next_attempt_at, attempts, failed)"
                    + " VALUES ");
            boolean first = true;
            for (UUID id : chunk) {
                sql.append(first ? "(" : ", (").uuid(id).append(", ").time(now).append(", ").time(now)
                        .append(", 0, FALSE)");
                first = false;
            }
            statements.add(sql.append(" ON DUPLICATE KEY UPDATE flow_run_id = flow_run_id"));
        }
        return statements;
    }

    /**
     * With {@code useAffectedRows=true} an UPDATE counts only the rows it changed: a row matched but left as it was
     * (a limit already at 0 slots, a lease renewed to the same expiry) is confirmed by {@code matchedUnchanged}.
     */
    @Override
    public boolean updateMatched(SqlRunner sql, String what, Sql update, BooleanSupplier matchedUnchanged) {
        return sql.update(what, update) > 0 || matchedUnchanged.getAsBoolean();
    }

    /**
     * {@code innodb_lock_wait_timeout} (whole seconds, at least 1) for the session, the previous value kept in a
     * user variable and put back when the transaction ends.
     */
    @Override
    protected Session.Setting applyLockTimeout(Connection connection, Duration timeout, int queryTimeoutSeconds)
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

    /**
     * Connection class 08, connection killed (1927, {@code KILL CONNECTION}), server shutdown in progress (1053),
     * server gone away (2006), lost connection during query (2013), and the driver's "Connection … closed".
     */
    @Override
    protected boolean isConnectionLost(SQLException e) {
        return SqlErrors.connectionLost(e) || SqlErrors.hasCode(e, 1927, 1053, 2006, 2013)
                || SqlErrors.messageHas(e, "connection", "closed");
    }

    /**
     * {@code max_statement_time} exceeded (1969; Connector/J applies a query timeout as
     * {@code SET STATEMENT max_statement_time=… FOR}), or the driver's own timeout.
     */
    @Override
    protected boolean isStatementTimeout(SQLException e) {
        return SqlErrors.hasCode(e, 1969) || SqlErrors.statementTimedOut(e);
    }

    /** Deadlock (1213 / 40001) and lock wait timeout (1205). */
    @Override
    protected boolean isTransient(SQLException e) {
        return SqlErrors.hasState(e, "40001") || SqlErrors.hasCode(e, 1213, 1205);
    }

    private static <T> List<List<T>> chunks(List<T> values, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += size) {
            chunks.add(values.subList(from, Math.min(values.size(), from + size)));
        }
        return chunks;
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
