package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Regression tests for two deadlocks the concurrent load test ({@link ConcurrentLoadTest}) found:
 * <ul>
 *   <li>MariaDB's {@code SELECT … ORDER BY id DESC LIMIT n FOR UPDATE} locked every matching row, in the order of the
 *       index it read, before sorting: two bulk deletes with overlapping filters deadlocked often enough to use up
 *       their retries. A bulk delete must lock only the runs it deletes (so it never waits for the others);</li>
 *   <li>{@code lockByNames} (Prefect's increment) locked limits in name order while a bulk delete releases slots in
 *       id order: an increment and a bulk delete over the same two limits deadlocked. Both must lock in id order.</li>
 * </ul>
 * The interleavings are forced: a transaction holds its locks on a latch, and the test waits (with a deadline) until
 * the database shows the other one waiting for a lock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockOrderTest {
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private final Map<String, TestDatabase> databases = new LinkedHashMap<>();

    @BeforeAll
    void open() {
        for (TestDatabase db : Reliability.openDatabases()) {
            databases.put(db.name(), db);
        }
    }

    @AfterAll
    void close() {
        databases.values().forEach(TestDatabase::close);
    }

    List<String> databases() {
        return List.copyOf(databases.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBulkDeleteLocksOnlyTheRunsItDeletesAndNeverWaitsForTheOthers(String name) throws Exception {
        TestDatabase db = databases.get(name);
        String prefix = JdbcTestSupport.freshPrefix();
        try (JdbcStorage s = JdbcStorage.builder(db.dataSource()).tablePrefix(prefix).lockTimeout(Duration.ofSeconds(2))
                .build()) {
            Flow flow = JdbcTestSupport.flow(s, "flow");
            // Enough runs that the database reads the selective filters through their indexes, not the primary key.
            List<FlowRun> runs = new ArrayList<>();
            StateType[] states = StateType.values();
            for (int i = 0; i < 3_000; i++) {
                boolean picked = i % 40 == 1;
                runs.add(FlowRun.builder(flow.id()).id(new UUID(0x1000L + i, i)).name((picked ? "pick-" : "run-") + i)
                        .tags(picked ? List.of("t", "u" + (i % 3)) : List.of("x" + (i % 50)))
                        .state(picked ? (i % 80 == 1 ? StateType.COMPLETED : StateType.FAILED) : states[i % states.length])
                        .created(T0).updated(T0).build());
            }
            JdbcTestSupport.insertRuns(s, runs);
            FlowRun lowest = runs.get(1); // picked: COMPLETED, tagged t and u1, named pick-1, the lowest id of them
            BulkDeleteService service = BulkDeleteService.builder(s).maxTransientRetries(0).build();
            List<FlowRunFilter> filters = List.of(
                    FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build(),
                    FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED, StateType.FAILED).build(),
                    FlowRunFilter.builder().tagsAny("t").build(),
                    FlowRunFilter.builder().tagsAll("t", "u1").build(),
                    FlowRunFilter.builder().nameLike("pick-").build(),
                    FlowRunFilter.builder().nameAny("pick-1", "pick-41", "pick-81", "pick-121").build());
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> holder = pool.submit(() -> s.inTransaction(tx -> {
                    tx.flowRuns().lockIdsForDelete(new dev.flowsweep.filter.Criterion.In(
                            dev.flowsweep.filter.Criterion.Column.ID, List.of(lowest.id())), 1);
                    locked.countDown();
                    await(release);
                    return null;
                }));
                assertTrue(locked.await(30, TimeUnit.SECONDS));
                for (FlowRunFilter f : filters) {
                    BulkDeleteResult r = service.bulkDelete(BulkDeleteRequest.of(f, 2));
                    assertEquals(2, r.deleted().size(), name + ": " + f + " deleted its two runs without waiting for "
                            + "the locked run it does not delete");
                    assertTrue(!r.deleted().contains(lowest.id()));
                }
                release.countDown();
                holder.get(30, TimeUnit.SECONDS);
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBulkDeleteOfMostOfASmallTableNeverWaitsForTheRunItLeaves(String name) throws Exception {
        TestDatabase db = databases.get(name);
        String prefix = JdbcTestSupport.freshPrefix();
        try (JdbcStorage s = JdbcStorage.builder(db.dataSource()).tablePrefix(prefix).lockTimeout(Duration.ofSeconds(2))
                .build()) {
            Flow flow = JdbcTestSupport.flow(s, "flow");
            List<FlowRun> runs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                runs.add(FlowRun.builder(flow.id()).id(new UUID(0x2000L + i, i)).name("run-" + i).tags("t")
                        .created(T0).updated(T0).build());
            }
            JdbcTestSupport.insertRuns(s, runs);
            s.inTransaction(tx -> {
                for (FlowRun r : runs) {
                    tx.taskRuns().insert(new dev.flowsweep.model.TaskRun(UUID.randomUUID(), r.id(), "k", "0", "task",
                            StateType.COMPLETED, "Completed"));
                }
                return null;
            });
            FlowRun kept = runs.get(6); // in the middle of the id order
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                // Another bulk delete in flight holds the kept run and its task runs (deleted, not yet committed).
                Future<?> holder = pool.submit(() -> s.inTransaction(tx -> {
                    tx.flowRuns().lockIdsForDelete(new dev.flowsweep.filter.Criterion.In(
                            dev.flowsweep.filter.Criterion.Column.ID, List.of(kept.id())), 1);
                    tx.taskRuns().deleteByFlowRunIds(List.of(kept.id()));
                    locked.countDown();
                    await(release);
                    throw new IllegalStateException("rolled back on purpose");
                }));
                assertTrue(locked.await(30, TimeUnit.SECONDS));
                BulkDeleteResult r = BulkDeleteService.builder(s).maxTransientRetries(0).build()
                        .bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().idNotAny(kept.id()).build(), 200));
                assertEquals(11, r.deleted().size(), name + ": the other runs deleted without waiting for the kept one");
                release.countDown();
                try {
                    holder.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException expected) {
                    // rolled back on purpose
                }
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
            assertEquals(1, s.inTransaction(tx -> tx.taskRuns().findByFlowRunIds(List.of(kept.id()))).size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anIncrementAndASlotReleaseOverTheSameLimitsDoNotDeadlock(String name) throws Exception {
        TestDatabase db = databases.get(name);
        String prefix = JdbcTestSupport.freshPrefix();
        try (JdbcStorage s = JdbcStorage.builder(db.dataSource()).tablePrefix(prefix).lockTimeout(Duration.ofSeconds(30))
                .build()) {
            // Name order and id order disagree: "a-limit" has the larger id.
            ConcurrencyLimit first = new ConcurrencyLimit(new UUID(0x1L, 1), "z-limit", 100, true, 10);
            ConcurrencyLimit second = new ConcurrencyLimit(new UUID(0x2L, 2), "a-limit", 100, true, 10);
            s.inTransaction(tx -> {
                tx.concurrencyLimits().insert(first);
                tx.concurrencyLimits().insert(second);
                return null;
            });
            CountDownLatch releasedFirst = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // What a bulk delete does: one release per limit, in id order.
                Future<?> release = pool.submit(() -> s.inTransaction(tx -> {
                    tx.concurrencyLimits().releaseSlots(first.id(), 1);
                    releasedFirst.countDown();
                    await(goOn);
                    tx.concurrencyLimits().releaseSlots(second.id(), 1);
                    return null;
                }));
                assertTrue(releasedFirst.await(30, TimeUnit.SECONDS));
                // What Prefect's increment does: lock the limits by name, take a slot on each.
                Future<List<ConcurrencyLimit>> increment = pool.submit(() -> s.inTransaction(tx -> {
                    List<ConcurrencyLimit> locked = tx.concurrencyLimits().lockByNames(List.of("z-limit", "a-limit"));
                    for (ConcurrencyLimit l : locked) {
                        tx.concurrencyLimits().setActiveSlots(l.id(), l.activeSlots() + 1);
                    }
                    return locked;
                }));
                awaitLockWait(db, prefix + "concurrency_limit", increment);
                goOn.countDown();
                release.get(60, TimeUnit.SECONDS);
                List<ConcurrencyLimit> locked = increment.get(60, TimeUnit.SECONDS);
                assertEquals(List.of("a-limit", "z-limit"), locked.stream().map(ConcurrencyLimit::name).toList(),
                        "returned in name order");
            } finally {
                goOn.countDown();
                pool.shutdownNow();
            }
            for (ConcurrencyLimit l : List.of(first, second)) {
                assertEquals(10, s.inTransaction(tx -> tx.concurrencyLimits().findById(l.id())).orElseThrow().activeSlots(),
                        name + ": one slot released and one taken on " + l.name());
            }
        }
    }

    /**
     * The one statement that releases the slots of several limits locks them in id order, whatever order the
     * database would scan them in (the limit of the larger id inserted first): held up on the first limit, it holds
     * no lock on the second, which another transaction changes meanwhile without waiting.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aGroupedSlotReleaseLocksTheLimitsInIdOrder(String name) throws Exception {
        TestDatabase db = databases.get(name);
        String prefix = JdbcTestSupport.freshPrefix();
        try (JdbcStorage s = JdbcStorage.builder(db.dataSource()).tablePrefix(prefix).lockTimeout(Duration.ofSeconds(5))
                .build()) {
            ConcurrencyLimit second = new ConcurrencyLimit(new UUID(0x2L, 2), "second", 100, true, 10);
            ConcurrencyLimit first = new ConcurrencyLimit(new UUID(0x1L, 1), "first", 100, true, 10);
            for (ConcurrencyLimit l : List.of(second, first)) {
                s.inTransaction(tx -> {
                    tx.concurrencyLimits().insert(l);
                    return null;
                });
            }
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> holder = pool.submit(() -> s.inTransaction(tx -> {
                    tx.concurrencyLimits().setActiveSlots(first.id(), 10);
                    holding.countDown();
                    await(goOn);
                    return null;
                }));
                assertTrue(holding.await(30, TimeUnit.SECONDS));
                Future<Map<UUID, Integer>> release = pool.submit(() -> s.inTransaction(tx ->
                        tx.concurrencyLimits().releaseSlots(Map.of(first.id(), 1, second.id(), 1))));
                awaitLockWait(db, prefix + "concurrency_limit", release);
                s.inTransaction(tx -> {
                    tx.concurrencyLimits().setActiveSlots(second.id(), 20);
                    return null;
                });
                goOn.countDown();
                holder.get(60, TimeUnit.SECONDS);
                assertEquals(Map.of(first.id(), 1, second.id(), 1), release.get(60, TimeUnit.SECONDS));
            } finally {
                goOn.countDown();
                pool.shutdownNow();
            }
            assertEquals(9, s.inTransaction(tx -> tx.concurrencyLimits().findById(first.id())).orElseThrow().activeSlots());
            assertEquals(19, s.inTransaction(tx -> tx.concurrencyLimits().findById(second.id())).orElseThrow()
                    .activeSlots(), name + ": the second limit was changed before the release reached it");
        }
    }

    /** Waits until some session of this database waits for a lock in a statement that names {@code table}. */
    private static void awaitLockWait(TestDatabase db, String table, Future<?> waiter) throws Exception {
        String sql = switch (db.name()) {
            case "h2" -> "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"
                    + " AND LOWER(EXECUTING_STATEMENT) LIKE ?";
            case "postgresql" -> "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND LOWER(query) LIKE ?";
            default -> "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'"
                    + " AND LOWER(trx_query) LIKE ?";
        };
        Function<Connection, Long> waiting = c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, "%" + table.toLowerCase() + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        try (Connection c = db.dataSource().getConnection()) {
            // InnoDB refreshes INNODB_TRX only when it was not read for 100 ms: poll more slowly than that.
            Await.until(Duration.ofSeconds(30), Duration.ofMillis(150), "a session waits for a lock on " + table, () -> {
                if (waiting.apply(c) > 0) {
                    return true;
                }
                if (waiter.isDone()) {
                    try {
                        waiter.get(); // its failure, if any
                    } catch (Exception e) {
                        throw new AssertionError("the transaction that should wait for a lock on " + table + " failed", e);
                    }
                    fail("the transaction that should wait for a lock on " + table + " did not wait");
                }
                return false;
            }, () -> {
                try {
                    return "sessions: " + sessions(c, db);
                } catch (SQLException e) {
                    return "sessions unavailable: " + e.getMessage();
                }
            });
        }
    }

    private static List<String> sessions(Connection c, TestDatabase db) throws SQLException {
        String sql = switch (db.name()) {
            case "h2" -> "SELECT BLOCKER_ID, EXECUTING_STATEMENT FROM INFORMATION_SCHEMA.SESSIONS";
            case "postgresql" -> "SELECT wait_event_type, query FROM pg_stat_activity";
            default -> "SELECT trx_state, trx_query FROM information_schema.INNODB_TRX";
        };
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1) + ": " + rs.getString(2));
            }
        }
        return out;
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
}
