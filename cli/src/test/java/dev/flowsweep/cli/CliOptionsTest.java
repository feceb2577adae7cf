package dev.flowsweep.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help, usage errors, exit codes and value parsing: everything that needs no database. */
class CliOptionsTest {
    private record Result(int code, String out, String err) {
    }

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = FlowsweepCli.commandLine(env, false);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    private static Result run(String... args) {
        return run(Map.of(), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "delete", "drain", "retention", "purge-status", "schema", "schema create",
            "schema validate", "demo-db"})
    void everyCommandHasHelp(String command) {
        String[] words = command.isEmpty() ? new String[0] : command.split(" ");
        String[] args = new String[words.length + 1];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = "--help";

        Result r = run(args);

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: flowsweep" + (command.isEmpty() ? "" : " " + command)), r.out());
    }

    @Test
    void theTopLevelHelpListsTheCommandsAndTheExitCodes() {
        Result r = run("--help");

        for (String c : new String[] {"delete", "drain", "retention", "purge-status", "schema", "demo-db"}) {
            assertTrue(r.out().contains("  " + c + " "), c + " missing from\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(java.util.regex.Pattern.compile("\\s2\\s+storage failure").matcher(r.out()).find(), r.out());
        assertTrue(java.util.regex.Pattern.compile("\\s143\\s+stopped by SIGTERM").matcher(r.out()).find(), r.out());
    }

    @Test
    void theDeleteHelpNamesItsOptions() {
        Result r = run("delete", "--help");

        for (String o : new String[] {"--jdbc-url", "--jdbc-user", "--jdbc-password", "--filter", "--filter-file",
                "--limit", "--dry-run", "--actor", "--purge-logs", "--json", "--layout", "--accept-prefect-revision"}) {
            assertTrue(r.out().contains(o), o + " missing from\n" + r.out());
        }
    }

    @Test
    void noCommandIsRefusedWithTheUsage() {
        Result r = run();

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code());
        assertTrue(r.err().contains("say which command to run"), r.err());
        assertTrue(r.err().contains("Usage: flowsweep"), r.err());
    }

    @Test
    void anUnknownOptionIsRefusedWithAHint() {
        Result r = run("delete", "--filtr", "{}");

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code());
        assertTrue(r.err().contains("--filtr"), r.err());
        assertTrue(r.err().contains("Try 'flowsweep delete --help'"), r.err());
    }

    @Test
    void deleteNeedsExactlyOneFilterOption() {
        Result none = run("delete", "--jdbc-url", "jdbc:h2:mem:x");
        Result both = run("delete", "--filter", "{}", "--filter-file", "f.json");

        assertEquals(FlowsweepCli.EXIT_REFUSED, none.code());
        assertTrue(none.err().contains("--filter"), none.err());
        assertEquals(FlowsweepCli.EXIT_REFUSED, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void aMissingDatabaseIsRefusedBeforeAnyConnection() {
        Result r = run("delete", "--filter", "{\"tags\": {\"all_\": [\"x\"]}}");

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code());
        assertTrue(r.err().contains("no database given: pass --jdbc-url or set FLOWSWEEP_JDBC_URL"), r.err());
    }

    @Test
    void aUrlThatIsNotJdbcIsRefused() {
        Result r = run("purge-status", "--jdbc-url", "postgres://db/x?password=secret");

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code());
        assertTrue(r.err().contains("must be a JDBC URL"), r.err());
        assertTrue(!r.err().contains("secret"), "the query string (which may hold a password) is not echoed");
    }

    @Test
    void aUrlThatNoDriverTakesIsRefusedBeforeAnyConnection() {
        Result r = run("purge-status", "--jdbc-url", "jdbc:nosuch://db/x?password=secret");

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code(), r.err());
        assertTrue(r.err().contains("no JDBC driver takes jdbc:nosuch://db/x"), r.err());
        assertTrue(!r.err().contains("secret"), "the query string (which may hold a password) is not echoed");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAStorageFailure() {
        Result r = run(Map.of(DatabaseOptions.URL_ENV, "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2"),
                "purge-status");

        assertEquals(FlowsweepCli.EXIT_FAILURE, r.code(), r.err());
        assertTrue(r.err().startsWith("flowsweep: storage failure: cannot start the Flowsweep JDBC storage"), r.err());
    }

    @Test
    void aSqliteFileThatDoesNotExistIsRefusedAndNotCreated(@TempDir Path dir) {
        Path missing = dir.resolve("prefect.db");

        Result r = run("schema", "validate", "--layout", "prefect", "--jdbc-url", "jdbc:sqlite:" + missing);

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code(), r.err());
        assertTrue(r.err().contains("no SQLite file at " + missing), r.err());
        assertFalse(Files.exists(missing), "SQLite would have created it");
    }

    @Test
    void aBatchSizeOutsideTheCapIsRefused() {
        Result r = run("drain", "--jdbc-url", "jdbc:h2:mem:x", "--filter", "{\"tags\": {\"all_\": [\"x\"]}}",
                "--batch-size", "0");

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code());
        assertTrue(r.err().contains("--batch-size must be between 1 and 200, was 0"), r.err());
    }

    @Test
    void durationsAreReadAsOperatorsWriteThem() {
        assertEquals(Duration.ofDays(30), DurationConverter.parse("30d"));
        assertEquals(Duration.ofHours(12), DurationConverter.parse("12h"));
        assertEquals(Duration.ofMinutes(90), DurationConverter.parse("1h30m"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofDays(14), DurationConverter.parse("2w"));
        assertEquals(Duration.ofSeconds(45), DurationConverter.parse("45S"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("PT1H"));
        assertEquals(Duration.ofDays(30), DurationConverter.parse("P30D"));
        for (String bad : new String[] {"", "30", "d", "30 days", "1h-5m", "P", "-3d"}) {
            assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse(bad), bad);
        }
    }

    @Test
    void durationsArePrintedShort() {
        assertEquals("120 ms", DurationConverter.format(Duration.ofMillis(120)));
        assertEquals("45.2 s", DurationConverter.format(Duration.ofMillis(45_200)));
        assertEquals("1h 30m 0s", DurationConverter.format(Duration.ofMinutes(90)));
        assertEquals("2d 0h 0m 5s", DurationConverter.format(Duration.ofDays(2).plusSeconds(5)));
    }

    @Test
    void theProgressBarFillsWithTheShareDone() {
        Progress p = new Progress(new PrintWriter(new StringWriter()), true, 200, 50);

        assertEquals("[------------------------------]   0%", p.bar(0));
        assertEquals("[###############---------------]  50%", p.bar(100));
        assertEquals("[##############################] 100%", p.bar(250));
    }
}
