package dev.flowsweep.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The baselines do the library's work, and the fixture gives every call the same data: on a small H2 file database
 * each contender deletes the same newest runs of a tag, the fixture finds nothing left undone (runs, tags, task runs,
 * logs, subflow links, slots, purge queue) and puts the data back as it was loaded. A contender that skips a step is
 * caught.
 */
class ContendersOnH2Test {
    private static final DataSpec SPEC = new DataSpec(2_000, 1, List.of(new DataSpec.Group("purge", 600, 2, 3)));

    @Test
    void everyContenderDeletesTheSameRunsCompletelyAndTheDataComesBackAsLoaded(@TempDir Path dir) throws Exception {
        Options o = Options.parse(List.of("quick", "--h2-dir", dir.toString()));
        try (Session s = Session.open(DbKind.H2, o, SPEC, ContenderKind.ALL, new Progress(false))) {
            Map<String, Long> loaded = Loader.count(s.db, SPEC);
            Fixture fixture = Fixture.stash(s.db, List.of("purge"), 100);
            Fixture.Target target = fixture.targets().get(0);
            assertTrue(target.subflowParents().size() > 0, "the deleted runs have subflows");
            assertTrue(target.released().size() > 1, "their slots are on several limits");
            for (int round = 0; round < 2; round++) {
                for (Contender c : s.rotation(round)) {
                    Contender.Deletion d = c.delete("purge", 100);
                    d.awaitLogsGone();
                    assertEquals(100, d.deleted(), c.kind().label);
                    assertEquals(List.of(), fixture.check(target), c.kind().label);
                    assertEquals(loaded.get("runs") - 100, s.db.count("SELECT COUNT(*) FROM " + BenchDatabase.RUN));
                    fixture.restore(target);
                    assertEquals(loaded, Loader.count(s.db, SPEC), "restored after " + c.kind().label);
                    assertEquals(List.of(), s.db.verify());
                }
            }
        }
    }

    /**
     * Flowsweep's "logs gone" is the commit of its purge transaction: after the call began, no later than the
     * confirming wait returned; the baselines, whose logs go in their own transaction, are timed when the wait returns.
     */
    @Test
    void flowsweepsLogsAreGoneAtItsPurgeCommitNotAtTheConfirmingRead(@TempDir Path dir) throws Exception {
        Options o = Options.parse(List.of("quick", "--h2-dir", dir.toString()));
        try (Session s = Session.open(DbKind.H2, o, SPEC, EnumSet.of(ContenderKind.FLOWSWEEP,
                ContenderKind.FLOOR_CALL), new Progress(false))) {
            Fixture fixture = Fixture.stash(s.db, List.of("purge"), 100);
            Fixture.Target target = fixture.targets().get(0);
            for (Contender c : s.rotation(0)) {
                long start = System.nanoTime();
                Contender.Deletion d = c.delete("purge", 100);
                d.awaitLogsGone();
                long returned = System.nanoTime();
                long gone = d.logsGoneAt(returned);
                assertEquals(List.of(), fixture.check(target), c.kind().label);
                if (c.kind() == ContenderKind.FLOWSWEEP) {
                    assertTrue(gone - start > 0 && returned - gone > 0,
                            "the purge commit lies inside the call's window, before the wait returned");
                } else {
                    assertEquals(returned, gone, c.kind().label);
                }
                fixture.restore(target);
            }
        }
    }

    @Test
    void theLoaderWritesWhatTheSpecSaysWithHoldersOnEveryLimitAndSubflows(@TempDir Path dir) throws Exception {
        Options o = Options.parse(List.of("quick", "--h2-dir", dir.toString()));
        DataSpec spec = new DataSpec(1_000, 2, List.of(new DataSpec.Group("a", 100, 5, 10),
                new DataSpec.Group("b", 50, 0, 0)));
        try (Session s = Session.open(DbKind.H2, o, spec, EnumSet.noneOf(ContenderKind.class),
                new Progress(false))) {
            assertEquals(1_000, s.sizes.get("runs"));
            assertEquals(500, s.sizes.get("task_runs"));
            assertEquals(spec.totalLogs(), s.sizes.get("logs"));
            assertEquals(100, s.sizes.get("tagged:a"));
            assertEquals(10, s.sizes.get("subflows"), "every 10th run with task runs has a subflow");
            assertEquals(250, s.sizes.get("slot_holders"), "a quarter hold slots");
            assertEquals(10, s.sizes.get("limits_with_holders"), "on every limit");
            assertEquals(250, s.db.count("SELECT SUM(active_slots) FROM " + BenchDatabase.LIMIT));
            assertEquals(3, s.db.count("SELECT COUNT(DISTINCT state_type) FROM " + BenchDatabase.RUN
                    + " WHERE state_type <> 'COMPLETED'"), "PENDING, RUNNING and CANCELLING");
            assertEquals(List.of(), s.db.verify());
        }
    }

    @Test
    void measuredSessionsAreNeverTracedEvenWithTrace(@TempDir Path dir) throws Exception {
        Options o = Options.parse(List.of("quick", "--h2-dir", dir.toString(), "--trace"));
        DataSpec tiny = new DataSpec(100, 0, List.of());
        try (Session s = Session.open(DbKind.H2, o, tiny, EnumSet.noneOf(ContenderKind.class), new Progress(false))) {
            assertEquals(null, s.db.trace());
        }
        try (Session s = Session.openTraced(DbKind.H2, o, tiny, EnumSet.noneOf(ContenderKind.class),
                new Progress(false))) {
            assertTrue(s.db.trace() != null);
        }
    }

    @Test
    void aCallThatLeavesSlotsHeldOrSubflowsLinkedIsCaught(@TempDir Path dir) throws Exception {
        Options o = Options.parse(List.of("quick", "--h2-dir", dir.toString()));
        try (Session s = Session.open(DbKind.H2, o, SPEC, EnumSet.noneOf(ContenderKind.class), new Progress(false))) {
            Fixture fixture = Fixture.stash(s.db, List.of("purge"), 100);
            Fixture.Target target = fixture.targets().get(0);
            FloorSql sql = new FloorSql(s.db);
            java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();
            Transactions.inTransaction(s.db, retries, c -> {
                List<UUID> ids = sql.selectAndLock(c, "purge", 100);
                sql.deleteTaskRuns(c, ids);
                sql.deleteRuns(c, ids);
                sql.deleteLogs(c, ids);
                return null;
            });
            List<String> problems = fixture.check(target);
            assertTrue(problems.stream().anyMatch(p -> p.contains("active slots")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("not orphaned")), problems.toString());
            assertFalse(problems.stream().anyMatch(p -> p.contains("runs to delete left")), problems.toString());
        }
    }
}
