package dev.flowsweep.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void quickModeDefaultsToH2AndEveryWorkload() {
        Options o = Options.parse(List.of("quick"));
        assertTrue(o.quick());
        assertEquals(List.of(DbKind.H2), o.databases());
        assertEquals(EnumSet.of(Options.Workload.BULK_200, Options.Workload.LOG_INDEPENDENCE, Options.Workload.DRAIN,
                Options.Workload.MEMORY, Options.Workload.CONCURRENCY), o.workloads(),
                "the Prefect-schema workloads only when asked for");
        assertFalse(o.json());
        assertEquals(Options.DEFAULT_PG_URL, o.pgUrl());
        assertEquals(Options.DEFAULT_MARIADB_URL, o.mariadbUrl());
        assertEquals(3, o.iterationsOr(3, 10));
    }

    @Test
    void flagsAreRead() {
        Options o = Options.parse(List.of("full", "--db", "all", "--workload", "drain,memory", "--contenders",
                "flowsweep,floor-1tx", "--pg-url", "jdbc:postgresql://h/db", "--mariadb-url", "jdbc:mariadb://h/db",
                "--h2-dir", "/tmp/x", "--iterations", "7", "--warmup", "0", "--drain-runs", "5000", "--trace", "--json"));
        assertEquals(List.of(DbKind.H2, DbKind.POSTGRES, DbKind.MARIADB), o.databases());
        assertEquals(EnumSet.of(Options.Workload.DRAIN, Options.Workload.MEMORY), o.workloads());
        assertEquals(EnumSet.of(ContenderKind.FLOWSWEEP, ContenderKind.FLOOR_1TX), o.contenders());
        assertEquals("jdbc:postgresql://h/db", o.pgUrl());
        assertEquals("jdbc:mariadb://h/db", o.mariadbUrl());
        assertEquals(Path.of("/tmp/x"), o.h2Dir());
        assertEquals(7, o.iterationsOr(3, 10));
        assertEquals(0, o.warmupOr(1, 3));
        assertEquals(5000, o.drainRuns());
        assertTrue(o.trace());
        assertTrue(o.json());
        assertEquals(EnumSet.of(Options.Workload.PREFECT_BULK_200), Options.parse(List.of("full", "--workload",
                "prefect-bulk-200")).workloads());
    }

    @Test
    void mistakesAreReported() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("fast")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("quick", "--db", "oracle")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("quick", "--workload", "x")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("quick", "--db")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("quick", "--iterations", "0")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("quick", "--iterations", "x")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("quick", "--warmup", "-1")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("quick", "--contenders",
                "minimal-sql")));
    }

    @Test
    void theMariaDbDatabaseIsReplacedInTheUrl() {
        assertEquals("jdbc:mariadb://127.0.0.1:3306/flowsweep_bench?user=root",
                BenchDatabase.withMariaDbDatabase("jdbc:mariadb://127.0.0.1:3306/test?user=root", "flowsweep_bench"));
        assertEquals("jdbc:mariadb://h:1/flowsweep_bench",
                BenchDatabase.withMariaDbDatabase("jdbc:mariadb://h:1", "flowsweep_bench"));
        assertEquals("jdbc:mariadb://h/flowsweep_bench?a=b",
                BenchDatabase.withMariaDbDatabase("jdbc:mariadb://h?a=b", "flowsweep_bench"));
    }

    @Test
    void thePrefectWorkloadsTakeSqliteTheirSizeATimeCapAndRepeats() {
        Options o = Options.parse(List.of("full", "--db", "postgres,sqlite", "--workload", "prefect-db-vacuum",
                "--prefect-runs", "100000", "--time-cap", "900", "--repeats", "3"));
        assertEquals(List.of(DbKind.POSTGRES, DbKind.SQLITE), o.databases());
        assertEquals(100_000, o.prefectRunsOr(20_000, 1_000_000));
        assertEquals(900, o.timeCapSeconds());
        assertEquals(3, o.repeats());
        assertEquals(1_000_000, Options.parse(List.of("full")).prefectRunsOr(20_000, 1_000_000));
        assertEquals(List.of(DbKind.H2, DbKind.POSTGRES, DbKind.MARIADB), Options.parse(List.of("quick", "--db", "all"))
                .databases(), "all is the databases of Flowsweep's own tables");
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("quick", "--prefect-runs", "10")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("quick", "--time-cap", "0")));
    }

    @Test
    void theCapRatioIsANumberOfAtLeastOne() {
        assertEquals(21.5, Options.parse(List.of("full", "--cap-ratio", "21.5")).capRatio());
        assertNull(Options.parse(List.of("full")).capRatio());
        IllegalArgumentException below = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("full", "--cap-ratio", "0.5")));
        assertTrue(below.getMessage().contains("--cap-ratio"), below.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("full", "--cap-ratio", "NaN")));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("full", "--cap-ratio", "x")));
    }

    @Test
    void thePrefectCopiesAreNamedAfterTheHarnessDatabase() {
        assertEquals("bench_x", PrefectDatabase.databaseName("jdbc:postgresql://h:5432/bench_x?user=postgres"));
        assertEquals("jdbc:postgresql://h:5432/bench_x_pvacuum_c?user=postgres",
                PrefectDatabase.withDatabase("jdbc:postgresql://h:5432/bench_x?user=postgres", "bench_x_pvacuum_c"));
        assertEquals("jdbc:postgresql://h/other", PrefectDatabase.withDatabase("jdbc:postgresql://h/db", "other"));
    }
}
