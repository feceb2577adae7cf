package dev.flowsweep.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource over {@link DriverManager} with optional credentials that keeps a few idle connections for reuse:
 * {@code JdbcStorage} takes one connection per transaction, and opening one per batch would dominate a drain (an
 * embedded H2 file would even be reopened each time). {@link #close()} closes the idle ones.
 */
final class CliDataSource implements DataSource, AutoCloseable {
    private static final int MAX_IDLE = 4;

    private final String url;
    private final String user;
    private final String password;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    CliDataSource(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        synchronized (idle) {
            while (!idle.isEmpty()) {
                Connection c = idle.pop();
                if (!c.isClosed()) {
                    return lend(c);
                }
            }
        }
        return lend(user == null && password == null ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, user, password));
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        return DriverManager.getConnection(url, username, pass);
    }

    /** A view of {@code c} whose {@code close()} gives it back instead. */
    private Connection lend(Connection c) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean returned;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "close" -> {
                        if (!returned) {
                            returned = true;
                            giveBack(c);
                        }
                        return null;
                    }
                    case "isClosed" -> {
                        return returned || c.isClosed();
                    }
                    case "toString" -> {
                        return "pooled " + c;
                    }
                    default -> {
                        if (returned && method.getDeclaringClass() == Connection.class) {
                            throw new SQLException("connection already closed");
                        }
                    }
                }
                try {
                    return method.invoke(c, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private void giveBack(Connection c) throws SQLException {
        boolean keep;
        synchronized (idle) {
            keep = !closed && idle.size() < MAX_IDLE;
        }
        try {
            if (keep && !c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            keep = false;
        }
        if (keep && !c.isClosed()) {
            synchronized (idle) {
                if (!closed) {
                    idle.push(c);
                    return;
                }
            }
        }
        c.close();
    }

    /** Closes the idle connections; connections still lent are closed when given back. */
    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            for (Connection c : idle) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            idle.clear();
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** The URL without its query string, which may carry a password. */
    @Override
    public String toString() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
