package dev.flowsweep.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that records every statement executed through it (SQL, milliseconds) and every commit: the
 * evidence behind "how many statements does one call issue, and where does its time go".
 */
final class StatementTrace implements DataSource {
    /** One statement or commit: its SQL, how long it took, when it started ({@link System#nanoTime}) and where. */
    record Entry(String sql, double millis, long startNanos, String thread) {
    }

    private final DataSource target;
    private final List<Entry> entries = new ArrayList<>();
    private volatile boolean recording;

    StatementTrace(DataSource target) {
        this.target = target;
    }

    synchronized void start() {
        entries.clear();
        recording = true;
    }

    synchronized List<Entry> stop() {
        recording = false;
        return List.copyOf(entries);
    }

    private synchronized void add(String sql, long nanos) {
        if (recording) {
            entries.add(new Entry(sql, nanos / 1e6, System.nanoTime() - nanos, Thread.currentThread().getName()));
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return wrap(target.getConnection(user, password));
    }

    private Connection wrap(Connection c) {
        InvocationHandler h = (proxy, m, args) -> {
            long t0 = System.nanoTime();
            Object result = invoke(c, m, args);
            String name = m.getName();
            if (name.equals("commit") || name.equals("rollback") && (args == null || args.length == 0)) {
                add(name.toUpperCase(java.util.Locale.ROOT), System.nanoTime() - t0);
            } else if (name.equals("getTransactionIsolation") || name.equals("setTransactionIsolation")
                    || name.equals("setAutoCommit") && args != null) {
                add("(" + name + (args == null ? "" : " " + args[0]) + ")", System.nanoTime() - t0);
            }
            if (result instanceof PreparedStatement ps && name.equals("prepareStatement")) {
                return wrapStatement(ps, (String) args[0], PreparedStatement.class);
            }
            if (result instanceof Statement st && name.equals("createStatement")) {
                return wrapStatement(st, null, Statement.class);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
    }

    private <T extends Statement> T wrapStatement(T st, String sql, Class<T> type) {
        InvocationHandler h = (proxy, m, args) -> {
            long t0 = System.nanoTime();
            Object result = invoke(st, m, args);
            if (m.getName().startsWith("execute")) {
                add(sql != null ? sql : args != null && args.length > 0 ? String.valueOf(args[0]) : "?",
                        System.nanoTime() - t0);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h));
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
