package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prefect's tables are never altered: their catalogue — tables, columns, indexes, constraints, triggers (and, on
 * PostgreSQL, enum types) — is the same before and after Flowsweep created its tables and ran everything it does, and
 * Flowsweep created exactly its four bookkeeping tables. The index Flowsweep advises is only advised; once the
 * operator creates it, the tag filters use it.
 */
class PrefectCatalogueTest {
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"PREFECT_POSTGRESQL", "PREFECT_SQLITE"})
    void prefectsCatalogueIsTheSameAfterFlowsweepRanAndOnlyItsFourTablesWereAdded(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            List<String> before = catalogue(db);
            try (JdbcStorage storage = PrefectTables.storage(db)) {
                runEverything(storage);
            }
            assertEquals(before, catalogue(db), "Prefect's catalogue");
            List<String> ours = new ArrayList<>();
            for (String t : db.tables()) {
                if (t.startsWith(JdbcStorage.DEFAULT_TABLE_PREFIX)) {
                    ours.add(t);
                }
            }
            assertEquals(List.of("flowsweep_archive", "flowsweep_lease", "flowsweep_log_purge_queue",
                    "flowsweep_schema_version"), ours);
        }
    }

    /** Inserts, bulk deletes, drains, retention, the log purge and the orphaned-log sweep. */
    private static void runEverything(JdbcStorage storage) throws InterruptedException {
        Flow flow = new Flow(UUID.randomUUID(), "etl");
        ConcurrencyLimit limit = new ConcurrencyLimit(UUID.randomUUID(), "deployment:x", 5, true, 3);
        Deployment deployment = new Deployment(UUID.randomUUID(), "nightly", flow.id(), limit.id());
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            runs.add(FlowRun.builder(flow.id()).name(i % 3 == 0 ? null : "run-" + i).tags(i % 2 == 0 ? "even" : "odd")
                    .state(StateType.values()[i % StateType.values().length]).deploymentId(deployment.id())
                    .endTime(NOW.minus(Duration.ofDays(40 + i))).created(NOW.minusSeconds(i)).build());
        }
        storage.inTransaction(tx -> {
            tx.flows().insert(flow);
            tx.concurrencyLimits().insert(limit);
            tx.deployments().insert(deployment);
            for (FlowRun r : runs) {
                tx.flowRuns().insert(r);
                tx.taskRuns().insert(new TaskRun(UUID.randomUUID(), r.id(), "t", "0", null, StateType.COMPLETED, null));
                tx.logs().insert(List.of(new Log(UUID.randomUUID(), "l", 20, "m", NOW, r.id(), null)));
            }
            tx.logs().insert(List.of(new Log(UUID.randomUUID(), "l", 20, "orphan", NOW.minus(Duration.ofDays(2)),
                    UUID.randomUUID(), null)));
            return null;
        });
        BulkDeleteService service = BulkDeleteService.builder(storage).clock(CLOCK).build();
        service.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAny("even").nameLike("run").build(), 2));
        service.drain(FlowRunFilter.builder().tagsAll("even").build(), 2, p -> { });
        try (RetentionService retention = RetentionService.builder(service).clock(CLOCK).instanceId("catalogue")
                .policy(RetentionPolicy.builder("old").olderThan(Duration.ofDays(30)).build()).build()) {
            retention.runNow("old");
            retention.sweepOrphanLogs();
        }
        LogPurger purger = LogPurger.builder(storage).clock(CLOCK).build().start();
        try {
            assertTrue(purger.awaitIdle(Duration.ofSeconds(60)));
        } finally {
            purger.close();
        }
        assertTrue(storage.inTransaction(tx -> tx.flowRuns().count(null)) < runs.size(), "something was deleted");
    }

    @Test
    void theAdvisedTagIndexIsOnlyAdvisedAndServesTheTagFiltersOnceCreated() throws Exception {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.PREFECT_POSTGRESQL)) {
            String ddl;
            try (JdbcStorage storage = PrefectTables.storage(db)) {
                assertEquals(List.of("CREATE INDEX CONCURRENTLY IF NOT EXISTS flowsweep_advised_flow_run_tags ON flow_run "
                        + "USING gin (tags)"), storage.advisedIndexes());
                ddl = storage.advisedIndexes().get(0);
            }
            assertEquals(0, db.queryLong("SELECT count(*) FROM pg_indexes WHERE tablename = 'flow_run' AND indexname LIKE 'flowsweep%'"),
                    "advised, not created");
            db.execute(ddl);
            try (JdbcStorage storage = PrefectTables.storage(db)) {
                assertEquals(List.of(), storage.advisedIndexes(), "nothing left to advise");
            }
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("SET enable_seqscan = off");
                for (String operator : List.of("??|", "??&")) {
                    List<String> plan = SeedSql.column(c, "EXPLAIN SELECT id FROM flow_run r WHERE r.tags "
                            + operator + " ARRAY['x']");
                    assertTrue(String.join("\n", plan).contains("flowsweep_advised_flow_run_tags"), plan.toString());
                }
                st.execute("RESET enable_seqscan");
            }
        }
    }

    @Test
    void nothingIsAdvisedOnSqliteWhichCannotIndexTheElementsOfAJsonArray() {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.PREFECT_SQLITE);
             JdbcStorage storage = PrefectTables.storage(db)) {
            assertEquals(List.of(), storage.advisedIndexes());
        }
    }

    /** Prefect's part of the catalogue, one line per item, sorted. */
    static List<String> catalogue(TestDatabase db) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            if (db.name().equals("postgresql")) {
                lines.addAll(SeedSql.column(c, "SELECT concat_ws(' ', 'column', table_name, ordinal_position, "
                        + "column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, "
                        + "numeric_precision, collation_name) FROM information_schema.columns WHERE table_schema = "
                        + "'public' AND table_name NOT LIKE 'flowsweep%'"));
                lines.addAll(SeedSql.column(c, "SELECT concat_ws(' ', 'index', tablename, indexname, indexdef) FROM "
                        + "pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE 'flowsweep%'"));
                lines.addAll(SeedSql.column(c, "SELECT concat_ws(' ', 'constraint', CAST(CAST(conrelid AS regclass) AS "
                        + "text), conname, pg_get_constraintdef(oid)) FROM pg_constraint WHERE connamespace = "
                        + "CAST('public' AS regnamespace) AND CAST(CAST(conrelid AS regclass) AS text) NOT LIKE "
                        + "'flowsweep%'"));
                lines.addAll(SeedSql.column(c, "SELECT concat_ws(' ', 'trigger', CAST(CAST(tgrelid AS regclass) AS "
                        + "text), tgname, pg_get_triggerdef(oid)) FROM pg_trigger WHERE NOT tgisinternal"));
                lines.addAll(SeedSql.column(c, "SELECT concat_ws(' ', 'enum', t.typname, e.enumsortorder, e.enumlabel) "
                        + "FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"));
            } else {
                lines.addAll(SeedSql.column(c, "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || "
                        + "coalesce(sql, '') FROM sqlite_master WHERE tbl_name NOT LIKE 'flowsweep%'"));
                for (String t : SeedSql.column(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                        + "name NOT LIKE 'flowsweep%'")) {
                    lines.addAll(SeedSql.column(c, "SELECT 'column " + t + " ' || cid || ' ' || name || ' ' || type "
                            + "|| ' ' || \"notnull\" || ' ' || coalesce(dflt_value, 'NULL') || ' ' || pk FROM "
                            + "pragma_table_info('" + t + "')"));
                    lines.addAll(SeedSql.column(c, "SELECT 'index " + t + " ' || seq || ' ' || name || ' ' || "
                            + "\"unique\" || ' ' || origin || ' ' || partial FROM pragma_index_list('" + t + "')"));
                    lines.addAll(SeedSql.column(c, "SELECT 'key " + t + " ' || id || ' ' || seq || ' ' || \"table\" "
                            + "|| ' ' || \"from\" || ' ' || coalesce(\"to\", '') || ' ' || on_update || ' ' || on_delete "
                            + "FROM pragma_foreign_key_list('" + t + "')"));
                }
            }
        }
        lines.sort(null);
        assertTrue(lines.size() > 500, "the catalogue was read: " + lines.size() + " lines");
        return lines;
    }
}
