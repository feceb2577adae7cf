package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Param;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.spi.FlowsweepStorageException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the statements of one transaction: prepares, binds every parameter the database's way, applies the
 * statement timeout, maps rows, and turns a {@link SQLException} into a {@link FlowsweepStorageException}
 * ({@link DatabaseEngine#translate}).
 */
public final class SqlRunner {
    private final Connection connection;
    private final DatabaseEngine db;
    private final int queryTimeoutSeconds;
    private final Runnable ensureOpen;

    /**
     * @param ensureOpen throws when the transaction this runner belongs to has ended
     */
    public SqlRunner(Connection connection, DatabaseEngine db, int queryTimeoutSeconds, Runnable ensureOpen) {
        this.connection = connection;
        this.db = db;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.ensureOpen = ensureOpen;
    }

    /** The database the statements run on. */
    public DatabaseEngine db() {
        return db;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the update count. */
    public int update(String what, Sql sql) {
        ensureOpen.run();
        try (PreparedStatement ps = prepare(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw db.translate(what, e);
        }
    }

    /** Runs a query (or a statement returning rows) and maps every row. */
    public <T> List<T> query(String what, Sql sql, Row.Mapper<T> mapper) {
        ensureOpen.run();
        try (PreparedStatement ps = prepare(sql); ResultSet rs = ps.executeQuery()) {
            List<T> result = new ArrayList<>();
            Row row = new Row(rs, db);
            while (rs.next()) {
                result.add(mapper.map(row));
            }
            return result;
        } catch (SQLException e) {
            throw db.translate(what, e);
        }
    }

    /**
     * Runs a query and hands each row to {@code sink} as it is read, {@code fetchSize} rows at a time from the
     * database (a cursor inside the transaction), never holding the result; returns how many rows.
     */
    public <T> long forEach(String what, Sql sql, int fetchSize, Row.Mapper<T> mapper, Consumer<T> sink) {
        ensureOpen.run();
        try (PreparedStatement ps = prepare(sql)) {
            ps.setFetchSize(fetchSize);
            try (ResultSet rs = ps.executeQuery()) {
                Row row = new Row(rs, db);
                long n = 0;
                while (rs.next()) {
                    sink.accept(mapper.map(row));
                    n++;
                }
                return n;
            }
        } catch (SQLException e) {
            throw db.translate(what, e);
        }
    }

    /** Runs a query expected to return at most one row. */
    public <T> Optional<T> queryOne(String what, Sql sql, Row.Mapper<T> mapper) {
        List<T> rows = query(what, sql, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs {@code work} so that it changes all or nothing ({@link DatabaseEngine#atomically}). */
    public void atomically(String what, Runnable work) {
        ensureOpen.run();
        db.atomically(connection, what, work);
    }

    private PreparedStatement prepare(Sql sql) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql.text());
        try {
            if (queryTimeoutSeconds > 0) {
                ps.setQueryTimeout(queryTimeoutSeconds);
            }
            List<Param> params = sql.params();
            for (int i = 0; i < params.size(); i++) {
                db.bind(connection, ps, i + 1, params.get(i));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
