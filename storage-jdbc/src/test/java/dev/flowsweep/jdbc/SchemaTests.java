package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.internal.schema.Migration;
import dev.flowsweep.jdbc.internal.layout.flowsweep.FlowsweepSchema;
import dev.flowsweep.model.Flow;
import dev.flowsweep.spi.FlowsweepStorageException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creating, validating and versioning the schema; table prefixes; instances starting at once. */
abstract class SchemaTests extends JdbcTestSupport {
    private static final List<Migration> MIGRATIONS = FlowsweepSchema.MIGRATIONS;
    private static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    @Test
    void createsTheSchemaRecordsItsVersionAndThenValidatesIt() {
        String p = freshPrefix();
        JdbcStorage created = storage(p);
        assertEquals(database().name(), created.database().id());
        assertEquals(LATEST, created.schemaVersion());
        assertEquals(MIGRATIONS.size(), queryLong("SELECT COUNT(*) FROM " + p + "schema_version"));
        assertEquals(LATEST, queryLong("SELECT MAX(version) FROM " + p + "schema_version"));
        assertTrue(created.describe().contains(database().name()), created.describe());

        JdbcStorage validated = closeLater(JdbcStorage.builder(database().dataSource()).tablePrefix(p)
                .schemaMode(SchemaMode.VALIDATE).build());
        assertEquals(LATEST, validated.schemaVersion());
        Flow f = flow(created, "a flow");
        assertEquals(f, validated.inTransaction(tx -> tx.flows().findById(f.id())).orElseThrow());

        storage(p);
        assertEquals(MIGRATIONS.size(), queryLong("SELECT COUNT(*) FROM " + p + "schema_version"),
                "creating again changes nothing");
    }

    @Test
    void aNamedDatabaseAndLayoutAreUsedWithoutDetection() {
        String p = freshPrefix();
        Database named = Database.valueOf(database().name().toUpperCase(Locale.ROOT));
        JdbcStorage s = closeLater(JdbcStorage.builder(database().dataSource()).database(named)
                .layout(Layout.FLOWSWEEP).tablePrefix(p).build());
        assertEquals(named, s.database());
        assertEquals(Layout.FLOWSWEEP, s.layout());
        assertTrue(s.describe().startsWith("jdbc:" + database().name() + " (") && s.describe().contains("tables " + p + "*"),
                s.describe());
        Flow f = flow(s, "a flow");
        assertEquals(f, s.inTransaction(tx -> tx.flows().findById(f.id())).orElseThrow());
    }

    @Test
    void validateFailsClearlyOnAnEmptySchemaAMissingTableAndAMissingColumn() {
        String p = freshPrefix();
        FlowsweepStorageException empty = assertThrows(FlowsweepStorageException.class,
                () -> JdbcStorage.builder(database().dataSource()).tablePrefix(p).schemaMode(SchemaMode.VALIDATE).build());
        assertTrue(empty.getMessage().contains("table " + p + "schema_version is missing"), empty.getMessage());
        assertTrue(empty.getMessage().contains("db/" + database().name() + "/V1__flowsweep_schema.sql"),
                empty.getMessage());

        storage(p);
        execute("DROP TABLE " + p + "log_purge_queue");
        FlowsweepStorageException missing = assertThrows(FlowsweepStorageException.class,
                () -> JdbcStorage.builder(database().dataSource()).tablePrefix(p).schemaMode(SchemaMode.VALIDATE).build());
        assertTrue(missing.getMessage().contains("table " + p + "log_purge_queue is missing"), missing.getMessage());

        execute("ALTER TABLE " + p + "log DROP COLUMN task_run_id");
        FlowsweepStorageException column = assertThrows(FlowsweepStorageException.class,
                () -> JdbcStorage.builder(database().dataSource()).tablePrefix(p).schemaMode(SchemaMode.VALIDATE).build());
        assertTrue(column.getMessage().contains("table " + p + "log lacks some of the columns"), column.getMessage());
    }

    @Test
    void tablePrefixesKeepStoragesApart() {
        String a = freshPrefix();
        String b = freshPrefix();
        JdbcStorage first = storage(a);
        JdbcStorage second = storage(b);
        assertEquals(b, second.tablePrefix());
        Flow f = flow(first, "only in a");
        assertEquals(1, queryLong("SELECT COUNT(*) FROM " + a + "flow"));
        assertEquals(0, queryLong("SELECT COUNT(*) FROM " + b + "flow"));
        assertTrue(second.inTransaction(tx -> tx.flows().findById(f.id())).isEmpty());
        flow(second, "only in a"); // the same name is free in the other prefix
        assertThrows(IllegalArgumentException.class, () -> JdbcStorage.builder(database().dataSource())
                .tablePrefix("Bad-Prefix"));
    }

    @Test
    void instancesStartingAtOnceCreateTheSchemaOnce() throws Exception {
        String p = freshPrefix();
        int instances = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<JdbcStorage>> futures = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return JdbcStorage.builder(database().dataSource()).tablePrefix(p).build();
                }));
            }
            start.countDown();
            for (Future<JdbcStorage> f : futures) {
                JdbcStorage s = closeLater(f.get(2, TimeUnit.MINUTES));
                assertEquals(LATEST, s.schemaVersion());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(MIGRATIONS.size(), queryLong("SELECT COUNT(*) FROM " + p + "schema_version"));
    }
}
