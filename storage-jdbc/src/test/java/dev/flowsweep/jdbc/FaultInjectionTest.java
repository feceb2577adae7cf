package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepCommitUnknownException;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.FlowsweepTransientException;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spi.PurgeTask;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fault injection through {@link FaultyDataSource}, on H2, PostgreSQL and MariaDB. For every statement, commit and
 * connection that one bulk delete reaches, and for each way of failing there, the database afterwards is exactly as
 * it was before or exactly as a successful bulk delete leaves it — never runs deleted with their slots still held,
 * never slots released for runs still there, never a purge queued for a run that is still there. A connection lost
 * before the commit was sent is retried on a fresh connection and the caller gets the result; lost while the commit was
 * in flight, the caller gets a {@link FlowsweepCommitUnknownException} and repeating the same filter finishes the job.
 * Sessions killed for real from the database's side behave the same. Transient failures at any step are retried and the runs are deleted,
 * and their slots released, once. The log purger keeps retrying through an outage and finishes after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {
    private static final String PREFIX = "fi_";
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Map<String, TestDatabase> databases = new LinkedHashMap<>();

    @BeforeAll
    void open() {
        for (TestDatabase db : Reliability.openDatabases()) {
            databases.put(db.name(), db);
            JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build().close();
        }
    }

    @AfterAll
    void close() {
        databases.values().forEach(TestDatabase::close);
    }

    List<String> databases() {
        return List.copyOf(databases.keySet());
    }

    // ------------------------------------------------------------------------------------------------ the data

    /** Runs to delete (tagged "doomed") and to keep, with task runs, subflows, logs and three limits. */
    private static final class Data {
        final Flow flow = new Flow(id(1), "fault-flow");
        final ConcurrencyLimit many = new ConcurrencyLimit(id(2), "many", 100, true, 10);
        final ConcurrencyLimit one = new ConcurrencyLimit(id(3), "one", 100, true, 1);
        final ConcurrencyLimit inactive = new ConcurrencyLimit(id(4), "inactive", 100, false, 3);
        final List<Deployment> deployments = List.of(new Deployment(id(5), "d-many", flow.id(), many.id()),
                new Deployment(id(6), "d-one", flow.id(), one.id()), new Deployment(id(7), "d-inactive", flow.id(),
                        inactive.id()), new Deployment(id(8), "d-none", flow.id(), null));
        final List<FlowRun> runs = new ArrayList<>();
        final List<TaskRun> taskRuns = new ArrayList<>();
        final List<Log> logs = new ArrayList<>();

        Data() {
            Random rnd = new Random(7);
            StateType[] states = {StateType.RUNNING, StateType.PENDING, StateType.CANCELLING, StateType.COMPLETED};
            for (int i = 0; i < 12; i++) {
                boolean doomed = i % 3 != 2;
                UUID runId = new UUID(rnd.nextLong(), rnd.nextLong());
                runs.add(FlowRun.builder(flow.id()).id(runId).name("run-" + i)
                        .tags(doomed ? List.of("doomed", "t" + i) : List.of("kept"))
                        .state(states[i % states.length]).deploymentId(deployments.get(i % 4).id())
                        .created(NOW).updated(NOW).build());
                if (i % 2 == 0) {
                    taskRuns.add(new TaskRun(new UUID(rnd.nextLong(), rnd.nextLong()), runId, "task", "0", "task",
                            StateType.COMPLETED, "Completed"));
                }
                for (int k = 0; k < 3; k++) {
                    logs.add(new Log(new UUID(rnd.nextLong(), rnd.nextLong()), "app", 20, "line " + k,
                            NOW.plusSeconds(k), runId, null));
                }
            }
            for (int i = 0; i < taskRuns.size(); i++) { // a subflow under each task run; some of them doomed too
                runs.add(FlowRun.builder(flow.id()).id(new UUID(rnd.nextLong(), rnd.nextLong())).name("sub-" + i)
                        .tags(i % 2 == 0 ? List.of("doomed") : List.of()).parentTaskRunId(taskRuns.get(i).id())
                        .created(NOW).updated(NOW).build());
            }
        }

        void insert(FlowsweepStorage s) {
            s.inTransaction(tx -> {
                tx.flows().insert(flow);
                for (ConcurrencyLimit l : List.of(many, one, inactive)) {
                    tx.concurrencyLimits().insert(l);
                }
                for (Deployment d : deployments) {
                    tx.deployments().insert(d);
                }
                for (FlowRun r : runs) {
                    tx.flowRuns().insert(r);
                }
                for (TaskRun t : taskRuns) {
                    tx.taskRuns().insert(t);
                }
                tx.logs().insert(logs);
                return null;
            });
        }

        List<UUID> runIds() {
            List<UUID> ids = new ArrayList<>();
            runs.forEach(r -> ids.add(r.id()));
            return ids;
        }

        private static UUID id(int n) {
            return new UUID(0xF00DL, n);
        }
    }

    /** Everything a bulk delete may change. */
    private record State(List<FlowRun> runs, List<TaskRun> taskRuns, List<ConcurrencyLimit> limits,
                         List<PurgeTask> queue, Map<UUID, Long> logsPerRun) {
        /** The two halves that must move together: runs gone exactly when their slots are released and purges queued. */
        String summary() {
            return runs.size() + " runs, " + taskRuns.size() + " task runs, slots " + limits.stream()
                    .map(l -> l.name() + "=" + l.activeSlots()).toList() + ", " + queue.size() + " purges queued";
        }
    }

    private static State state(FlowsweepStorage s, Data data) {
        return s.inTransaction(tx -> {
            List<TaskRun> tasks = new ArrayList<>(tx.taskRuns().findByFlowRunIds(data.runIds()));
            tasks.sort(Comparator.comparing(t -> t.id().toString()));
            List<ConcurrencyLimit> limits = new ArrayList<>();
            for (ConcurrencyLimit l : List.of(data.many, data.one, data.inactive)) {
                limits.add(tx.concurrencyLimits().findById(l.id()).orElseThrow());
            }
            List<PurgeTask> queue = new ArrayList<>(tx.purgeQueue().claimDue(NOW.plusSeconds(86_400), 1_000));
            queue.sort(Comparator.comparing(t -> t.flowRunId().toString()));
            Map<UUID, Long> logs = new TreeMap<>();
            for (UUID id : data.runIds()) {
                logs.put(id, tx.logs().count(List.of(id)));
            }
            return new State(tx.flowRuns().find(null, FlowRunSort.ID_DESC, 1_000, 0), tasks, limits, queue, logs);
        });
    }

    private static BulkDeleteService service(FlowsweepStorage s) {
        return BulkDeleteService.builder(s).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static final BulkDeleteRequest DOOMED = BulkDeleteRequest.of(FlowRunFilter.builder().tagsAny("doomed").build(), 50);

    /** A fresh copy of the data on this database, nothing armed. */
    private static void reset(TestDatabase db, JdbcStorage observer, FaultyDataSource faulty, Data data) {
        faulty.disarm();
        JdbcTestSupport.deleteAllRows(db, PREFIX);
        data.insert(observer);
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFaultAtAnyStepOfABulkDeleteLeavesTheDatabaseExactlyBeforeOrExactlyAfter(String name) {
        TestDatabase db = databases.get(name);
        Data data = new Data();
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        try (JdbcStorage observer = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build();
             JdbcStorage s = JdbcStorage.builder(faulty).tablePrefix(PREFIX).build()) {
            // A clean run: what "after" is, and how many statements one bulk delete runs.
            reset(db, observer, faulty, data);
            State before = state(observer, data);
            BulkDeleteResult expected = service(s).bulkDelete(DOOMED);
            List<String> steps = faulty.sql(); // the statements and the commit, in order
            int statements = faulty.statements();
            int beforeCommit = steps.indexOf("COMMIT"); // statements before the commit; the rest restore the session
            State after = state(observer, data);
            assertNotEquals(before.summary(), after.summary());
            assertEquals(Map.of(data.many.id(), 2, data.one.id(), 2), expected.releasedSlots(),
                    "the clean bulk delete releases slots on both active limits, the 'one' limit down to 0 and no lower");
            assertTrue(beforeCommit >= 6, "a bulk delete runs several statements before its commit: " + steps);

            int cases = 0;
            for (FaultyDataSource.Fault fault : FaultyDataSource.Fault.values()) {
                if (fault == FaultyDataSource.Fault.TRANSIENT) {
                    continue; // retried: see the next test
                }
                int positions = switch (fault) {
                    case STATEMENT_BEFORE, STATEMENT_AFTER -> statements;
                    default -> 1; // one connection, one commit
                };
                for (int n = 1; n <= positions; n++) {
                    reset(db, observer, faulty, data);
                    faulty.arm(fault, n);
                    boolean statementFault = fault == FaultyDataSource.Fault.STATEMENT_BEFORE
                            || fault == FaultyDataSource.Fault.STATEMENT_AFTER;
                    String where = name + ": " + fault + " at " + n + (statementFault
                            ? " (" + steps.get(n <= beforeCommit ? n - 1 : n) + ")" : "");
                    State wanted;
                    boolean unknown = fault == FaultyDataSource.Fault.COMMIT_BEFORE
                            || fault == FaultyDataSource.Fault.COMMIT_AFTER;
                    if (unknown) {
                        // Lost while the commit was in flight: nobody knows, never retried, the caller is told so.
                        FlowsweepCommitUnknownException e = assertThrows(FlowsweepCommitUnknownException.class,
                                () -> service(s).bulkDelete(DOOMED), where + ": the caller is told the outcome is unknown");
                        assertFalse(e.isTransient(), where + ": a commit in doubt is not retried");
                        assertTrue(e.getMessage().contains("repeating the same filter is safe"), e.getMessage());
                        assertInstanceOf(SQLException.class, rootSql(e), where + ": the cause is kept");
                        wanted = fault == FaultyDataSource.Fault.COMMIT_AFTER ? after : before;
                    } else {
                        // Before the commit (or after it, restoring the session): retried on a fresh connection, or
                        // the committed delete is reported.
                        assertEquals(expected, service(s).bulkDelete(DOOMED), where + ": the delete is reported");
                        wanted = after;
                    }
                    assertEquals(1, faulty.injected(), where + ": the fault was reached");
                    assertExactly(wanted, state(observer, data), before, where, faulty);
                    if (unknown) {
                        BulkDeleteResult again = service(s).bulkDelete(DOOMED);
                        assertEquals(wanted == after ? List.of() : expected.deleted(), again.deleted(),
                                where + ": repeating the same filter deletes what is left, nothing twice");
                        assertExactly(after, state(observer, data), before, where + ", repeated", faulty);
                    }
                    cases++;
                }
            }
            System.out.println("[faults] " + name + ": " + cases + " injected faults in a bulk delete of "
                    + expected.deleted().size() + " runs (" + beforeCommit + " statements, commit, " + (statements - beforeCommit)
                    + " after it), each left the database exactly before or exactly after");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTransientFailureAtAnyStepIsRetriedAndDeletesAndReleasesOnce(String name) {
        TestDatabase db = databases.get(name);
        Data data = new Data();
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        try (JdbcStorage observer = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build();
             JdbcStorage s = JdbcStorage.builder(faulty).tablePrefix(PREFIX).build()) {
            reset(db, observer, faulty, data);
            State before = state(observer, data);
            BulkDeleteResult expected = service(s).bulkDelete(DOOMED);
            int statements = faulty.statements();
            State after = state(observer, data);

            for (int n = 1; n <= statements; n++) {
                reset(db, observer, faulty, data);
                faulty.arm(FaultyDataSource.Fault.TRANSIENT, n);
                BulkDeleteResult result = service(s).bulkDelete(DOOMED);
                String where = name + ": serialization failure at statement " + n;
                assertEquals(1, faulty.injected(), where + " was reached");
                assertEquals(expected, result, where + ": the retry reports what a clean call reports");
                assertEquals(after, state(observer, data), where + ": deleted and released exactly once");
            }

            // A lock that keeps timing out: retried, then the transient failure reaches the caller; nothing changed.
            reset(db, observer, faulty, data);
            faulty.failStatements(sql -> sql.contains("FOR UPDATE") && !sql.contains("SKIP LOCKED"), "40001");
            try {
                int refusedBefore = faulty.refused();
                FlowsweepStorageException e = assertThrows(FlowsweepStorageException.class,
                        () -> service(s).bulkDelete(DOOMED));
                assertEquals(BulkDeleteService.DEFAULT_MAX_TRANSIENT_RETRIES + 1, faulty.refused() - refusedBefore,
                        "tried once and retried " + BulkDeleteService.DEFAULT_MAX_TRANSIENT_RETRIES + " times");
                assertTrue(e.isTransient(), e.toString());
                assertInstanceOf(FlowsweepTransientException.class, e, "nothing happened, retry later");
            } finally {
                faulty.failStatements(null, null);
            }
            assertEquals(before, state(observer, data), name + ": nothing changed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theLogPurgerKeepsRetryingThroughAnOutageAndFinishesAfterIt(String name) throws Exception {
        TestDatabase db = databases.get(name);
        Data data = new Data();
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        try (JdbcStorage observer = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build();
             JdbcStorage s = JdbcStorage.builder(faulty).tablePrefix(PREFIX).build()) {
            reset(db, observer, faulty, data);
            List<UUID> deleted = service(s).bulkDelete(DOOMED).deleted();
            State afterDelete = state(observer, data);

            // Outage 1: the log table cannot be written (claims work, deletes fail, attempts are recorded until the
            // purges are marked failed). Outage 2: no connection at all.
            faulty.failStatements(sql -> sql.contains("DELETE FROM " + PREFIX + "log "), "08006"); // PostgreSQL: in a WITH
            LogPurger purger = LogPurger.builder(s).pollInterval(Duration.ofMillis(20))
                    .backoff(List.of(Duration.ofMillis(5))).maxAttempts(2).failedRetryInterval(Duration.ofMillis(50))
                    .runsPerBatch(3).build().start();
            try {
                int refused = faulty.refused();
                await(() -> faulty.refused() >= refused + 20, "the purger keeps trying while the log table fails");
                await(() -> observer.inTransaction(tx -> tx.purgeQueue().stats()).failed() > 0,
                        "purges that used up their attempts are marked failed, not dropped");
                faulty.down(true); // and the log table still failing: a transaction in flight cannot purge either
                int refusedDown = faulty.refused();
                await(() -> faulty.refused() >= refusedDown + 10, "the purger keeps trying while the database is down");
                assertEquals(afterDelete.logsPerRun(), state(observer, data).logsPerRun(), "no log purged during the outage");
                assertEquals(deleted.size(), queued(observer), "every purge still queued");

                faulty.down(false);
                faulty.failStatements(null, null);
                await(() -> queued(observer) == 0, "the purges finish after the outage");
            } finally {
                purger.close();
            }
            State end = state(observer, data);
            for (UUID id : data.runIds()) {
                long expected = deleted.contains(id) ? 0 : afterDelete.logsPerRun().get(id);
                assertEquals(expected, end.logsPerRun().get(id), "logs of run " + id + (deleted.contains(id)
                        ? " (deleted) are purged" : " (kept) are kept"));
            }
            assertEquals(afterDelete.runs(), end.runs(), "the purge touched logs only");
        }
    }

    /**
     * The session killed for real from an admin connection ({@link Killers}: {@code pg_terminate_backend},
     * {@code KILL CONNECTION}, {@code ABORT_SESSION}) at each step of a bulk delete: before it begins, just after it
     * locked the runs, before the last statement ahead of the commit (all retried on a fresh connection: the runs are
     * deleted and their slots released once), and just before the commit (the outcome is unknown to the caller, the
     * database is exactly as before, and repeating the same filter deletes them).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSessionKilledAtEachStepIsRetriedOrReportedAsUnknown(String name) throws Exception {
        TestDatabase db = databases.get(name);
        assertTrue(Killers.canKill(db), name);
        Data data = new Data();
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource())
                .killWith(real -> Killers.kill(db, Killers.sessionId(db, real)));
        try (JdbcStorage observer = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build();
             JdbcStorage s = JdbcStorage.builder(faulty).tablePrefix(PREFIX).build()) {
            reset(db, observer, faulty, data);
            State before = state(observer, data);
            BulkDeleteResult expected = service(s).bulkDelete(DOOMED);
            List<String> steps = faulty.sql();
            int beforeCommit = steps.indexOf("COMMIT");
            int lock = 0;
            while (!steps.get(lock).contains("FOR UPDATE")) {
                lock++;
            }
            State after = state(observer, data);
            record Step(String what, FaultyDataSource.Fault fault, int at) {
            }
            for (Step step : List.of(new Step("before begin", FaultyDataSource.Fault.STATEMENT_BEFORE, 1),
                    new Step("after lock", FaultyDataSource.Fault.STATEMENT_AFTER, lock + 1),
                    new Step("before commit", FaultyDataSource.Fault.STATEMENT_BEFORE, beforeCommit),
                    new Step("during commit", FaultyDataSource.Fault.COMMIT_BEFORE, 1))) {
                reset(db, observer, faulty, data);
                faulty.arm(step.fault(), step.at());
                String where = name + ": session killed " + step.what();
                if (step.fault() == FaultyDataSource.Fault.COMMIT_BEFORE) {
                    assertThrows(FlowsweepCommitUnknownException.class, () -> service(s).bulkDelete(DOOMED), where);
                    assertEquals(1, faulty.injected(), where + ": the kill was reached");
                    assertExactly(before, state(observer, data), before, where, faulty);
                    assertEquals(expected, service(s).bulkDelete(DOOMED), where + ": repeating the same filter");
                } else {
                    assertEquals(expected, service(s).bulkDelete(DOOMED), where + ": retried on a fresh connection");
                    assertEquals(1, faulty.injected(), where + ": the kill was reached");
                }
                assertExactly(after, state(observer, data), before, where, faulty);
                System.out.println("[kills] " + where + ": " + (step.fault() == FaultyDataSource.Fault.COMMIT_BEFORE
                        ? "FlowsweepCommitUnknownException, nothing committed, the repeated call deleted the runs"
                        : "retried, deleted and released once"));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assertExactly(State wanted, State now, State before, String where, FaultyDataSource faulty) {
        if (!now.equals(wanted)) {
            fail(where + ": the database is not as it should be\n  expected " + wanted.summary()
                    + "\n  found    " + now.summary() + "\n  before   " + before.summary()
                    + "\n  statements " + faulty.sql());
        }
    }

    /** Purges queued, pending or failed. */
    private static int queued(FlowsweepStorage s) {
        PurgeQueueStats st = s.inTransaction(tx -> tx.purgeQueue().stats());
        return Math.toIntExact(st.pending() + st.failed());
    }

    private static Throwable rootSql(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return t;
            }
        }
        return null;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(DEADLINE, what, condition);
    }
}
