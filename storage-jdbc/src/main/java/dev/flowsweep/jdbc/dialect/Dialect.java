package dev.flowsweep.jdbc.dialect;

import dev.flowsweep.jdbc.sql.Param;
import dev.flowsweep.jdbc.sql.Sql;
import dev.flowsweep.jdbc.sql.SqlType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What differs between the databases {@code JdbcStorage} supports: how UUIDs and lists are bound, how a
 * delete reports the rows it deleted, how nulls sort, how an idempotent insert is written, how lock timeouts are
 * set and which errors are transient. Everything else is plain SQL shared by all of them.
 *
 * <p>Times are bound everywhere as {@link LocalDateTime} in UTC into {@code TIMESTAMP(6)}/{@code DATETIME(6)}
 * columns without a time zone, so neither the JVM's nor the session's time zone is ever consulted.
 *
 * <p>Implementations: {@link H2Dialect}, {@link PostgresDialect}, {@link MariaDbDialect}; {@link Dialects#detect}
 * picks one from the connection's metadata.
 */
public abstract class Dialect {

    /** For subclasses: one per database. */
    protected Dialect() {
    }

    /**
     * The dialect's short name: {@code h2}, {@code postgresql} or {@code mariadb}. It names the folder of the
     * shipped schema migrations, {@code db/<name>/V<n>__<description>.sql}.
     */
    public abstract String name();

    // ------------------------------------------------------------------------------------------------ binding

    /** Binds one parameter. */
    public void bind(Connection connection, PreparedStatement ps, int index, Param param) throws SQLException {
        Object v = param.value();
        switch (param.type()) {
            case UUID -> {
                if (v == null) {
                    ps.setNull(index, uuidNullType());
                } else {
                    setUuid(ps, index, (UUID) v);
                }
            }
            case TEXT -> {
                if (v == null) {
                    ps.setNull(index, Types.VARCHAR);
                } else {
                    ps.setString(index, (String) v);
                }
            }
            case TIME -> {
                if (v == null) {
                    ps.setNull(index, Types.TIMESTAMP);
                } else {
                    ps.setObject(index, LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC));
                }
            }
            case INTEGER -> {
                if (v == null) {
                    ps.setNull(index, Types.INTEGER);
                } else {
                    ps.setInt(index, (Integer) v);
                }
            }
            case BIGINT -> {
                if (v == null) {
                    ps.setNull(index, Types.BIGINT);
                } else {
                    ps.setLong(index, (Long) v);
                }
            }
            case BOOLEAN -> {
                if (v == null) {
                    ps.setNull(index, Types.BOOLEAN);
                } else {
                    ps.setBoolean(index, (Boolean) v);
                }
            }
            case UUID_ARRAY, TEXT_ARRAY -> ps.setArray(index, connection.createArrayOf(
                    arrayElementTypeName(param.type()), ((Collection<?>) v).toArray()));
        }
    }

    /** Binds a non-null UUID. Default: {@code setObject(UUID)} (a native {@code uuid}/{@code UUID} column). */
    protected void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
        ps.setObject(index, value);
    }

    /** The {@link Types} constant used to bind a null UUID. */
    protected int uuidNullType() {
        return Types.OTHER;
    }

    /** Reads a nullable UUID column. */
    public UUID getUuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** Reads a nullable time column (UTC, no time zone in the column). */
    public final Instant getTime(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** The element type name given to {@link Connection#createArrayOf}; only for dialects with arrays. */
    protected String arrayElementTypeName(SqlType arrayType) {
        throw new UnsupportedOperationException(name() + " binds no arrays");
    }

    // ----------------------------------------------------------------------------------------- capabilities

    /**
     * Whether a list of values is bound as one array parameter ({@code x = ANY(?)}), so that any number of values
     * fits in one statement (PostgreSQL refuses more than 65,535 parameters). Without arrays, lists are written
     * as {@code IN (?, ?, …)}.
     */
    public abstract boolean supportsArrays();

    /** The most elements one array parameter may hold; longer lists are split into several arrays. */
    public int maxArrayLength() {
        return Integer.MAX_VALUE;
    }

    /**
     * Whether {@code CROSS JOIN LATERAL (subquery … FOR UPDATE)} works, so that a bulk delete filtered by a tag can
     * read the tag index in id order and lock the runs it reaches (PostgreSQL).
     */
    public boolean supportsLateralJoin() {
        return false;
    }

    /**
     * Whether {@code tag t STRAIGHT_JOIN flow_run r … GROUP BY t.flow_run_id ORDER BY t.flow_run_id DESC LIMIT ?}
     * reads the tag index in id order and stops at the limit, so that the candidates of a bulk delete filtered by a
     * tag can be found without walking the runs (MariaDB, which has no {@code LATERAL}).
     */
    public boolean supportsStraightJoin() {
        return false;
    }

    /** Whether a failed statement makes the rest of the transaction unusable until a rollback (PostgreSQL). */
    public boolean errorAbortsTransaction() {
        return false;
    }

    /** Whether DDL is transactional, so a migration can be applied atomically (PostgreSQL). */
    public boolean transactionalDdl() {
        return false;
    }

    /**
     * Whether an UPDATE may report 0 for a row it matched but did not change (MariaDB with
     * {@code useAffectedRows=true}); then a matched-but-unchanged row has to be confirmed separately.
     */
    public boolean updateCountMayMissUnchangedRows() {
        return false;
    }

    /**
     * Whether {@code SELECT … ORDER BY … LIMIT n FOR UPDATE} locks every row matching the WHERE clause rather
     * than only the {@code n} rows returned (H2 sorts first and locks all it collected; MariaDB locks what it reads
     * through a secondary index, in that index's order). Such a dialect locks the rows to delete in steps: select
     * the ids, lock exactly those rows through the primary key in id order, check the criterion again.
     */
    public boolean forUpdateLocksEveryMatchingRow() {
        return false;
    }

    // -------------------------------------------------------------------------------------------- fragments

    /**
     * {@code expr} is one of {@code values} (non-empty, no nulls): {@code expr = ?} for one value, otherwise
     * {@code expr = ANY(?)} with an array, or {@code expr IN (?, …)} on dialects without arrays.
     */
    public Sql in(String expr, SqlType elementType, Collection<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("empty value list for " + expr);
        }
        Sql sql = Sql.of(expr);
        if (values.size() == 1) {
            return sql.append(" = ").bind(elementType, values.iterator().next());
        }
        if (supportsArrays() && elementType.hasArrayType()) {
            int max = maxArrayLength();
            if (values.size() <= max) {
                return sql.append(" = ANY(").bind(elementType.arrayType(), values).append(")");
            }
            List<?> all = new ArrayList<>(values);
            Sql or = Sql.of("(");
            for (int from = 0; from < all.size(); from += max) {
                or.append(from == 0 ? "" : " OR ").append(expr + " = ANY(")
                        .bind(elementType.arrayType(), all.subList(from, Math.min(all.size(), from + max))).append(")");
            }
            return or.append(")");
        }
        sql.append(" IN (");
        boolean first = true;
        for (Object v : values) {
            if (!first) {
                sql.append(", ");
            }
            sql.bind(elementType, v);
            first = false;
        }
        return sql.append(")");
    }

    /**
     * One ORDER BY item that sorts nulls as PostgreSQL does (last ascending, first descending).
     * Default: {@code expr ASC NULLS LAST} / {@code expr DESC NULLS FIRST}.
     */
    public String orderBy(String expr, boolean ascending, boolean nullable) {
        String dir = ascending ? " ASC" : " DESC";
        if (!nullable) {
            return expr + dir;
        }
        return expr + dir + (ascending ? " NULLS LAST" : " NULLS FIRST");
    }

    /**
     * The expression to sort a text column by so that the order is by Unicode code point. Default: the column
     * itself (binary collations); H2 compares UTF-16 code units and overrides this.
     */
    public String textSortKey(String expr) {
        return expr;
    }

    /** {@code LIMIT ? OFFSET ?} appended to {@code sql}. */
    public Sql limit(Sql sql, int limit, int offset) {
        sql.append(" LIMIT ").integer(limit);
        if (offset > 0) {
            sql.append(" OFFSET ").integer(offset);
        }
        return sql;
    }

    /** The locking clause of a {@code SELECT} whose rows this transaction will delete. */
    public String forUpdate() {
        return " FOR UPDATE";
    }

    /** The locking clause of a {@code SELECT} that claims queue rows: rows locked by others are skipped. */
    public String forUpdateSkipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    /**
     * A statement that deletes the rows of {@code table} matching {@code where} (a condition on unqualified
     * columns) and returns {@code columns} of exactly the rows it deleted.
     */
    public abstract Sql deleteReturning(String table, Sql where, String columns);

    /**
     * A statement that sets {@code parent_task_run_id} to null on the runs of {@code runTable} whose parent is a task
     * run (alias {@code tr} of {@code taskRunTable}) matching {@code taskRunCondition}. Default:
     * {@code UPDATE runs SET parent_task_run_id = NULL WHERE parent_task_run_id IN (SELECT tr.id FROM … tr WHERE …)}.
     */
    public Sql orphanSubflows(String runTable, String taskRunTable, Sql taskRunCondition) {
        return Sql.of("UPDATE " + runTable + " SET parent_task_run_id = NULL WHERE parent_task_run_id IN (SELECT tr.id FROM "
                + taskRunTable + " tr WHERE ").append(taskRunCondition).append(")");
    }

    /**
     * A plain (non-locking) query of the ids of the runs of {@code runTable} whose parent is a task run (alias
     * {@code tr}) matching {@code taskRunCondition}: the first step of orphaning subflows where the one-statement
     * {@link #orphanSubflows} could lock rows it does not change ({@link #deleteMayLockOtherRows()}); the second is
     * {@link #updateWhereIn}.
     */
    public Sql subflowIds(String runTable, String taskRunTable, Sql taskRunCondition) {
        return Sql.of("SELECT r.id FROM " + taskRunTable + " tr JOIN " + runTable + " r ON r.parent_task_run_id = tr.id"
                + " WHERE ").append(taskRunCondition);
    }

    /**
     * A statement that applies {@code assignment} (e.g. {@code parent_task_run_id = NULL}, columns unqualified) to the
     * rows of {@code table} whose UUID {@code column} is one of {@code ids} (non-empty, distinct) and touches no other
     * row. Default: {@code UPDATE t SET … WHERE column IN …}.
     */
    public Sql updateWhereIn(String table, String assignment, String column, Collection<UUID> ids) {
        return Sql.of("UPDATE " + table + " SET " + assignment + " WHERE ").append(in(column, SqlType.UUID, ids));
    }

    /**
     * A statement that deletes the rows of {@code table} whose UUID {@code column} is one of {@code ids} (non-empty,
     * distinct) and touches no other row. Default: {@code DELETE FROM t WHERE column IN …}.
     */
    public Sql deleteWhereIn(String table, String column, Collection<UUID> ids) {
        return Sql.of("DELETE FROM " + table + " WHERE ").append(in(column, SqlType.UUID, ids));
    }

    /**
     * Whether {@link #deleteReturning} may lock rows other than those it deletes (MariaDB: a DELETE that the optimizer
     * runs as a table scan locks, and waits for, every row it reads). Such a dialect deletes flow runs in two steps:
     * {@code SELECT … FOR UPDATE} through the primary key, then {@link #deleteWhereIn}.
     */
    public boolean deleteMayLockOtherRows() {
        return false;
    }

    /** A statement that deletes at most {@code maxRows} rows of {@code table} matching {@code where}. */
    public abstract Sql deleteAtMost(String table, String idColumn, Sql where, int maxRows);

    /**
     * A statement that queues a purge of each of {@code flowRunIds} (distinct, non-empty) into the purge queue
     * table, due at {@code now}, leaving the entries already queued as they are.
     */
    public abstract Sql insertPurgeEntries(String table, Collection<UUID> flowRunIds, Instant now);

    // --------------------------------------------------------------------------------------------- sessions

    /**
     * Begins a transaction on {@code connection} (autocommit on, nothing in progress) that is READ COMMITTED with
     * {@code lockTimeout} (zero: the database's own) for this transaction only, and returns true; then the session's
     * isolation and lock timeout are neither read before nor restored after it. Default: false, nothing done — the
     * caller reads the session's isolation, sets it, turns autocommit off, {@link #applyLockTimeout}s, and restores.
     */
    public boolean beginReadCommitted(Connection connection, Duration lockTimeout, int queryTimeoutSeconds)
            throws SQLException {
        return false;
    }

    /**
     * Applies {@code timeout} as the lock wait timeout of the transaction that just began on {@code connection};
     * the returned handle restores the previous setting when the transaction ends.
     */
    public abstract SessionSetting applyLockTimeout(Connection connection, Duration timeout, int queryTimeoutSeconds)
            throws SQLException;

    /**
     * Takes the lock that serializes schema creation among instances starting at once; waits up to {@code wait}.
     * {@code name} identifies the schema and table prefix.
     */
    public abstract SchemaLock lockSchema(Connection connection, String name, Duration wait) throws SQLException;

    // ----------------------------------------------------------------------------------------------- errors

    /** Whether the failure is an integrity conflict (SQLState class 23: duplicate key, missing parent row). */
    public boolean isConflict(SQLException e) {
        for (SQLException s : SqlErrors.chain(e)) {
            String state = s.getSQLState();
            if (state != null && state.startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** Whether retrying the whole transaction may succeed: a deadlock, serialization failure or lock timeout. */
    public abstract boolean isTransient(SQLException e);

    @Override
    public String toString() {
        return name();
    }

    /** A session setting changed for one transaction; {@link #restore} puts the previous value back. */
    @FunctionalInterface
    public interface SessionSetting {
        /** Nothing changed, nothing to restore. */
        SessionSetting NONE = c -> { };

        /** Puts the previous setting back on {@code connection}. */
        void restore(Connection connection) throws SQLException;
    }

    /** A held schema lock. */
    @FunctionalInterface
    public interface SchemaLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
