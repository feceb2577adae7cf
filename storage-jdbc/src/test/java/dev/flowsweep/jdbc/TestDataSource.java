package dev.flowsweep.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource for tests over {@link DriverManager}: each connection runs some session SQL first (a non-UTC
 * time zone) and may be wrapped (statement counting, failure injection).
 */
final class TestDataSource implements DataSource {
    private final String url;
    private final List<String> sessionSql;
    private final UnaryOperator<Connection> wrapper;

    TestDataSource(String url, List<String> sessionSql) {
        this(url, sessionSql, UnaryOperator.identity());
    }

    private TestDataSource(String url, List<String> sessionSql, UnaryOperator<Connection> wrapper) {
        this.url = url;
        this.sessionSql = List.copyOf(sessionSql);
        this.wrapper = wrapper;
    }

    /** The same database, each connection passed through {@code wrapper}. */
    TestDataSource wrapped(UnaryOperator<Connection> w) {
        return new TestDataSource(url, sessionSql, c -> w.apply(wrapper.apply(c)));
    }

    String url() {
        return url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement st = c.createStatement()) {
            for (String sql : sessionSql) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return wrapper.apply(c);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials are in the URL");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public String toString() {
        return url;
    }
}
