package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.jdbc.internal.layout.prefect.PrefectLayout;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Prefect's layout refuses, each with a clear error naming the cause, and nothing changed: a database that is not
 * Prefect's, a revision it was not tested with (unless accepted), its bookkeeping missing under VALIDATE, a database the
 * layout does not run on, a user without DELETE rights, a SQLite file locked past the busy timeout, a filter the schema
 * cannot answer exactly.
 */
class PrefectRefusalsTest {

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "SQLITE"})
    void aDatabaseThatIsNotPrefectsIsRefusedAndNothingIsCreated(DatabaseKind kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            UnsupportedDatabaseException e = assertThrows(UnsupportedDatabaseException.class,
                    () -> PrefectTables.storage(db));
            assertTrue(e.getMessage().startsWith("not a Prefect database (no table alembic_version"), e.getMessage());
            db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
            e = assertThrows(UnsupportedDatabaseException.class, () -> PrefectTables.storage(db));
            assertTrue(e.getMessage().startsWith("not a Prefect database (no table flow_run"), e.getMessage());
            assertEquals(List.of("alembic_version"), db.tables(), "nothing was created");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"PREFECT_POSTGRESQL", "PREFECT_SQLITE"})
    void anUnknownRevisionIsRefusedNamingItUnlessTheHostAcceptsIt(DatabaseKind kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            String head = kind == DatabaseKind.PREFECT_SQLITE ? "f416ea180ae1" : "9e9dadc36797";
            db.execute("UPDATE alembic_version SET version_num = 'abc123def456'");
            UnsupportedDatabaseException e = assertThrows(UnsupportedDatabaseException.class,
                    () -> PrefectTables.storage(db));
            assertTrue(e.getMessage().contains("Alembic revision abc123def456"), e.getMessage());
            assertTrue(e.getMessage().contains("accepted on " + db.name() + ": " + head), e.getMessage());
            assertTrue(e.getMessage().contains(".acceptPrefectRevisions(\"abc123def456\")"), e.getMessage());
            assertTrue(e.getMessage().contains(".acceptAnyPrefectRevision()"), e.getMessage());
            assertEquals(List.of(), ours(db), "nothing was created");

            JdbcStorage.builder(db.dataSource()).layout(Layout.PREFECT).acceptPrefectRevisions("abc123def456").build()
                    .close();
            try (JdbcStorage any = JdbcStorage.builder(db.dataSource()).layout(Layout.PREFECT)
                    .acceptAnyPrefectRevision().build()) {
                assertTrue(any.describe().contains("alembic abc123def456"), any.describe());
            }
            assertThrows(IllegalArgumentException.class, () -> JdbcStorage.builder(db.dataSource())
                    .acceptPrefectRevisions(" "));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"PREFECT_POSTGRESQL", "PREFECT_SQLITE"})
    void validateWithoutFlowsweepsTablesNamesTheMissingTableAndTheScript(DatabaseKind kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            FlowsweepStorageException e = assertThrows(FlowsweepStorageException.class, () -> JdbcStorage
                    .builder(db.dataSource()).layout(Layout.PREFECT).schemaMode(SchemaMode.VALIDATE).build());
            assertTrue(e.getMessage().contains("table flowsweep_schema_version is missing"), e.getMessage());
            assertTrue(e.getMessage().contains("db/prefect/" + db.name() + "/V1__flowsweep_bookkeeping.sql"),
                    e.getMessage());
            assertEquals(List.of(), ours(db));
            PrefectTables.storage(db).close();
            JdbcStorage.builder(db.dataSource()).layout(Layout.PREFECT).schemaMode(SchemaMode.VALIDATE).build().close();
        }
    }

    @Test
    void aLayoutIsRefusedOnADatabaseItDoesNotRunOnNamingBoth() {
        try (TestDatabase h2 = TestDatabase.open(DatabaseKind.H2)) {
            UnsupportedDatabaseException e = assertThrows(UnsupportedDatabaseException.class, () -> PrefectTables.storage(h2));
            assertTrue(e.getMessage().contains("Layout.PREFECT runs on PostgreSQL and SQLite")
                    && e.getMessage().contains("Database.H2 with Layout.PREFECT"), e.getMessage());
        }
        try (TestDatabase sqlite = TestDatabase.open(DatabaseKind.SQLITE)) {
            UnsupportedDatabaseException e = assertThrows(UnsupportedDatabaseException.class,
                    () -> new JdbcStorage(sqlite.dataSource()));
            assertTrue(e.getMessage().contains("Layout.FLOWSWEEP does not run on SQLite (Database.SQLITE with "
                    + "Layout.FLOWSWEEP)"), e.getMessage());
            assertEquals(List.of(), sqlite.tables());
        }
    }

    @Test
    void aUserWithoutDeleteRightsGetsAnErrorNamingThePermissionAndNothingChanges() throws SQLException {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.PREFECT_POSTGRESQL)) {
            List<FlowRun> runs = seedRuns(db, 3);
            String role = "flowsweep_no_delete_" + UUID.randomUUID().toString().substring(0, 8);
            db.execute("CREATE ROLE " + role + " LOGIN");
            try {
                db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
                db.execute("REVOKE DELETE ON flow_run FROM " + role);
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setURL(db.jdbcUrl());
                ds.setUser(role);
                try (JdbcStorage storage = JdbcStorage.builder(ds).layout(Layout.PREFECT).build()) {
                    FlowsweepStorageException e = assertThrows(FlowsweepStorageException.class, () ->
                            BulkDeleteService.builder(storage).build().bulkDelete(BulkDeleteRequest.of(null, 10)));
                    assertTrue(e.getMessage().contains("delete flow runs failed")
                            && e.getMessage().contains("permission denied for table flow_run"), e.getMessage());
                    assertEquals(3L, (long) storage.inTransaction(tx -> tx.flowRuns().count(null)));
                    assertEquals(3, db.queryLong("SELECT count(*) FROM task_run"), "nothing changed");
                    assertEquals(0, db.queryLong("SELECT count(*) FROM flowsweep_log_purge_queue"));
                }
            } finally {
                db.execute("DROP OWNED BY " + role);
                db.execute("DROP ROLE " + role);
            }
        }
    }

    @Test
    void aSqliteFileLockedLongerThanTheBusyTimeoutIsAClearErrorAndNothingChanges() throws SQLException {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.PREFECT_SQLITE)) {
            seedRuns(db, 3);
            try (JdbcStorage storage = JdbcStorage.builder(db.dataSource()).layout(Layout.PREFECT)
                    .lockTimeout(Duration.ofMillis(200)).build();
                 Connection writer = db.dataSource().getConnection(); Statement st = writer.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.execute("UPDATE flow SET name = name");
                BulkDeleteService service = BulkDeleteService.builder(storage).build();
                FlowsweepStorageException e = assertThrows(FlowsweepStorageException.class,
                        () -> service.bulkDelete(BulkDeleteRequest.of(null, 10)));
                assertTrue(e.isTransient(), "retried by core before it reached the caller");
                assertTrue(e.getMessage().contains("the SQLite database was locked by another connection for longer "
                        + "than the busy timeout"), e.getMessage());
                st.execute("ROLLBACK");
                assertEquals(3L, (long) storage.inTransaction(tx -> tx.flowRuns().count(null)), "nothing changed");
                assertEquals(3, service.bulkDelete(BulkDeleteRequest.of(null, 10)).deleted().size(),
                        "once the lock is released, the same delete goes through");
            }
        }
    }

    @Test
    void aSqliteConnectionHandedOverInsideATransactionIsRefused() throws SQLException {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.PREFECT_SQLITE)) {
            PrefectTables.storage(db).close();
            try (JdbcStorage storage = JdbcStorage.builder(db.dataSource(c -> {
                try {
                    c.setAutoCommit(false);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return c;
            })).layout(Layout.PREFECT).schemaMode(SchemaMode.VALIDATE).build()) {
                FlowsweepStorageException e = assertThrows(FlowsweepStorageException.class,
                        () -> storage.inTransaction(tx -> tx.flowRuns().count(null)));
                assertTrue(e.getMessage().contains("needs connections in autocommit mode"), e.getMessage());
            }
        }
    }

    @Test
    void aNameFilterIsRefusedWhereThePostgresServerHasNoIcuAndNothingChanges() {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.PREFECT_POSTGRESQL)) {
            seedRuns(db, 2);
            try (JdbcStorage storage = PrefectTables.storage(db)) {
                ((PrefectLayout) storage.tables()).withoutIcuForTests();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BulkDeleteService
                        .builder(storage).build().bulkDelete(BulkDeleteRequest.of(
                                FlowRunFilter.builder().nameLike("run").build(), 10)));
                assertTrue(e.getMessage().startsWith("a filter Prefect's schema cannot answer exactly: name.like_")
                        && e.getMessage().contains("no ICU collation \"und-x-icu\""), e.getMessage());
                assertEquals(2L, (long) storage.inTransaction(tx -> tx.flowRuns().count(null)), "nothing changed");
                assertEquals(2L, (long) storage.inTransaction(tx -> tx.flowRuns().count(
                        FlowRunFilter.builder().nameAny("run-0", "run-1").build().toCriterion().orElseThrow())),
                        "every other filter is answered");
            }
        }
    }

    /** {@code n} runs named {@code run-<i>}, each with a task run, inserted through Flowsweep. */
    private static List<FlowRun> seedRuns(TestDatabase db, int n) {
        List<FlowRun> runs = new ArrayList<>();
        try (JdbcStorage storage = PrefectTables.storage(db)) {
            Flow flow = new Flow(UUID.randomUUID(), "etl");
            for (int i = 0; i < n; i++) {
                runs.add(FlowRun.builder(flow.id()).name("run-" + i).build());
            }
            storage.inTransaction(tx -> {
                tx.flows().insert(flow);
                for (FlowRun r : runs) {
                    tx.flowRuns().insert(r);
                    tx.taskRuns().insert(new dev.flowsweep.model.TaskRun(UUID.randomUUID(), r.id(), "t", "0", "t",
                            null, null));
                }
                return null;
            });
        }
        return runs;
    }

    private static List<String> ours(TestDatabase db) {
        return db.tables().stream().filter(t -> t.startsWith(JdbcStorage.DEFAULT_TABLE_PREFIX)).toList();
    }
}
