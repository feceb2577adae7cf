package dev.flowsweep.cli;

import dev.flowsweep.model.FlowRun;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --layout prefect} on a Prefect server's database, beyond what every command does on it: {@code schema
 * validate} names Prefect's revision and the advised index, {@code schema create} adds exactly Flowsweep's four
 * tables; and the refusals, each with a message naming the cause, the exit code of the CLI's README and nothing
 * changed — a database that is not Prefect's, a revision not tested (then accepted with the option), a layout the
 * database cannot hold ({@code --layout prefect} on H2 or MariaDB, Flowsweep's own layout on Prefect's database).
 */
abstract class CliPrefectSuite extends CliSuite {
    private static final String TAGS_INDEX =
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS flowsweep_advised_flow_run_tags ON flow_run USING gin (tags);";

    private boolean sqlite() {
        return db.kind() == DatabaseKind.PREFECT_SQLITE;
    }

    private String head() {
        return sqlite() ? "f416ea180ae1" : "9e9dadc36797";
    }

    /** The same database product without Prefect's schema. */
    private DatabaseKind plainKind() {
        return sqlite() ? DatabaseKind.SQLITE : DatabaseKind.POSTGRESQL;
    }

    private Result on(TestDatabase other, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--jdbc-url");
        all.add(other.jdbcUrl());
        return run(false, all.toArray(new String[0]));
    }

    @Test
    void schemaValidateNamesPrefectsRevisionAndTheIndexItAdvisesWithoutCreatingIt() {
        Result r = cli("schema validate");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("schema v2 valid: jdbc:" + db.name()), r.toString());
        assertTrue(r.out().contains("Prefect's tables (alembic " + head() + "), bookkeeping flowsweep_*"), r.toString());
        if (sqlite()) {
            assertTrue(r.out().contains("advised indexes: none"), r.toString());
        } else {
            assertTrue(r.out().lines().anyMatch(TAGS_INDEX::equals), r.toString());
            assertEquals(0, db.queryLong("SELECT COUNT(*) FROM pg_indexes WHERE indexname = "
                    + "'flowsweep_advised_flow_run_tags'"), "advised, never created");
        }
    }

    @Test
    void schemaCreateAddsExactlyFlowsweepsFourTablesBesidePrefects() {
        try (TestDatabase fresh = TestDatabase.open(db.kind())) {
            List<String> before = fresh.tables();

            Result r = on(fresh, "schema", "create", "--layout", "prefect");

            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("Prefect's tables were checked, not changed; Flowsweep's own beside them: "
                    + "flowsweep_schema_version, flowsweep_log_purge_queue, flowsweep_lease, flowsweep_archive"),
                    r.toString());
            List<String> added = new ArrayList<>(fresh.tables());
            added.removeAll(before);
            assertEquals(List.of("flowsweep_archive", "flowsweep_lease", "flowsweep_log_purge_queue",
                            "flowsweep_schema_version"),
                    added.stream().sorted().toList());
            assertTrue(fresh.tables().containsAll(before));
        }
    }

    @Test
    void aDatabaseThatIsNotPrefectsIsRefusedAndLeftAsItWas() {
        try (TestDatabase plain = TestDatabase.open(plainKind())) {
            Result create = on(plain, "schema", "create", "--layout", "prefect");
            Result delete = on(plain, "delete", "--layout", "prefect", "--filter", TEST_TAG);

            for (Result r : List.of(create, delete)) {
                assertEquals(FlowsweepCli.EXIT_FAILURE, r.code(), r.toString());
                assertTrue(r.err().startsWith("flowsweep: cannot work on this database: not a Prefect database (no "
                        + "table alembic_version"), r.toString());
            }
            assertEquals(List.of(), plain.tables(), "nothing created");
        }
    }

    @Test
    void aRevisionNotTestedIsRefusedThenAcceptedWithTheOption() {
        List<FlowRun> tests = insertMany(2, "test-", b -> b.tags("test"));
        db.execute("UPDATE alembic_version SET version_num = 'abc123def456'");

        Result refused = cli("delete", "--filter", TEST_TAG);

        assertEquals(FlowsweepCli.EXIT_FAILURE, refused.code(), refused.toString());
        assertTrue(refused.err().contains("the Prefect database is at Alembic revision abc123def456, which this "
                + "Flowsweep release was not tested with (accepted on " + db.name() + ": " + head() + ")"),
                refused.toString());
        assertTrue(refused.err().contains("accept it with --accept-prefect-revision abc123def456 (or "
                + "--accept-any-prefect-revision)"), refused.toString());
        assertFalse(refused.err().contains("JdbcStorage.builder"), "the tool's option, not the Java API");
        assertEquals(2, countRuns(), "nothing deleted");

        Result validated = cli("schema validate", "--accept-any-prefect-revision");
        Result accepted = cli("delete", "--filter", TEST_TAG, "--accept-prefect-revision", "abc123def456");

        assertEquals(0, validated.code(), validated.toString());
        assertTrue(validated.out().contains("Prefect's tables (alembic abc123def456)"), validated.toString());
        assertEquals(0, accepted.code(), accepted.toString());
        assertEquals(ids(tests), new HashSet<>(printedIds(accepted.out())));
    }

    @Test
    void prefectsLayoutOnH2OrMariaDbIsRefusedBeforeConnecting() {
        for (DatabaseKind kind : List.of(DatabaseKind.H2, DatabaseKind.MARIADB)) {
            try (TestDatabase other = TestDatabase.open(kind)) {
                Result r = on(other, "schema", "create", "--layout", "prefect");

                assertEquals(FlowsweepCli.EXIT_REFUSED, r.code(), r.toString());
                assertTrue(r.err().contains("--layout prefect works on the database a Prefect server keeps its tables "
                        + "in, PostgreSQL or SQLite; jdbc:" + other.name()), r.toString());
                assertTrue(r.err().contains(" is " + other.name()), r.toString());
                assertEquals(List.of(), other.tables(), "nothing created on " + kind);
            }
        }
    }

    @Test
    void flowsweepsOwnLayoutOnPrefectsDatabaseIsRefusedWithTheOptionToUse() {
        List<String> before = db.tables();

        Result create = run(false, "schema", "create", "--jdbc-url", db.jdbcUrl());
        Result delete = run(false, "delete", "--jdbc-url", db.jdbcUrl(), "--filter", TEST_TAG);

        if (sqlite()) {
            for (Result r : List.of(create, delete)) {
                assertEquals(FlowsweepCli.EXIT_REFUSED, r.code(), r.toString());
                assertTrue(r.err().contains("a SQLite file is a Prefect server's database: pass --layout prefect (or "
                        + "set FLOWSWEEP_LAYOUT=prefect)"), r.toString());
            }
        } else {
            assertEquals(FlowsweepCli.EXIT_REFUSED, create.code(), create.toString());
            assertTrue(create.err().contains("this database holds a Prefect server's tables (alembic_version, "
                    + "flow_run): pass --layout prefect"), create.toString());
            assertEquals(FlowsweepCli.EXIT_FAILURE, delete.code(), delete.toString());
            assertTrue(delete.err().contains("; this database holds a Prefect server's tables: pass --layout prefect"),
                    delete.toString());
        }
        assertEquals(before, db.tables(), "no table of Flowsweep's own layout created");
    }

    @Test
    void theLayoutMayComeFromTheEnvironmentAndIsChecked() {
        env.put(DatabaseOptions.LAYOUT_ENV, "Prefect");
        Result fromEnv = run(false, "schema", "validate", "--jdbc-url", db.jdbcUrl());
        env.put(DatabaseOptions.LAYOUT_ENV, "prefects");
        Result bad = run(false, "schema", "validate", "--jdbc-url", db.jdbcUrl());
        Result badOption = run(false, "schema", "validate", "--jdbc-url", db.jdbcUrl(), "--layout", "airflow");

        assertEquals(0, fromEnv.code(), fromEnv.toString());
        assertTrue(fromEnv.out().contains("Prefect's tables"), fromEnv.toString());
        assertEquals(FlowsweepCli.EXIT_REFUSED, bad.code(), bad.toString());
        assertTrue(bad.err().contains("FLOWSWEEP_LAYOUT must be flowsweep or prefect, was prefects"), bad.toString());
        assertEquals(FlowsweepCli.EXIT_REFUSED, badOption.code(), badOption.toString());
        assertTrue(badOption.err().contains("--layout"), badOption.toString());
    }

    @Test
    void theRevisionOptionsNeedPrefectsLayout() {
        Result r = run(false, "schema", "validate", "--jdbc-url", db.jdbcUrl(), "--layout", "flowsweep",
                "--accept-prefect-revision", head());

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code(), r.toString());
        assertTrue(r.err().contains("--accept-prefect-revision and --accept-any-prefect-revision need --layout "
                + "prefect"), r.toString());
    }
}
