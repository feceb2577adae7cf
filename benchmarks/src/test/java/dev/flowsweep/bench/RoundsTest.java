package dev.flowsweep.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundsTest {

    @Test
    void warmUpIsSteadyWhenTheLastWindowsMedianIsWithinTheToleranceOfTheOneBefore() {
        Rounds.Settings s = new Rounds.Settings(2, 10, 2, 0.15, 20);
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        warm.put("a", List.of(90.0, 50.0, 20.0, 21.0, 20.0, 22.0));
        warm.put("b", List.of(9.0, 5.0, 3.0, 3.1, 3.1, 3.0));
        assertTrue(Rounds.steady(warm, s));
        warm.put("b", List.of(9.0, 5.0, 3.0, 3.1, 3.5, 3.6));
        assertFalse(Rounds.steady(warm, s), "b's last two rose by 16 %");
        warm.put("b", List.of(3.1, 3.0, 9.0, 5.0, 3.0, 3.1));
        assertFalse(Rounds.steady(warm, s), "b's two before were still falling");
        warm.put("b", List.of(3.0, 3.0, 3.0));
        assertFalse(Rounds.steady(warm, s), "too few calls to tell");
    }

    /** Every cell gets one sample per measured round, and every call is checked and its data restored. */
    @Test
    void measuredRoundsGiveOnePairedSamplePerCellAndRoundOnRestoredData(@TempDir Path dir) throws Exception {
        Options o = Options.parse(List.of("quick", "--h2-dir", dir.toString()));
        DataSpec spec = new DataSpec(1_000, 1, List.of(new DataSpec.Group("purge", 200, 2, 3)));
        try (Session s = Session.open(DbKind.H2, o, spec, EnumSet.of(ContenderKind.FLOWSWEEP, ContenderKind.FLOOR_CALL),
                new Progress(false))) {
            Fixture fixture = Fixture.stash(s.db, List.of("purge"), 50);
            Fixture.Target t = fixture.targets().get(0);
            List<Rounds.Cell> cells = List.of(new Rounds.Cell("flowsweep", t, s.contenders.get(ContenderKind.FLOWSWEEP)),
                    new Rounds.Cell("floor-call", t, s.contenders.get(ContenderKind.FLOOR_CALL)));
            Rounds.Result r = Rounds.run(fixture, cells, new Rounds.Settings(1, 2, 1, 10.0, 3), new Progress(false),
                    "test");
            assertTrue(r.ok(), r.problems().toString());
            assertEquals(2, r.warmupRounds(), "a window of 1 needs 2 rounds to tell");
            assertTrue(r.steady());
            assertEquals(3, r.samples().get("flowsweep").call.size());
            assertEquals(3, r.samples().get("floor-call").endToEnd.size());
            assertEquals(2 * (2 + 3), r.upkeepMillis().size(), "every call checked and restored");
            assertEquals(1_000, s.db.count("SELECT COUNT(*) FROM " + BenchDatabase.RUN));
        }
    }
}
