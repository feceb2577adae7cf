package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Param;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.spi.FlowsweepStorageException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    private List<String> ahead = List.of();

    /**
     * @param ensureOpen throws when the transaction this runner belongs to has ended
     */
    public SqlRunner(Connection connection, DatabaseEngine db, int queryTimeoutSeconds, Runnable ensureOpen) {
        this.connection = connection;
        this.db = db;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.ensureOpen = ensureOpen;
    }

    /**
     * Statements to send ahead of the next one, in its round trip: a transaction's settings that its begin left for
     * its first statement ({@link DatabaseEngine#begin}). A statement that cannot carry them (a cursor read, a
     * savepoint) sends them on their own first.
     */
    public void sendAhead(List<String> statements) {
        this.ahead = List.copyOf(statements);
    }

    /** The database the statements run on. */
    public DatabaseEngine db() {
        return db;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the update count. */
    public int update(String what, Sql sql) {
        ensureOpen.run();
        if (!ahead.isEmpty()) {
            try (PreparedStatement ps = executeAfterAhead(sql)) {
                return ps.getUpdateCount();
            } catch (SQLException e) {
                throw db.translate(what, e);
            }
        }
        try (PreparedStatement ps = prepare(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw db.translate(what, e);
        }
    }

    /** Runs a query (or a statement returning rows) and maps every row. */
    public <T> List<T> query(String what, Sql sql, Row.Mapper<T> mapper) {
        ensureOpen.run();
        boolean withAhead = !ahead.isEmpty();
        try (PreparedStatement ps = withAhead ? executeAfterAhead(sql) : prepare(sql);
             ResultSet rs = withAhead ? resultSetOf(ps) : ps.executeQuery()) {
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
        sendAheadAlone(what);
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
        sendAheadAlone(what);
        db.atomically(connection, what, work);
    }

    /**
     * Runs the statements sent ahead and then {@code sql}, in one round trip; returns the statement with its current
     * result that of {@code sql}.
     */
    private PreparedStatement executeAfterAhead(Sql sql) throws SQLException {
        int skip = ahead.size();
        String text = String.join("; ", ahead) + "; " + sql.text();
        ahead = List.of();
        PreparedStatement ps = prepare(text, sql.params());
        try {
            ps.execute();
            for (int i = 0; i < skip; i++) {
                ps.getMoreResults();
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static ResultSet resultSetOf(PreparedStatement ps) throws SQLException {
        ResultSet rs = ps.getResultSet();
        if (rs == null) {
            throw new SQLException("the statement returned no rows");
        }
        return rs;
    }

    /** Sends the statements sent ahead on their own, before a statement that cannot carry them. */
    private void sendAheadAlone(String what) {
        if (ahead.isEmpty()) {
            return;
        }
        String text = String.join("; ", ahead);
        ahead = List.of();
        try (Statement st = connection.createStatement()) {
            if (queryTimeoutSeconds > 0) {
                st.setQueryTimeout(queryTimeoutSeconds);
            }
            st.execute(text);
        } catch (SQLException e) {
            throw db.translate(what, e);
        }
    }

    private PreparedStatement prepare(Sql sql) throws SQLException {
        return prepare(sql.text(), sql.params());
    }

    private PreparedStatement prepare(String text, List<Param> params) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(text);
        try {
            if (queryTimeoutSeconds > 0) {
                ps.setQueryTimeout(queryTimeoutSeconds);
            }
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
