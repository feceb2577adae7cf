package dev.flowsweep.bench;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The head-to-head on Prefect's schema checks what it claims, on small databases built from Prefect's shipped schema
 * (SQLite and PostgreSQL): the seed holds what the workloads need, Prefect's {@code db_vacuum} algorithm and
 * Flowsweep's retention each leave nothing old and nothing orphaned, the bulk contenders delete the target with
 * nothing left (the hand-written delete's leftovers counted exactly), and the checks catch what a contender leaves.
 */
class PrefectSchemaContendersTest {
    private static final int RUNS = 400;
    private static TestDatabase postgres;

    @TempDir
    Path dir;

    @AfterAll
    static void closeServer() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private PrefectDatabase create(DbKind kind) throws Exception {
        String pgUrl = "unused";
        if (kind == DbKind.POSTGRES) {
            if (postgres == null) {
                postgres = TestDatabase.open(DatabaseKind.POSTGRESQL);
            }
            pgUrl = postgres.jdbcUrl().replaceAll("[?&]currentSchema=[^&]*", "");
        }
        Options o = Options.parse(List.of("quick", "--pg-url", pgUrl, "--h2-dir", dir.toString()));
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        PrefectDatabase db = PrefectDatabase.create(kind, o, name);
        PrefectSeed.seed(db, RUNS, 3, RUNS / 5);
        return db;
    }

    @ParameterizedTest
    @EnumSource(value = DbKind.class, names = {"SQLITE", "POSTGRES"})
    void dbVacuumLeavesNothingOldOrOrphaned(DbKind kind) throws Exception {
        try (PrefectDatabase db = create(kind); PrefectDatabase.Copy copy = db.copy(2)) {
            Map<String, Long> expected = PrefectVacuumWorkload.toDelete(copy);
            assertEquals(RUNS * 8 / 10, expected.get("flow_run"), "80 % of the runs are old");
            assertEquals(expected.get("flow_run") * 3, expected.get("log"));
            assertTrue(expected.get("artifact") > 0, "old runs have artifacts");
            Map<String, Long> before = PrefectVacuumWorkload.rows(copy);
            DbVacuumContender.Outcome out = DbVacuumContender.run(copy,
                    Instant.now().minus(Duration.ofDays(PrefectSeed.OLDER_THAN_DAYS)), Long.MAX_VALUE,
                    new Progress(false), "test");
            assertFalse(out.capped());
            assertEquals(expected.get("flow_run"), out.runs());
            assertEquals(expected.get("log"), out.logs());
            assertEquals(expected.get("artifact"), out.artifacts());
            assertEquals(Map.of("old_runs", 0L, "orphaned_logs", 0L, "orphaned_artifacts", 0L, "orphaned_task_runs", 0L,
                    "orphaned_states", 0L), PrefectVacuumWorkload.leftovers(copy));
            assertEquals(List.of(), PrefectVacuumWorkload.check("db_vacuum", PrefectVacuumWorkload.leftovers(copy),
                    removed(before, PrefectVacuumWorkload.rows(copy)), total(expected)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DbKind.class, names = {"SQLITE", "POSTGRES"})
    void flowsweepRetentionLeavesNothingOldOrOrphaned(DbKind kind) throws Exception {
        try (PrefectDatabase db = create(kind); PrefectDatabase.Copy copy = db.copy(4)) {
            Map<String, Long> expected = PrefectVacuumWorkload.toDelete(copy);
            Map<String, Long> before = PrefectVacuumWorkload.rows(copy);
            RetentionContender.Outcome out = RetentionContender.run(copy, null, new Progress(false), "test");
            assertFalse(out.capped());
            assertEquals(expected.get("flow_run"), out.runs());
            assertEquals(expected.get("log"), out.logs());
            assertEquals(List.of(), PrefectVacuumWorkload.check("flowsweep", PrefectVacuumWorkload.leftovers(copy),
                    removed(before, PrefectVacuumWorkload.rows(copy)), total(expected)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DbKind.class, names = {"SQLITE", "POSTGRES"})
    void bulkContendersDeleteTheTargetAndTheHandDeleteLeftoversAreCounted(DbKind kind) throws Exception {
        try (PrefectDatabase db = create(kind)) {
            PrefectLeftovers.Target target;
            try (PrefectDatabase.Copy copy = db.copy(2)) {
                target = PrefectLeftovers.target(copy, PrefectSeed.TAG, 30);
            }
            assertEquals(30, target.ids().size());
            assertTrue(target.slotHolders() > 0 && target.subflows() > 0 && target.artifacts() > 0,
                    "the target holds slots, has subflows and artifacts: " + target.describe());
            for (String name : PrefectBulkWorkload.CONTENDERS) {
                try (PrefectDatabase.Copy copy = db.copy(4)) {
                    Contender.Deletion d;
                    try (PrefectBulkWorkload.Side side = PrefectBulkWorkload.open(name, copy)) {
                        d = side.delete(PrefectSeed.TAG, 30);
                        d.awaitLogsGone();
                    }
                    Map<String, Long> left = PrefectLeftovers.count(copy, target);
                    assertEquals(List.of(), PrefectBulkWorkload.check(name, d.deleted(), left, target), name);
                    switch (name) {
                        case "flowsweep" -> assertEquals(0L, left.get("orphaned_artifacts"));
                        case "prefect" -> assertEquals(target.artifacts(), left.get("orphaned_artifacts"));
                        default -> {
                            assertEquals(target.logs(), left.get("orphaned_logs"));
                            assertEquals(target.artifacts(), left.get("orphaned_artifacts"));
                            assertEquals(target.slotHolders(), left.get("held_slots"));
                        }
                    }
                }
            }
        }
    }

    @Test
    void checksNameWhatAContenderLeft() {
        PrefectLeftovers.Target target = new PrefectLeftovers.Target(List.of(UUID.randomUUID()), 5, 1, 2, 0, 1, 10, 3);
        Map<String, Long> left = Map.of("runs_left", 0L, "orphaned_logs", 5L, "orphaned_artifacts", 1L, "held_slots",
                1L, "orphaned_task_runs", 0L, "orphaned_states", 0L, "dangling_subflows", 0L);
        assertEquals(List.of(), PrefectBulkWorkload.check("hand-delete", 1, left, target));
        assertEquals(List.of("5 orphaned logs", "1 slots still held for deleted runs"),
                PrefectBulkWorkload.check("prefect", 1, left, target));
        assertEquals(3, PrefectBulkWorkload.check("flowsweep", 1, left, target).size());
        assertEquals(List.of("db_vacuum: 7 orphaned logs left", "db_vacuum: removed 9 rows, 10 expected"),
                PrefectVacuumWorkload.check("db_vacuum", Map.of("orphaned_logs", 7L), 9, 10));
    }

    private static long removed(Map<String, Long> before, Map<String, Long> after) {
        long n = 0;
        for (String t : PrefectVacuumWorkload.TABLES) {
            n += before.get(t) - after.get(t);
        }
        return n;
    }

    private static long total(Map<String, Long> expected) {
        return expected.values().stream().mapToLong(Long::longValue).sum();
    }
}
