package dev.flowsweep.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

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
 * A DataSource for tests: each connection runs some session SQL first (a non-UTC time zone) and may be wrapped
 * (statement counting, failure injection). Pooled with HikariCP for the database servers, plain
 * {@link DriverManager} connections for in-memory H2.
 */
final class TestDataSource implements DataSource, AutoCloseable {
    private final String url;
    private final List<String> sessionSql;
    private final HikariDataSource pool;
    private final UnaryOperator<Connection> wrapper;

    private TestDataSource(String url, List<String> sessionSql, HikariDataSource pool, UnaryOperator<Connection> wrapper) {
        this.url = url;
        this.sessionSql = List.copyOf(sessionSql);
        this.pool = pool;
        this.wrapper = wrapper;
    }

    /** Unpooled connections. */
    static TestDataSource direct(String url, List<String> sessionSql) {
        return new TestDataSource(url, sessionSql, null, UnaryOperator.identity());
    }

    /** A HikariCP pool; the session SQL is its connection init SQL. */
    static TestDataSource pooled(String url, String sessionSql) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setConnectionInitSql(sessionSql);
        config.setMaximumPoolSize(12);
        config.setMinimumIdle(0);
        config.setPoolName("flowsweep-test");
        return new TestDataSource(url, List.of(), new HikariDataSource(config), UnaryOperator.identity());
    }

    /** The same database (and pool), each connection passed through {@code w}. */
    TestDataSource wrapped(UnaryOperator<Connection> w) {
        return new TestDataSource(url, sessionSql, pool, c -> w.apply(wrapper.apply(c)));
    }

    String url() {
        return url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c;
        if (pool != null) {
            c = pool.getConnection();
        } else {
            c = DriverManager.getConnection(url);
            try (Statement st = c.createStatement()) {
                for (String sql : sessionSql) {
                    st.execute(sql);
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return wrapper.apply(c);
    }

    /** Closes the pool, if any. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
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
