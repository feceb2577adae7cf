package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Aliases;
import dev.flowsweep.jdbc.internal.sql.Param;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.FlowsweepConflictException;
import dev.flowsweep.spi.FlowsweepStorageException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The database axis: everything that differs between the databases {@code JdbcStorage} runs on, one subclass per
 * database ({@link H2Engine}, {@link PostgresEngine}, {@link MariaDbEngine}, {@link SqliteEngine}). The stores call
 * it; they never ask
 * what it can do. It owns
 * <ul>
 *   <li>values: how each {@link SqlType} is bound and read ({@link #bind}, {@link #readUuid}, {@link #readTime});</li>
 *   <li>fragments: lists ({@link #in}), null ordering, text sort keys, {@code LIMIT}, row locking clauses,
 *       {@link #greatest};</li>
 *   <li>the delete path's strategy: how the runs of a bulk delete are locked ({@link #lockForDelete}), how their
 *       subflows are orphaned ({@link #orphanSubflows}), how runs are deleted reporting what was deleted
 *       ({@link #deleteRunsReturning}), how rows are deleted by key ({@link #deleteWhereIn}) or in bounded numbers
 *       ({@link #deleteAtMost}), how purges are queued ({@link #insertPurgeEntries}) and whether an UPDATE matched
 *       ({@link #updateMatched});</li>
 *   <li>sessions: how a transaction begins and its settings are put back ({@link #begin}), how a unit of work
 *       changes all or nothing ({@link #atomically}), how a schema script is applied ({@link #applyMigration}) and
 *       instances starting at once are serialised ({@link #lockSchema});</li>
 *   <li>errors: which failures are conflicts and which are transient ({@link #translate}).</li>
 * </ul>
 * Table and column names come from the other axis, the layout ({@code internal.layout.TableLayout}): a strategy
 * method takes them as arguments (or as a {@link RunSelection}), so that every database works with every layout.
 * The column names a strategy writes itself ({@code id}, {@code flow_run_id}, {@code parent_task_run_id},
 * {@code state_type}, {@code deployment_id}) are Prefect's, which every layout keeps.
 *
 * <p>Why a database is an object with methods and not a set of capability flags: the stores used to branch on flags
 * ("has arrays", "has LATERAL", "FOR UPDATE locks every matching row", "a DELETE may lock other rows"), and each new
 * database multiplied the paths. Now each database states its own way once. SQLite ({@link SqliteEngine}) shows it:
 * it has no row locks, so its {@link #begin} turns {@code PRAGMA foreign_keys} on and starts the transaction with
 * {@code BEGIN IMMEDIATE} under a busy timeout ({@link #commit} and {@link #rollback} are statements), its
 * {@link #forUpdate} is empty and its {@link #lockForDelete} a plain select; it binds UUIDs as lower-case text and
 * times as UTC text {@code YYYY-MM-DD HH:MM:SS.ffffff} in {@link #bind}, lists as one JSON array in {@link #in}, writes
 * {@code max(a, b)} for {@link #greatest}, and has {@code DELETE … RETURNING}. How a JSON column or an enum of
 * Prefect's schema is read and tested is not the database's but that layout's ({@code layout.prefect.PrefectDialect},
 * one per database), since no other layout has such columns.
 *
 * <p>A database may keep private knobs for its own methods ({@link #maxArrayLength}); nothing outside reads them.
 */
public abstract class DatabaseEngine {

    /** For subclasses: one per database. */
    protected DatabaseEngine() {
    }

    /**
     * The database's short name: {@code h2}, {@code postgresql} or {@code mariadb}; it names the folder of the
     * shipped schema scripts, {@code db/<name>/V<n>__<description>.sql}.
     */
    public abstract String name();

    // ------------------------------------------------------------------------------------------------- values

    /**
     * Binds one parameter. Times are {@link LocalDateTime} in UTC ({@link SqlType#TIME}) or {@link OffsetDateTime} in
     * UTC ({@link SqlType#TIMESTAMPTZ}): no time zone is ever consulted.
     */
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
            case TIMESTAMPTZ -> {
                if (v == null) {
                    ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setObject(index, OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC));
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

    /** The element type name given to {@link Connection#createArrayOf}; only for databases binding arrays. */
    protected String arrayElementTypeName(SqlType arrayType) {
        throw new UnsupportedOperationException(name() + " binds no arrays");
    }

    /** Reads a nullable UUID column. */
    public UUID readUuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /**
     * Reads a nullable time column of type {@code type}. Default: {@link SqlType#TIME}, a UTC
     * {@link LocalDateTime} in a column without a time zone; {@link SqlType#TIMESTAMPTZ}, an {@link OffsetDateTime}.
     *
     * @throws IllegalArgumentException for a type that holds no time
     */
    public Instant readTime(ResultSet rs, String column, SqlType type) throws SQLException {
        if (type == SqlType.TIMESTAMPTZ) {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
        if (type != SqlType.TIME) {
            throw new IllegalArgumentException(column + " of type " + type + " holds no time");
        }
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    // ---------------------------------------------------------------------------------------------- fragments

    /**
     * The most elements one array parameter may hold, longer lists becoming several arrays; 0 where lists are
     * written as {@code IN (?, …)}. A knob of {@link #in} only.
     */
    protected int maxArrayLength() {
        return 0;
    }

    /**
     * {@code expr} is one of {@code values} (non-empty, no nulls): {@code expr = ?} for one value, otherwise
     * {@code expr = ANY(?)} with one array (PostgreSQL refuses more than 65,535 parameters, an array is one), or
     * {@code expr IN (?, …)} on databases without arrays.
     */
    public Sql in(String expr, SqlType elementType, Collection<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("empty value list for " + expr);
        }
        Sql sql = Sql.of(expr);
        if (values.size() == 1) {
            return sql.append(" = ").bind(elementType, values.iterator().next());
        }
        int max = maxArrayLength();
        if (max > 0 && elementType.hasArrayType()) {
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
     * The lists, in order, that statements binding {@code ids} with {@link #in} should each carry: where lists are
     * arrays, all of them in one (and none for no ids). Databases writing one placeholder per id split them.
     */
    public <T> List<List<T>> listsPerStatement(List<T> ids) {
        return ids.isEmpty() ? List.of() : List.of(ids);
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

    /** The expression to sort text by so that it is in Unicode code point order. Default: the text itself. */
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

    /** The locking clause of a {@code SELECT} whose rows this transaction will change. */
    public String forUpdate() {
        return " FOR UPDATE";
    }

    /** The locking clause of a {@code SELECT} that claims queue rows: rows locked by others are skipped. */
    public String forUpdateSkipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    /** The larger of two numeric expressions: {@code GREATEST(a, b)}. */
    public Sql greatest(Sql a, Sql b) {
        return Sql.of("GREATEST(").append(a).append(", ").append(b).append(")");
    }

    // ------------------------------------------------------------------------------------ the delete path

    /**
     * Locks, in id order, at most {@code limit} runs matching {@code runs}, newest id first, and returns their ids:
     * the runs this transaction then deletes. It must lock no run it does not return, so that a bulk delete never
     * waits for a run it leaves, and concurrent ones lock in the same order and never deadlock.
     */
    public abstract List<UUID> lockForDelete(SqlRunner sql, RunSelection runs, int limit);

    /**
     * Sets {@code parent_task_run_id} to null on the runs of {@code runTable} whose parent is a task run of
     * {@code taskRunTable} belonging to one of {@code flowRunIds} (non-empty); returns how many. Default: one
     * {@code UPDATE runs SET parent_task_run_id = NULL WHERE parent_task_run_id IN (SELECT tr.id FROM … tr WHERE …)}.
     */
    public int orphanSubflows(SqlRunner sql, String runTable, String taskRunTable, Collection<UUID> flowRunIds) {
        Sql ofTheseRuns = in(Aliases.TASK_RUN + ".flow_run_id", SqlType.UUID, new LinkedHashSet<>(flowRunIds));
        return sql.update("orphan subflow runs", Sql.of("UPDATE " + runTable + " SET parent_task_run_id = NULL"
                + " WHERE parent_task_run_id IN (SELECT tr.id FROM " + taskRunTable + " tr WHERE ")
                .append(ofTheseRuns).append(")"));
    }

    /**
     * Deletes the runs of {@code runTable} with these ids (non-empty) and returns exactly those it deleted, with
     * their state and deployment. Default: one statement, {@link #deleteReturning}.
     */
    public List<DeletedFlowRun> deleteRunsReturning(SqlRunner sql, String runTable, Collection<UUID> ids) {
        Sql where = in("id", SqlType.UUID, new LinkedHashSet<>(ids));
        return sql.query("delete flow runs", deleteReturning(runTable, where, DELETED_RUN_COLUMNS),
                DatabaseEngine::deletedRun);
    }

    /** The columns of a deleted run that a bulk delete needs: {@value}. */
    protected static final String DELETED_RUN_COLUMNS = "id, state_type, deployment_id";

    /** A row of {@link #DELETED_RUN_COLUMNS}. */
    protected static DeletedFlowRun deletedRun(Row row) throws SQLException {
        return new DeletedFlowRun(row.uuid("id"), row.stateType("state_type"), row.uuid("deployment_id"));
    }

    /**
     * A statement that deletes the rows of {@code table} matching {@code where} (a condition on unqualified
     * columns) and returns {@code columns} of exactly the rows it deleted.
     */
    protected abstract Sql deleteReturning(String table, Sql where, String columns);

    /**
     * A statement that deletes the rows of {@code table} whose UUID {@code column} is one of {@code ids} (non-empty,
     * distinct) and touches no other row. Default: {@code DELETE FROM t WHERE column IN …}.
     */
    public Sql deleteWhereIn(String table, String column, Collection<UUID> ids) {
        return Sql.of("DELETE FROM " + table + " WHERE ").append(in(column, SqlType.UUID, ids));
    }

    /** A statement that deletes at most {@code maxRows} rows of {@code table} matching {@code where}. */
    public abstract Sql deleteAtMost(String table, Sql where, int maxRows);

    /**
     * The statements (at least one) that queue a purge of each of {@code flowRunIds} (distinct, non-empty) into the
     * purge queue {@code table}, due at {@code now}, leaving the entries already queued as they are.
     */
    public abstract List<Sql> insertPurgeEntries(String table, List<UUID> flowRunIds, Instant now);

    /**
     * Runs {@code update} and says whether it matched a row. Default: its update count. A database that may count
     * only the rows an UPDATE changed asks {@code matchedUnchanged} whether a row matched without changing.
     */
    public boolean updateMatched(SqlRunner sql, String what, Sql update, BooleanSupplier matchedUnchanged) {
        return sql.update(what, update) > 0;
    }

    // ------------------------------------------------------------------------------------------------ sessions

    /**
     * Begins a transaction on {@code connection}, whose state {@code session} has saved and restores when the
     * transaction ends: READ COMMITTED, autocommit off, not read-only, {@code lockTimeout} (zero: the database's own).
     * Default: the session's isolation and lock timeout are set and restored afterwards.
     *
     * @return statements still to send, ahead of the transaction's first statement and in its round trip
     *         ({@link SqlRunner#sendAhead}); empty by default, when begin sent what it needed itself
     */
    public List<String> begin(Connection connection, Session session, Duration lockTimeout, int queryTimeoutSeconds)
            throws SQLException {
        session.leaveReadOnly(connection);
        session.readCommitted(connection);
        session.autoCommitOff(connection);
        if (!lockTimeout.isZero()) {
            session.restoreAfterwards(applyLockTimeout(connection, lockTimeout, queryTimeoutSeconds));
        }
        return List.of();
    }

    /**
     * Applies {@code timeout} as the lock wait timeout of the transaction that just began on {@code connection};
     * the returned setting puts the previous one back when the transaction ends.
     */
    protected abstract Session.Setting applyLockTimeout(Connection connection, Duration timeout,
                                                        int queryTimeoutSeconds) throws SQLException;

    /** Commits the transaction {@link #begin} began. Default: {@link Connection#commit()}. */
    public void commit(Connection connection) throws SQLException {
        connection.commit();
    }

    /** Rolls back the transaction {@link #begin} began. Default: {@link Connection#rollback()}. */
    public void rollback(Connection connection) throws SQLException {
        connection.rollback();
    }

    /**
     * Runs {@code work} so that it changes all or nothing: inside a savepoint that is rolled back when it fails,
     * which also keeps a PostgreSQL transaction usable after a conflict.
     */
    public void atomically(Connection connection, String what, Runnable work) {
        Savepoint sp;
        try {
            sp = connection.setSavepoint();
        } catch (SQLException e) {
            throw translate(what, e);
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            try {
                connection.rollback(sp);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(sp);
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    /**
     * Applies the statements of one schema script on {@code connection} (autocommit on). Default: one after the
     * other, as they come (DDL commits by itself).
     */
    public void applyMigration(Connection connection, List<String> statements) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("schema statement failed: " + e.getMessage() + "\n" + sql,
                            e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    /**
     * Takes the lock that serialises schema creation among instances starting at once; waits up to {@code wait}.
     * {@code name} identifies the schema and table prefix.
     */
    public abstract SchemaLock lockSchema(Connection connection, String name, Duration wait) throws SQLException;

    /** A held schema lock. */
    @FunctionalInterface
    public interface SchemaLock extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    // -------------------------------------------------------------------------------------------------- errors

    /**
     * The failure, before any commit was sent, as Flowsweep reports it ({@link FailureKind#beforeCommit}): a
     * {@link FlowsweepConflictException}, a transient one for a deadlock, serialization failure, lock timeout or lost
     * connection, a statement timeout, else a plain {@link FlowsweepStorageException}.
     */
    public FlowsweepStorageException translate(String what, SQLException e) {
        return FailureKind.of(this, e).beforeCommit(what, e);
    }

    /** Whether the connection is gone (closed, killed, shut down, cut). Default: {@link SqlErrors#connectionLost}. */
    protected boolean isConnectionLost(SQLException e) {
        return SqlErrors.connectionLost(e);
    }

    /** Whether a statement was cancelled by the statement timeout. Default: {@link SqlErrors#statementTimedOut}. */
    protected boolean isStatementTimeout(SQLException e) {
        return SqlErrors.statementTimedOut(e);
    }

    /** Whether the failure is an integrity conflict (SQLState class 23: duplicate key, missing parent row). */
    protected boolean isConflict(SQLException e) {
        for (SQLException s : SqlErrors.chain(e)) {
            String state = s.getSQLState();
            if (state != null && state.startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** Whether retrying the whole transaction may succeed: a deadlock, serialization failure or lock timeout. */
    protected abstract boolean isTransient(SQLException e);

    @Override
    public String toString() {
        return name();
    }
}
