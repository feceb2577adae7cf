package dev.flowsweep.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps connections to count the statements they execute (and commits), remember their SQL, and optionally fail
 * the Nth one: either by throwing, or by closing the physical connection first, as a dying network would.
 */
final class JdbcSpy {
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    /** How the Nth operation fails. */
    enum FailureMode {
        THROW,
        KILL_CONNECTION
    }

    private final AtomicInteger executed = new AtomicInteger();
    private final List<String> sql = new ArrayList<>();
    private volatile int failAt = -1;
    private volatile FailureMode mode = FailureMode.THROW;
    private volatile boolean recording = true;

    /** Statements executed (and commits) since the last {@link #reset()}. */
    int count() {
        return executed.get();
    }

    /** The SQL executed since the last {@link #reset()}, in order ({@code COMMIT} for commits). */
    synchronized List<String> sql() {
        return List.copyOf(sql);
    }

    /** Starts counting from zero, and stops failing. */
    synchronized void reset() {
        executed.set(0);
        sql.clear();
        failAt = -1;
        recording = true;
    }

    /** The {@code n}th statement or commit from now (1-based) fails. */
    synchronized void failAt(int n, FailureMode how) {
        reset();
        failAt = n;
        mode = how;
    }

    Connection wrap(Connection c) {
        return (Connection) Proxy.newProxyInstance(JdbcSpy.class.getClassLoader(), new Class<?>[]{Connection.class},
                new ConnectionHandler(c));
    }

    private void beforeOperation(String text, Connection physical) throws SQLException {
        int n;
        synchronized (this) {
            if (!recording) {
                return;
            }
            n = executed.incrementAndGet();
            sql.add(text);
        }
        if (n == failAt) {
            if (mode == FailureMode.KILL_CONNECTION) {
                try {
                    physical.unwrap(Connection.class).close();
                } catch (SQLException ignored) {
                    // already dead is fine
                }
            }
            throw new SQLException("injected failure at operation " + n + ": " + text, "08006");
        }
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection target;

        ConnectionHandler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("commit")) {
                beforeOperation("COMMIT", target);
            }
            Object result = call(target, method, args);
            if (result instanceof Statement st && (name.equals("prepareStatement") || name.equals("createStatement")
                    || name.equals("prepareCall"))) {
                String text = name.equals("createStatement") ? null : (String) args[0];
                Class<?> type = st instanceof CallableStatement ? CallableStatement.class
                        : st instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(JdbcSpy.class.getClassLoader(), new Class<?>[]{type},
                        new StatementHandler(st, text, target));
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement target;
        private final String text;
        private final Connection connection;

        StatementHandler(Statement target, String text, Connection connection) {
            this.target = target;
            this.text = text;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (EXECUTE.contains(method.getName())) {
                beforeOperation(text != null ? text : args != null && args.length > 0 ? String.valueOf(args[0])
                        : "(batch)", connection);
            }
            return call(target, method, args);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
