package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.ArchivedDocument;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archive before delete under faults, through {@link FaultyDataSource}, on H2, PostgreSQL and MariaDB: a failed archive
 * write fails the delete (nothing deleted, nothing archived, nothing queued); a fault at any statement of an archiving
 * bulk delete leaves the database exactly as before (no archive row) or exactly as after (runs gone, archived once);
 * a purge whose log archive fails deletes no log and archives none, and archives each log once when it succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveFaultInjectionTest {
    private static final String PREFIX = "afi_";
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final BulkDeleteRequest DOOMED = BulkDeleteRequest.of(
            FlowRunFilter.builder().tagsAny("doomed").build(), 50).withActor("ops").withArchive(true);

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

    /** Rows, task runs, archive rows and queued purges: what an archiving delete changes. */
    private record State(long runs, long taskRuns, long logs, long archived, long queued) {
    }

    private static List<UUID> seed(TestDatabase db, FlowsweepStorage s) {
        JdbcTestSupport.deleteAllRows(db, PREFIX);
        Flow flow = new Flow(UUID.randomUUID(), "archive-faults");
        List<UUID> ids = new ArrayList<>();
        s.inTransaction(tx -> {
            tx.flows().insert(flow);
            for (int i = 0; i < 6; i++) {
                FlowRun run = FlowRun.builder(flow.id()).name("run-" + i).tags(i < 4 ? "doomed" : "kept")
                        .state(StateType.COMPLETED).created(NOW).updated(NOW).build();
                tx.flowRuns().insert(run);
                tx.taskRuns().insert(new TaskRun(UUID.randomUUID(), run.id(), "task", "0", "task", StateType.COMPLETED,
                        "Completed"));
                List<Log> logs = new ArrayList<>();
                for (int k = 0; k < 5; k++) {
                    logs.add(new Log(UUID.randomUUID(), "app", 20, "line " + k, NOW.plusSeconds(k), run.id(), null));
                }
                tx.logs().insert(logs);
                ids.add(run.id());
            }
            return null;
        });
        return ids;
    }

    private static State state(FlowsweepStorage s, List<UUID> ids) {
        return s.inTransaction(tx -> new State(tx.flowRuns().count(null), tx.taskRuns().findByFlowRunIds(ids).size(),
                tx.logs().count(null), tx.archive().count(null), tx.purgeQueue().stats().pending()));
    }

    private static BulkDeleteService service(FlowsweepStorage s) {
        return BulkDeleteService.builder(s).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFailedArchiveWriteFailsTheDeleteAndChangesNothing(String name) {
        TestDatabase db = databases.get(name);
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        try (JdbcStorage observer = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build();
             JdbcStorage s = JdbcStorage.builder(faulty).tablePrefix(PREFIX).build()) {
            List<UUID> ids = seed(db, observer);
            State before = state(observer, ids);
            faulty.failStatements(sql -> sql.startsWith("INSERT INTO " + PREFIX + "archive"), "42501");
            try {
                FlowsweepStorageException e = assertThrows(FlowsweepStorageException.class,
                        () -> service(s).bulkDelete(DOOMED));
                assertFalse(e.isTransient(), e.toString());
                assertTrue(e.getMessage().contains("archive"), "the message names the archive: " + e.getMessage());
            } finally {
                faulty.failStatements(null, null);
            }
            assertEquals(before, state(observer, ids), name + ": nothing deleted, archived or queued");
            assertEquals(0, before.archived());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aConnectionLostAtAnyStatementOfAnArchivingDeleteIsRetriedAndArchivesOnce(String name) {
        TestDatabase db = databases.get(name);
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        try (JdbcStorage observer = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build();
             JdbcStorage s = JdbcStorage.builder(faulty).tablePrefix(PREFIX).build()) {
            List<UUID> ids = seed(db, observer);
            State before = state(observer, ids);
            faulty.disarm();
            service(s).bulkDelete(DOOMED);
            List<String> steps = faulty.sql();
            int beforeCommit = steps.indexOf("COMMIT");
            State after = state(observer, ids);
            assertEquals(new State(2, 2, 30, 8, 4), after, name + ": 4 runs and 4 task runs archived, 4 purges queued");
            assertTrue(steps.stream().filter(q -> q.startsWith("INSERT INTO " + PREFIX + "archive")).count() >= 2,
                    "one archive statement per table: " + steps);

            for (int n = 1; n <= beforeCommit; n++) {
                List<UUID> seeded = seed(db, observer);
                faulty.arm(FaultyDataSource.Fault.STATEMENT_BEFORE, n);
                String where = name + ": the connection dies before statement " + n + " (" + steps.get(n - 1) + ")";
                // Lost before the commit was sent: nothing happened, so the service retries on a fresh connection,
                // and the retry archives each row once (the failed attempt left no archive row behind).
                assertEquals(4, service(s).bulkDelete(DOOMED).deleted().size(), where + ": retried on a fresh connection");
                assertEquals(1, faulty.injected(), where + " was reached");
                assertEquals(after, state(observer, seeded), where + ": archived once, as without the fault");
            }
            faulty.disarm();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPurgeWhoseLogArchiveFailsDeletesNoLogThenArchivesEachOnce(String name) throws InterruptedException {
        TestDatabase db = databases.get(name);
        FaultyDataSource faulty = new FaultyDataSource(db.dataSource());
        try (JdbcStorage observer = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build();
             JdbcStorage s = JdbcStorage.builder(faulty).tablePrefix(PREFIX).build()) {
            List<UUID> ids = seed(db, observer);
            service(observer).bulkDelete(DOOMED);
            faulty.failStatements(sql -> sql.startsWith("INSERT INTO " + PREFIX + "archive"), "42501");
            try (LogPurger purger = LogPurger.builder(s).backoff(List.of(Duration.ofMillis(10)))
                    .maxRowsPerStatement(3).maxRowsPerTransaction(6).build().start()) {
                purger.wakeUp();
                int refused = faulty.refused();
                Await.until(DEADLINE, "the purge to try and fail", () -> faulty.refused() > refused);
                assertEquals(30, state(observer, ids).logs(), name + ": no log deleted while the archive fails");
                assertEquals(8, state(observer, ids).archived(), name + ": no log archived");

                faulty.failStatements(null, null);
                purger.retryFailed();
                purger.wakeUp();
                Await.until(DEADLINE, "the purge to finish", () -> state(observer, ids).queued() == 0
                        && observer.inTransaction(tx -> tx.purgeQueue().stats().failed()) == 0);
            } finally {
                faulty.failStatements(null, null);
            }
            State done = state(observer, ids);
            assertEquals(10, done.logs(), name + ": the logs of the 2 kept runs are left");
            List<ArchivedDocument> logs = new ArrayList<>();
            observer.inTransaction(tx -> tx.archive().export(null, d -> {
                if (d.kind().equals("log")) {
                    logs.add(d);
                }
            }));
            assertEquals(20, logs.size(), name + ": the 20 logs of the deleted runs, each once");
            assertEquals(20, logs.stream().map(ArchivedDocument::sourceId).distinct().count());
            assertTrue(logs.stream().allMatch(d -> "ops".equals(d.actor()) && "BULK_DELETE".equals(d.reason())));
        }
    }
}
