package dev.flowsweep.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The baselines do the library's work: on a small H2 file database each contender deletes runs of the same tag,
 * and afterwards no log or task run of a deleted run is left, no purge is queued, and every limit's active slots
 * match the slot-holding runs left (what {@link BenchDatabase#verify()} checks after every workload).
 */
class ContendersOnH2Test {

    @Test
    void everyContenderDeletesRunsTaskRunsLogsAndReleasesSlots(@TempDir Path dir) throws Exception {
        Options o = Options.parse(List.of("quick", "--h2-dir", dir.toString()));
        DataSpec spec = new DataSpec(2_000, 1, List.of(new DataSpec.Group("purge", 600, 2, 3)));
        try (Session s = Session.open(DbKind.H2, o, spec, ContenderKind.ALL, new Progress(false))) {
            long runsBefore = s.db.count("SELECT COUNT(*) FROM " + BenchDatabase.RUN);
            for (int round = 0; round < 2; round++) {
                for (Contender c : s.rotation(round)) {
                    Contender.Deletion d = c.delete("purge", 50);
                    d.awaitLogsGone();
                    assertEquals(50, d.deleted(), c.kind().label);
                }
            }
            assertEquals(List.of(), s.db.verify());
            assertEquals(runsBefore - 300, s.db.count("SELECT COUNT(*) FROM " + BenchDatabase.RUN));
            assertEquals(300, s.db.count("SELECT COUNT(*) FROM " + BenchDatabase.TAG + " WHERE tag = 'purge'"));
        }
    }

    @Test
    void theLoaderWritesWhatTheSpecSays(@TempDir Path dir) throws Exception {
        Options o = Options.parse(List.of("quick", "--h2-dir", dir.toString()));
        DataSpec spec = new DataSpec(1_000, 2, List.of(new DataSpec.Group("a", 100, 5, 10),
                new DataSpec.Group("b", 50, 0, 0)));
        try (Session s = Session.open(DbKind.H2, o, spec, java.util.EnumSet.noneOf(ContenderKind.class),
                new Progress(false))) {
            assertEquals(1_000, s.db.count("SELECT COUNT(*) FROM " + BenchDatabase.RUN));
            assertEquals(500, s.db.count("SELECT COUNT(*) FROM " + BenchDatabase.TASK_RUN));
            assertEquals(spec.totalLogs(), s.db.count("SELECT COUNT(*) FROM " + BenchDatabase.LOG));
            assertEquals(100, s.db.count("SELECT COUNT(*) FROM " + BenchDatabase.TAG + " WHERE tag = 'a'"));
            assertEquals(250, s.db.count("SELECT SUM(active_slots) FROM " + BenchDatabase.LIMIT), "a quarter hold slots");
            assertEquals(List.of(), s.db.verify());
        }
    }
}
