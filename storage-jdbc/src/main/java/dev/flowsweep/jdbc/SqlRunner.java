package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.dialect.Dialect;
import dev.flowsweep.jdbc.sql.Param;
import dev.flowsweep.jdbc.sql.Sql;
import dev.flowsweep.spi.FlowsweepConflictException;
import dev.flowsweep.spi.FlowsweepStorageException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the statements of one transaction: prepares, binds every parameter the dialect's way, applies the
 * statement timeout, maps rows, and turns a {@link SQLException} into a {@link FlowsweepStorageException}
 * (a {@link FlowsweepConflictException} for integrity conflicts, transient for deadlocks and lock timeouts).
 */
final class SqlRunner {
    private final Connection connection;
    private final Dialect dialect;
    private final int queryTimeoutSeconds;
    private final JdbcTransaction owner;

    SqlRunner(Connection connection, Dialect dialect, int queryTimeoutSeconds, JdbcTransaction owner) {
        this.connection = connection;
        this.dialect = dialect;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.owner = owner;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the update count. */
    int update(String what, Sql sql) {
        owner.ensureOpen();
        try (PreparedStatement ps = prepare(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    /** Runs a query (or a statement returning rows) and maps every row. */
    <T> List<T> query(String what, Sql sql, Row.Mapper<T> mapper) {
        owner.ensureOpen();
        try (PreparedStatement ps = prepare(sql); ResultSet rs = ps.executeQuery()) {
            List<T> result = new ArrayList<>();
            Row row = new Row(rs, dialect);
            while (rs.next()) {
                result.add(mapper.map(row));
            }
            return result;
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    /** Runs a query expected to return at most one row. */
    <T> Optional<T> queryOne(String what, Sql sql, Row.Mapper<T> mapper) {
        List<T> rows = query(what, sql, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Runs {@code work} so that it changes all or nothing: inside a savepoint that is rolled back when it fails,
     * which also keeps a PostgreSQL transaction usable after a conflict.
     */
    void atomically(String what, Runnable work) {
        owner.ensureOpen();
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

    private PreparedStatement prepare(Sql sql) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql.text());
        try {
            if (queryTimeoutSeconds > 0) {
                ps.setQueryTimeout(queryTimeoutSeconds);
            }
            List<Param> params = sql.params();
            for (int i = 0; i < params.size(); i++) {
                dialect.bind(connection, ps, i + 1, params.get(i));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    FlowsweepStorageException translate(String what, SQLException e) {
        return translate(dialect, what, e);
    }

    static FlowsweepStorageException translate(Dialect dialect, String what, SQLException e) {
        if (dialect.isConflict(e)) {
            return new FlowsweepConflictException(what + ": " + e.getMessage(), e);
        }
        boolean transientFailure = dialect.isTransient(e);
        return new FlowsweepStorageException(what + " failed" + (transientFailure ? " (transient)" : "") + ": "
                + e.getMessage(), e, transientFailure);
    }
}
