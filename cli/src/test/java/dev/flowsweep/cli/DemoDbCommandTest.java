package dev.flowsweep.cli;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code flowsweep demo-db}: Prefect's schema and the demo runs in a new SQLite file and in an empty PostgreSQL
 * database, what the README's walkthrough then does on them, the refusal of any database that has tables (nothing
 * changed), and the shipped schemas being the ones the tests load.
 */
class DemoDbCommandTest {
    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = FlowsweepCli.commandLine(Map.of(), false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The demo data, as the walkthrough finds it: what delete and retention then select. */
    private static void assertSeededAndWalkable(String url) throws Exception {
        assertEquals(DemoData.RUNS, count(url, "SELECT COUNT(*) FROM flow_run"));
        assertEquals(DemoData.RUNS * DemoData.TASK_RUNS_PER_RUN, count(url, "SELECT COUNT(*) FROM task_run"));
        assertEquals(DemoData.RUNS * DemoData.LOGS_PER_RUN, count(url, "SELECT COUNT(*) FROM log"));
        assertEquals(0, count(url, "SELECT COUNT(*) FROM flow_run WHERE state_id IS NULL"), "every run has a state row");

        Result delete = run("delete", "--jdbc-url", url, "--layout", "prefect", "--filter",
                "{\"tags\": {\"all_\": [\"test\"]}}", "--dry-run");
        Result retention = run("retention", "--jdbc-url", url, "--layout", "prefect", "--older-than", "30d",
                "--dry-run");

        assertTrue(delete.out().startsWith("dry run: would delete " + DemoData.TEST + " of " + DemoData.TEST
                + " matching run(s)"), delete.toString());
        assertTrue(retention.out().startsWith("dry run of retention cli: " + (DemoData.OLD_COMPLETED
                + DemoData.OLD_FAILED) + " run(s) would be deleted"), retention.toString());
    }

    @Test
    void aNewSqliteFileGetsPrefectsSchemaAndTheDemoRuns(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("prefect-demo.db");

        Result r = run("demo-db", "--jdbc-url", url);

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("created a Prefect database at " + url + ": Prefect's schema at Alembic revision "
                + "f416ea180ae1, and Flowsweep's four tables beside it"), r.toString());
        assertTrue(r.out().contains("seeded 2 flows (nightly-etl, adhoc-report) and 25 flow runs, with 50 task runs "
                + "and 125 logs:"), r.toString());
        assertEquals("wal", queryString(url, "PRAGMA journal_mode"), "WAL, as a Prefect server sets it");
        assertSeededAndWalkable(url);

        Result again = run("demo-db", "--jdbc-url", url);

        assertEquals(FlowsweepCli.EXIT_REFUSED, again.code(), again.toString());
        assertTrue(again.err().contains("demo-db writes only into a new database, and " + dir.resolve("prefect-demo.db")
                + " has tables already"), again.toString());
        assertEquals(DemoData.RUNS, count(url, "SELECT COUNT(*) FROM flow_run"), "nothing added");
    }

    @Test
    void anEmptyPostgresDatabaseGetsPrefectsSchemaAndTheDemoRuns() throws Exception {
        try (TestDatabase pg = TestDatabase.open(DatabaseKind.PREFECT_POSTGRESQL)) {
            pg.execute("DROP SCHEMA public CASCADE");   // a database of its own: emptied, as `createdb` makes one
            pg.execute("CREATE SCHEMA public");

            Result r = run("demo-db", "--jdbc-url", pg.jdbcUrl());

            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("Prefect's schema at Alembic revision 9e9dadc36797"), r.toString());
            assertSeededAndWalkable(pg.jdbcUrl());
            Result again = run("demo-db", "--jdbc-url", pg.jdbcUrl());
            assertEquals(FlowsweepCli.EXIT_REFUSED, again.code(), again.toString());
            assertTrue(again.err().contains("the public schema of jdbc:postgresql://"), again.toString());
        }
    }

    @Test
    void aPrefectDatabaseIsNeverWrittenInto(@UseDatabase(DatabaseKind.PREFECT_SQLITE) TestDatabase prefect) {
        Result r = run("demo-db", "--jdbc-url", prefect.jdbcUrl());

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code(), r.toString());
        assertTrue(r.err().contains("has tables already"), r.toString());
        assertEquals(0, prefect.queryLong("SELECT COUNT(*) FROM flow_run"));
        assertFalse(prefect.tables().contains("flowsweep_schema_version"));
    }

    @Test
    void otherDatabasesAndLayoutsAreRefused(@TempDir Path dir) {
        Result h2 = run("demo-db", "--jdbc-url", "jdbc:h2:mem:demo");
        Result layout = run("demo-db", "--jdbc-url", "jdbc:sqlite:" + dir.resolve("x.db"), "--layout", "flowsweep");
        Result noDir = run("demo-db", "--jdbc-url", "jdbc:sqlite:" + dir.resolve("missing/x.db"));

        assertEquals(FlowsweepCli.EXIT_REFUSED, h2.code(), h2.toString());
        assertTrue(h2.err().contains("demo-db makes a Prefect database on SQLite or PostgreSQL"), h2.toString());
        assertEquals(FlowsweepCli.EXIT_REFUSED, layout.code(), layout.toString());
        assertTrue(layout.err().contains("the layout given was flowsweep"), layout.toString());
        assertEquals(FlowsweepCli.EXIT_REFUSED, noDir.code(), noDir.toString());
        assertFalse(Files.exists(dir.resolve("x.db")));
    }

    /** The copies in the tool's jar are the schemas every test loads (test-support's, with their attribution). */
    @Test
    void theShippedSchemasAreTheTestedOnes() throws Exception {
        for (String file : List.of("sqlite.sql", "postgresql.sql")) {
            try (InputStream tested = getClass().getClassLoader().getResourceAsStream("prefect-schema/" + file)) {
                assertNotNull(tested, file);
                assertEquals(new String(tested.readAllBytes(), StandardCharsets.UTF_8), DemoDbCommand.schema(file),
                        file);
            }
        }
        assertNotNull(DemoDbCommand.class.getResource("prefect-schema/README.md"), "the attribution beside them");
    }

    private static String queryString(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
