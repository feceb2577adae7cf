package dev.flowsweep.jdbc;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.spi.FlowsweepStorageException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transactions: isolation, restoring the connection, and which failures are transient. */
abstract class TransactionTests extends JdbcTestSupport {

    private static Criterion id(FlowRun run) {
        return new Criterion.In(Criterion.Column.ID, List.of(run.id()));
    }

    @Test
    void inTransactionRestoresTheConnectionAsItFoundIt() throws Exception {
        String p = freshPrefix();
        storage(p);
        try (Connection physical = database().dataSource().getConnection()) {
            physical.setAutoCommit(true);
            int isolation = database().name().equals("h2") ? Connection.TRANSACTION_SERIALIZABLE
                    : Connection.TRANSACTION_REPEATABLE_READ;
            physical.setTransactionIsolation(isolation);
            physical.setReadOnly(true);
            boolean readOnly = physical.isReadOnly(); // H2 ignores the hint and stays false
            String lockTimeoutBefore = lockTimeout(physical);
            // Hands out the same connection each time, and ignores close() so that the test can look at it.
            DataSource shared = database().dataSource(c -> {
                try {
                    c.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                        (proxy, method, args) -> method.getName().equals("close") ? null : method.invoke(physical, args));
            });
            JdbcStorage s = closeLater(JdbcStorage.builder(shared).tablePrefix(p).lockTimeout(Duration.ofMillis(3_000))
                    .build());
            physical.setAutoCommit(true);
            physical.setTransactionIsolation(isolation);
            physical.setReadOnly(true);

            Flow flow = new Flow(java.util.UUID.randomUUID(), "flow");
            s.inTransaction(tx -> {
                // after the transaction's first statement: PostgreSQL's settings go with it, in its round trip
                tx.flows().insert(flow);
                try {
                    assertFalse(physical.getAutoCommit(), "autocommit is off inside");
                    assertEquals(Connection.TRANSACTION_READ_COMMITTED, isolationInside(physical));
                    assertEquals(database().name().equals("h2") ? "3000" : database().name().equals("postgresql")
                            ? "3s" : "3", lockTimeout(physical), "the storage's lock timeout applies inside");
                    assertFalse(physical.isReadOnly());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
            assertRestored(physical, isolation, readOnly, lockTimeoutBefore);

            assertThrows(IllegalStateException.class, () -> s.inTransaction(tx -> {
                tx.flows().insert(new Flow(java.util.UUID.randomUUID(), "rolled back"));
                throw new IllegalStateException("the callback fails");
            }));
            assertRestored(physical, isolation, readOnly, lockTimeoutBefore);
            assertTrue(s.inTransaction(tx -> tx.flows().findByName("rolled back")).isEmpty());
            assertTrue(s.inTransaction(tx -> tx.flows().findByName("flow")).isPresent());
            assertRestored(physical, isolation, readOnly, lockTimeoutBefore);
            physical.setReadOnly(false);
            physical.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    /**
     * The isolation of the transaction in progress. On PostgreSQL asked of the server: the storage sets it for the
     * transaction only ({@code SET TRANSACTION}), and a pool may answer {@code getTransactionIsolation()} from its
     * own record of the session's setting (HikariCP 7 does).
     */
    private int isolationInside(Connection c) throws SQLException {
        if (!database().name().equals("postgresql")) {
            return c.getTransactionIsolation();
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW transaction_isolation")) {
            rs.next();
            return switch (rs.getString(1)) {
                case "read committed" -> Connection.TRANSACTION_READ_COMMITTED;
                case "repeatable read" -> Connection.TRANSACTION_REPEATABLE_READ;
                case "serializable" -> Connection.TRANSACTION_SERIALIZABLE;
                default -> Connection.TRANSACTION_READ_UNCOMMITTED;
            };
        }
    }

    private void assertRestored(Connection c, int isolation, boolean readOnly, String lockTimeout) throws SQLException {
        assertTrue(c.getAutoCommit(), "autocommit restored");
        assertEquals(isolation, c.getTransactionIsolation(), "isolation restored");
        assertEquals(readOnly, c.isReadOnly(), "read-only restored");
        assertEquals(lockTimeout, lockTimeout(c), "lock timeout restored");
    }

    private String lockTimeout(Connection c) throws SQLException {
        String sql = switch (database().name()) {
            case "h2" -> "SELECT LOCK_TIMEOUT()";
            case "postgresql" -> "SHOW lock_timeout";
            default -> "SELECT @@SESSION.innodb_lock_wait_timeout";
        };
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aLockTimeoutIsATransientFailure() throws Exception {
        String p = freshPrefix();
        JdbcStorage s = closeLater(JdbcStorage.builder(database().dataSource()).tablePrefix(p)
                .lockTimeout(Duration.ofSeconds(1)).build());
        Flow flow = flow(s, "flow");
        FlowRun run = FlowRun.builder(flow.id()).name("contended").build();
        insertRuns(s, List.of(run));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<java.util.UUID>> holder = pool.submit(() -> s.inTransaction(tx -> {
                List<java.util.UUID> ids = tx.flowRuns().lockIdsForDelete(id(run), 1);
                locked.countDown();
                await(release);
                return ids;
            }));
            assertTrue(locked.await(30, TimeUnit.SECONDS));
            long start = System.nanoTime();
            FlowsweepStorageException e = assertThrows(FlowsweepStorageException.class,
                    () -> s.inTransaction(tx -> tx.flowRuns().lockIdsForDelete(id(run), 1)));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.isTransient(), "a lock timeout is transient: " + e);
            assertTrue(waitedMillis < 9_000, "the configured lock timeout applied, waited " + waitedMillis + " ms");
            release.countDown();
            assertEquals(List.of(run.id()), holder.get(30, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aDeadlockIsATransientFailure() throws Exception {
        String p = freshPrefix();
        JdbcStorage s = closeLater(JdbcStorage.builder(database().dataSource()).tablePrefix(p)
                .lockTimeout(Duration.ofSeconds(20)).build());
        Flow flow = flow(s, "flow");
        FlowRun a = FlowRun.builder(flow.id()).name("a").build();
        FlowRun b = FlowRun.builder(flow.id()).name("b").build();
        insertRuns(s, List.of(a, b));
        CyclicBarrier bothLocked = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (FlowRun[] order : new FlowRun[][]{{a, b}, {b, a}}) {
                futures.add(pool.submit(() -> s.inTransaction(tx -> {
                    tx.flowRuns().lockIdsForDelete(id(order[0]), 1);
                    await(bothLocked);
                    return tx.flowRuns().lockIdsForDelete(id(order[1]), 1);
                })));
            }
            List<FlowsweepStorageException> failures = new ArrayList<>();
            for (Future<Object> f : futures) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof FlowsweepStorageException, "storage failure: " + e.getCause());
                    failures.add((FlowsweepStorageException) e.getCause());
                }
            }
            assertFalse(failures.isEmpty(), "one of the two transactions was chosen as the deadlock victim");
            for (FlowsweepStorageException e : failures) {
                assertTrue(e.isTransient(), "a deadlock is transient: " + e);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
