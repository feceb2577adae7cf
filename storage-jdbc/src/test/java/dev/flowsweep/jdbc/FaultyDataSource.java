package dev.flowsweep.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that breaks on purpose, for the fault injection tests. It counts, from {@link #arm}, the
 * connections handed out, the statements executed and the commits, and makes the Nth one of a kind fail:
 * <ul>
 *   <li>{@link Fault#CONNECTION}: the Nth {@code getConnection()} is refused;</li>
 *   <li>{@link Fault#STATEMENT_BEFORE}: the connection dies just before the Nth statement reaches the database;</li>
 *   <li>{@link Fault#STATEMENT_AFTER}: the Nth statement runs, then the connection dies before its answer comes;</li>
 *   <li>{@link Fault#COMMIT_BEFORE}: the connection dies before the Nth commit reaches the database;</li>
 *   <li>{@link Fault#COMMIT_AFTER}: the Nth commit is done, then the connection dies before its answer comes
 *       (the caller cannot know that it committed);</li>
 *   <li>{@link Fault#TRANSIENT}: the Nth statement is refused as a serialization failure (SQLState 40001) and
 *       the connection stays usable, as a deadlock victim's does.</li>
 * </ul>
 * With {@link #killWith} the connection is not closed by this class but killed for real from the database's side
 * (the killer runs before the statement or commit, or after the statement), and the call then meets the driver's own
 * error.
 * A dead connection is really closed underneath (so the database rolls back what it had not committed), and every
 * later call on it fails with SQLState 08003. Besides one-off faults, {@link #down(boolean)} refuses every
 * connection (an outage) and {@link #failStatements(Predicate)} fails every statement whose SQL matches (a partial
 * outage, e.g. a table that cannot be written).
 */
final class FaultyDataSource implements DataSource {
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    enum Fault { CONNECTION, STATEMENT_BEFORE, STATEMENT_AFTER, COMMIT_BEFORE, COMMIT_AFTER, TRANSIENT }

    private final DataSource target;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> sql = new ArrayList<>();
    private volatile Fault fault;
    private volatile int at;
    private volatile boolean down;
    private volatile Predicate<String> failing;
    private volatile String failingState;
    private volatile Killer killer;

    /** Kills a connection's session for real, from the database's side. */
    @FunctionalInterface
    interface Killer {
        void kill(Connection real) throws Exception;
    }

    FaultyDataSource(DataSource target) {
        this.target = target;
    }

    /** Counts from zero again, and makes the {@code n}th (1-based) operation of the fault's kind fail. */
    synchronized FaultyDataSource arm(Fault fault, int n) {
        connections.set(0);
        statements.set(0);
        commits.set(0);
        injected.set(0);
        sql.clear();
        this.fault = fault;
        this.at = n;
        return this;
    }

    /** Counts from zero again and injects nothing. */
    FaultyDataSource disarm() {
        return arm(null, 0);
    }

    /** Faults kill the session for real with {@code killer} (null: simulated, the connection closed underneath). */
    FaultyDataSource killWith(Killer killer) {
        this.killer = killer;
        return this;
    }

    /** While down, every {@code getConnection()} is refused. */
    void down(boolean down) {
        this.down = down;
    }

    /** Every statement whose SQL matches fails with this SQLState, the connection left usable (null: none). */
    void failStatements(Predicate<String> matching, String sqlState) {
        this.failingState = sqlState;
        this.failing = matching;
    }

    /** Faults injected since {@link #arm}: 1 when the armed one was reached. */
    int injected() {
        return injected.get();
    }

    /** Operations refused by {@link #down} or {@link #failStatements}, since the start. */
    int refused() {
        return refused.get();
    }

    int statements() {
        return statements.get();
    }

    int commits() {
        return commits.get();
    }

    /** The SQL executed (and {@code COMMIT}s) since {@link #arm}, for failure messages. */
    synchronized List<String> sql() {
        return List.copyOf(sql);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            refused.incrementAndGet();
            throw new SQLException("injected outage: connection refused", "08001");
        }
        if (fault == Fault.CONNECTION && connections.incrementAndGet() == at) {
            injected.incrementAndGet();
            throw new SQLException("injected fault: connection " + at + " refused", "08001");
        }
        Connection c = target.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                new ConnectionHandler(c));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection real;
        private volatile boolean dead;

        ConnectionHandler(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close")) {
                return call(real, method, args);
            }
            if (name.equals("isClosed")) {
                return dead || real.isClosed();
            }
            checkAlive();
            if (name.equals("commit")) {
                int n;
                synchronized (FaultyDataSource.this) {
                    n = commits.incrementAndGet();
                    sql.add("COMMIT");
                }
                if (n == at && fault == Fault.COMMIT_BEFORE) {
                    if (!killForReal()) {
                        throw kill("before commit " + n);
                    }
                }
                Object result = call(real, method, args);
                if (n == at && fault == Fault.COMMIT_AFTER) {
                    throw kill("after commit " + n + " was done");
                }
                return result;
            }
            Object result = call(real, method, args);
            if (result instanceof Statement st) {
                String text = name.equals("createStatement") ? null : (String) args[0];
                Class<?> type = st instanceof CallableStatement ? CallableStatement.class
                        : st instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type},
                        new StatementHandler(this, st, text));
            }
            return result;
        }

        void checkAlive() throws SQLException {
            if (dead) {
                throw new SQLException("injected fault: the connection is gone", "08003");
            }
        }

        /** With a killer: kills the session from the database's side, and says so; the call then goes on. */
        boolean killForReal() throws Exception {
            Killer k = killer;
            if (k == null) {
                return false;
            }
            injected.incrementAndGet();
            k.kill(real);
            return true;
        }

        /** The connection dies: closed underneath, so the database rolls back what it had not committed. */
        SQLException kill(String when) {
            dead = true;
            injected.incrementAndGet();
            try {
                real.unwrap(Connection.class).close();
            } catch (SQLException | RuntimeException ignored) {
                // dying anyway
            }
            return new SQLException("injected fault: connection lost " + when, "08006");
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final ConnectionHandler connection;
        private final Statement real;
        private final String text;

        StatementHandler(ConnectionHandler connection, Statement real, String text) {
            this.connection = connection;
            this.real = real;
            this.text = text;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (!EXECUTE.contains(method.getName())) {
                return call(real, method, args);
            }
            connection.checkAlive();
            String statement = text != null ? text : args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
            Predicate<String> f = failing;
            if (f != null && f.test(statement)) {
                refused.incrementAndGet();
                throw new SQLException("injected failure (" + failingState + "): cannot run " + statement, failingState);
            }
            int n;
            synchronized (FaultyDataSource.this) {
                n = statements.incrementAndGet();
                sql.add(statement);
            }
            if (n == at && fault == Fault.STATEMENT_BEFORE && !connection.killForReal()) {
                throw connection.kill("before statement " + n + ": " + statement);
            }
            if (n == at && fault == Fault.TRANSIENT) {
                injected.incrementAndGet();
                throw new SQLException("injected serialization failure at statement " + n + ": " + statement, "40001");
            }
            Object result = call(real, method, args);
            if (n == at && fault == Fault.STATEMENT_AFTER && !connection.killForReal()) {
                throw connection.kill("after statement " + n + " ran: " + statement);
            }
            return result;
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
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
}
