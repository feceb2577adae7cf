package dev.flowsweep.testsupport;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Another DataSource's connections, each passed through a function. */
final class WrappingDataSource implements DataSource {
    private final DataSource target;
    private final UnaryOperator<Connection> wrapper;

    WrappingDataSource(DataSource target, UnaryOperator<Connection> wrapper) {
        this.target = target;
        this.wrapper = wrapper;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrapper.apply(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrapper.apply(target.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(target)) {
            return iface.cast(target);
        }
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(target) || target.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "wrapped " + target;
    }
}
