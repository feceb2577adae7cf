package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DrainResult;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Prefect database filled as a Prefect server fills it ({@link PrefectSeed}), then a bulk delete, a drain, a
 * retention run and the log purge through Flowsweep on Prefect's layout. Afterwards: no row anywhere references a
 * deleted run, task run or state (every reference without a foreign key that Flowsweep cleans, and every foreign key),
 * the slots are as the contract says and Prefect's decay formula ran, the artifact collections are fixed as Prefect's
 * vacuum fixes them, and every other row of every table is byte for byte what it was — including the tables that
 * reference runs without a foreign key and that Flowsweep leaves alone on purpose (events, the v1 limits' slots, the
 * task-run state cache; storage-jdbc/README.md says why).
 */
class PrefectEndToEndTest {
    private static final Clock CLOCK = Clock.fixed(PrefectSeed.NOW, ZoneOffset.UTC);
    /** The tables whose rows Flowsweep deletes or changes; every other table must be unchanged. */
    private static final List<String> CHANGED = List.of("flow_run", "flow_run_state", "flow_run_input", "task_run",
            "task_run_state", "log", "artifact", "artifact_collection", "concurrency_limit_v2");

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"PREFECT_POSTGRESQL", "PREFECT_SQLITE"})
    void bulkDeleteDrainRetentionAndPurgeLeaveNothingBehindAndTouchNothingElse(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            PrefectSeed seed = PrefectSeed.fill(db);
            Map<String, Map<String, String>> before = snapshot(db);

            try (JdbcStorage storage = PrefectTables.storage(db)) {
                BulkDeleteService service = BulkDeleteService.builder(storage).clock(CLOCK).build();
                BulkDeleteResult deleted = service.bulkDelete(BulkDeleteRequest.of(
                        FlowRunFilter.builder().tagsAny("doomed").build(), 200));
                assertEquals(new HashSet<>(seed.doomed), new HashSet<>(deleted.deleted()));
                assertEquals(Map.of(seed.activeLimit, seed.slotHolders), deleted.releasedSlots());

                DrainResult drained = service.drain(FlowRunFilter.builder().tagsAny("drain").build(), 2, p -> { });
                assertEquals(seed.drained.size(), drained.deleted());
                assertEquals(2, drained.batches());

                try (RetentionService retention = RetentionService.builder(service).clock(CLOCK).instanceId("e2e")
                        .policy(RetentionPolicy.builder("finished-30d").olderThan(Duration.ofDays(30)).build())
                        .noOrphanLogSweep().build()) {
                    RetentionRun run = retention.runNow("finished-30d");
                    assertEquals(seed.old.size(), run.deleted(), run.toString());
                }

                LogPurger purger = LogPurger.builder(storage).clock(CLOCK).build().start();
                try {
                    assertTrue(purger.awaitIdle(Duration.ofSeconds(60)), "the log purge finished");
                    assertEquals(0, purger.failedCount());
                } finally {
                    purger.close();
                }
            }

            Map<String, Map<String, String>> after = snapshot(db);
            Set<UUID> gone = new HashSet<>(seed.doomed);
            gone.addAll(seed.drained);
            gone.addAll(seed.old);
            try (Connection c = db.dataSource().getConnection()) {
                assertEquals(ids(seed.kept), new HashSet<>(SeedSql.column(c, "SELECT id FROM flow_run")));
                noDanglingReferences(c, kind);
                slotsAsModelled(c, seed, before, after);
                collectionsFixedAsPrefectFixesThem(c, seed, after);
            }
            unchangedExceptWhatBelongedToDeletedRuns(before, after, gone, seed);
        }
    }

    /** Every reference to a run, a task run, a state or an artifact points at a row that exists. */
    private static void noDanglingReferences(Connection c, DatabaseKind kind) throws SQLException {
        Map<String, String> references = new TreeMap<>();
        references.put("task_run.flow_run_id", "SELECT x.id FROM task_run x WHERE NOT EXISTS "
                + "(SELECT 1 FROM flow_run r WHERE r.id = x.flow_run_id)");
        references.put("flow_run.parent_task_run_id", "SELECT x.id FROM flow_run x WHERE x.parent_task_run_id IS NOT "
                + "NULL AND NOT EXISTS (SELECT 1 FROM task_run t WHERE t.id = x.parent_task_run_id)");
        references.put("flow_run.state_id", "SELECT x.id FROM flow_run x WHERE x.state_id IS NULL OR NOT EXISTS "
                + "(SELECT 1 FROM flow_run_state s WHERE s.id = x.state_id AND s.flow_run_id = x.id)");
        references.put("task_run.state_id", "SELECT x.id FROM task_run x WHERE x.state_id IS NULL OR NOT EXISTS "
                + "(SELECT 1 FROM task_run_state s WHERE s.id = x.state_id AND s.task_run_id = x.id)");
        references.put("flow_run_state.flow_run_id", "SELECT x.id FROM flow_run_state x WHERE NOT EXISTS "
                + "(SELECT 1 FROM flow_run r WHERE r.id = x.flow_run_id)");
        references.put("task_run_state.task_run_id", "SELECT x.id FROM task_run_state x WHERE NOT EXISTS "
                + "(SELECT 1 FROM task_run t WHERE t.id = x.task_run_id)");
        references.put("flow_run_input.flow_run_id", "SELECT x.id FROM flow_run_input x WHERE NOT EXISTS "
                + "(SELECT 1 FROM flow_run r WHERE r.id = x.flow_run_id)");
        for (String t : List.of("log", "artifact", "artifact_collection")) {
            references.put(t + ".flow_run_id", "SELECT x.id FROM " + t + " x WHERE x.flow_run_id IS NOT NULL AND "
                    + "NOT EXISTS (SELECT 1 FROM flow_run r WHERE r.id = x.flow_run_id)");
            references.put(t + ".task_run_id", "SELECT x.id FROM " + t + " x WHERE x.task_run_id IS NOT NULL AND "
                    + "NOT EXISTS (SELECT 1 FROM task_run r WHERE r.id = x.task_run_id)");
        }
        references.put("artifact_collection.latest_id", "SELECT x.id FROM artifact_collection x WHERE NOT EXISTS "
                + "(SELECT 1 FROM artifact a WHERE a.id = x.latest_id)");
        for (String t : List.of("flow_run_state", "task_run_state")) {
            references.put(t + ".result_artifact_id", "SELECT x.id FROM " + t + " x WHERE x.result_artifact_id IS NOT "
                    + "NULL AND NOT EXISTS (SELECT 1 FROM artifact a WHERE a.id = x.result_artifact_id)");
        }
        for (Map.Entry<String, String> r : references.entrySet()) {
            assertEquals(List.of(), SeedSql.column(c, r.getValue()), "rows whose " + r.getKey() + " is dangling");
        }
        if (kind == DatabaseKind.PREFECT_SQLITE) {
            assertEquals(List.of(), SeedSql.column(c, "SELECT \"table\" FROM pragma_foreign_key_check"),
                    "SQLite's foreign key check (PostgreSQL enforces every key itself)");
        }
    }

    /** The active limit dropped by the deleted holders and its denied slots decayed; the inactive one is untouched. */
    private static void slotsAsModelled(Connection c, PrefectSeed seed, Map<String, Map<String, String>> before,
                                        Map<String, Map<String, String>> after) throws SQLException {
        assertEquals(List.of(String.valueOf(PrefectSeed.ACTIVE_SLOTS - seed.slotHolders)), SeedSql.column(c,
                "SELECT active_slots FROM concurrency_limit_v2 WHERE id = '" + seed.activeLimit + "'"));
        assertEquals(List.of("0"), SeedSql.column(c, "SELECT denied_slots FROM concurrency_limit_v2 WHERE id = '"
                + seed.activeLimit + "'"), "Prefect's decay: 4 denied slots at 0.5 per second, an hour later");
        Map<String, String> limitsBefore = before.get("concurrency_limit_v2");
        Map<String, String> limitsAfter = after.get("concurrency_limit_v2");
        assertNotEquals(limitsBefore.get(seed.activeLimit.toString()), limitsAfter.get(seed.activeLimit.toString()));
        assertEquals(limitsBefore.get(seed.inactiveLimit.toString()), limitsAfter.get(seed.inactiveLimit.toString()),
                "an inactive limit is not touched");
    }

    /** {@code report} points at the older artifact of its key, with its fields; keys without an artifact are gone. */
    private static void collectionsFixedAsPrefectFixesThem(Connection c, PrefectSeed seed,
                                                           Map<String, Map<String, String>> after) throws SQLException {
        assertEquals(List.of("kept-report", "report"),
                SeedSql.column(c, "SELECT key FROM artifact_collection ORDER BY key"));
        String copied = "latest_id, data, description, type, created, updated, flow_run_id, task_run_id, metadata_";
        List<String> collection = SeedSql.column(c, "SELECT " + concat(copied) + " FROM artifact_collection WHERE key = 'report'");
        List<String> artifact = SeedSql.column(c, "SELECT " + concat(copied.replace("latest_id", "id"))
                + " FROM artifact WHERE id = '" + seed.reportFallback + "'");
        assertEquals(1, artifact.size());
        assertEquals(artifact, collection, "the collection copies the artifact's fields, as Prefect's vacuum does");
    }

    private static String concat(String columns) {
        StringBuilder b = new StringBuilder();
        for (String col : columns.split(", ")) {
            b.append(b.length() == 0 ? "" : " || '|' || ").append("coalesce(CAST(").append(col)
                    .append(" AS VARCHAR), 'NULL')");
        }
        return b.toString();
    }

    /**
     * Every table but the changed ones is byte for byte the same; in the changed ones, exactly the rows of deleted runs
     * (their states, task runs, task runs' states, inputs, logs, artifacts) are gone and the rest is the same, but for
     * the orphaned subflow's parent, the fixed collections and the active limit.
     */
    private static void unchangedExceptWhatBelongedToDeletedRuns(Map<String, Map<String, String>> before,
                                                                 Map<String, Map<String, String>> after, Set<UUID> gone,
                                                                 PrefectSeed seed) {
        for (String table : before.keySet()) {
            if (!CHANGED.contains(table)) {
                assertEquals(before.get(table), after.get(table), "table " + table + " is unchanged");
            }
        }
        Set<String> goneText = new HashSet<>();
        gone.forEach(id -> goneText.add(id.toString()));
        Set<String> goneTasks = new HashSet<>();
        for (UUID run : gone) {
            seed.tasksOf.get(run).forEach(t -> goneTasks.add(t.toString()));
        }
        Set<String> modified = Set.of(seed.orphanedSubflow.toString(), seed.activeLimit.toString());
        for (String table : CHANGED) {
            Map<String, String> expected = new HashMap<>();
            for (Map.Entry<String, String> row : before.get(table).entrySet()) {
                if (!belongsTo(row.getValue(), goneText, goneTasks) && !modified.contains(row.getKey())
                        && !table.equals("artifact_collection")) {
                    expected.put(row.getKey(), row.getValue());
                }
            }
            Map<String, String> actual = new HashMap<>(after.get(table));
            actual.keySet().removeAll(modified);
            if (table.equals("artifact_collection")) {
                continue;   // checked field by field above
            }
            assertEquals(new TreeMap<>(expected), new TreeMap<>(actual), "rows of " + table);
        }
        String subflow = after.get("flow_run").get(seed.orphanedSubflow.toString());
        assertTrue(subflow.contains("parent_task_run_id=null"), subflow);
        assertEquals(before.get("flow_run").get(seed.orphanedSubflow.toString())
                        .replaceAll("parent_task_run_id=[0-9a-f-]+", "parent_task_run_id=null"), subflow,
                "the orphaned subflow changed in its parent only");
    }

    /** Whether a row (as text) names a deleted run or one of its task runs in a run or task column. */
    private static boolean belongsTo(String row, Set<String> runs, Set<String> tasks) {
        for (String part : row.split(" \\| ")) {
            int eq = part.indexOf('=');
            String column = part.substring(0, eq);
            String value = part.substring(eq + 1);
            if ((column.equals("flow_run_id") || column.equals("id")) && runs.contains(value)
                    || (column.equals("task_run_id") || column.equals("id")) && tasks.contains(value)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Map<String, String>> snapshot(TestDatabase db) throws SQLException {
        Map<String, Map<String, String>> tables = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            for (String t : db.tables()) {
                if (!t.startsWith(JdbcStorage.DEFAULT_TABLE_PREFIX)) {
                    tables.put(t, SeedSql.rows(c, t));
                }
            }
        }
        return tables;
    }

    private static Set<String> ids(List<UUID> ids) {
        Set<String> s = new HashSet<>();
        ids.forEach(id -> s.add(id.toString()));
        return s;
    }
}
