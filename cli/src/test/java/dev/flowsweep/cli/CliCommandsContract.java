package dev.flowsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.model.Times;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands run in process ({@code CommandLine.execute} with captured stdout and stderr) against a real
 * database that the test fills through {@link JdbcStorage}. One subclass per database.
 */
abstract class CliCommandsContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one execution printed and returned. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private TestDatabase db;
    /** The test's own handle on the database, to fill it and to look at it. */
    protected JdbcStorage storage;
    private Flow flow;
    private final Map<String, String> env = new HashMap<>();

    /** A new, empty database for each test, of the kind the subclass names; dropped after the test. */
    @BeforeEach
    void createDatabase(TestDatabase database) {
        db = database;
        storage = JdbcStorage.builder(db.dataSource()).build();
        flow = new Flow(UUID.randomUUID(), "etl");
        storage.inTransaction(tx -> {
            tx.flows().insert(flow);
            return null;
        });
    }

    @AfterEach
    void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    Result run(boolean console, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = FlowsweepCli.commandLine(env, console);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs a command against the test's database. */
    Result cli(String command, String... args) {
        List<String> all = new ArrayList<>();
        all.addAll(List.of(command.split(" ")));
        all.add("--jdbc-url");
        all.add(db.jdbcUrl());
        all.addAll(List.of(args));
        return run(false, all.toArray(new String[0]));
    }

    Result cliOnConsole(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--jdbc-url", db.jdbcUrl()));
        all.addAll(List.of(args));
        return run(true, all.toArray(new String[0]));
    }

    static Instant now() {
        return Times.now(java.time.Clock.systemUTC());
    }

    FlowRun insert(String name, Consumer<FlowRun.Builder> shape) {
        FlowRun.Builder b = FlowRun.builder(flow.id()).name(name);
        shape.accept(b);
        FlowRun run = b.build();
        storage.inTransaction(tx -> {
            tx.flowRuns().insert(run);
            return null;
        });
        return run;
    }

    List<FlowRun> insertMany(int n, String prefix, Consumer<FlowRun.Builder> shape) {
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FlowRun.Builder b = FlowRun.builder(flow.id()).name(prefix + i);
            shape.accept(b);
            runs.add(b.build());
        }
        storage.inTransaction(tx -> {
            for (FlowRun r : runs) {
                tx.flowRuns().insert(r);
            }
            return null;
        });
        return runs;
    }

    void logs(UUID flowRunId, int n, Instant at) {
        List<Log> logs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            logs.add(new Log(UUID.randomUUID(), "worker", 20, "line " + i, at.plusSeconds(i), flowRunId, null));
        }
        storage.inTransaction(tx -> {
            tx.logs().insert(logs);
            return null;
        });
    }

    long countRuns() {
        return storage.inTransaction(tx -> tx.flowRuns().count(null));
    }

    Set<UUID> runIds() {
        return new HashSet<>(storage.inTransaction(tx -> tx.flowRuns().findIds(null, FlowRunSort.ID_DESC, 100_000)));
    }

    long countLogs() {
        return storage.inTransaction(tx -> tx.logs().count(null));
    }

    long pendingPurges() {
        return storage.inTransaction(tx -> tx.purgeQueue().stats()).pending();
    }

    static Set<UUID> ids(List<FlowRun> runs) {
        Set<UUID> ids = new HashSet<>();
        for (FlowRun r : runs) {
            ids.add(r.id());
        }
        return ids;
    }

    /** The UUIDs printed one per line. */
    static List<UUID> printedIds(String out) {
        List<UUID> ids = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (line.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                ids.add(UUID.fromString(line));
            }
        }
        return ids;
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static final String TEST_TAG = "{\"tags\": {\"all_\": [\"test\"]}}";

    // ------------------------------------------------------------------------------------------------ schema

    @Test
    void schemaValidateAcceptsTheSchemaAndCreateIsIdempotent() {
        Result validate = cli("schema validate");
        Result create = cli("schema create");

        assertEquals(0, validate.code(), validate.toString());
        assertTrue(validate.out().contains("schema v2 valid"), validate.toString());
        assertEquals(0, create.code(), create.toString());
        assertTrue(create.out().contains("schema v2 ready"), create.toString());
    }

    @Test
    void aDatabaseWithoutTheSchemaIsAStorageFailureThatSaysHowToCreateIt() {
        Result r = cli("delete", "--table-prefix", "other_", "--filter", TEST_TAG);

        assertEquals(FlowsweepCli.EXIT_FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("storage failure"), r.toString());
        assertTrue(r.err().contains("other_schema_version is missing"), r.toString());
        Result created = cli("schema create", "--table-prefix", "other_");
        assertEquals(0, created.code(), created.toString());
        assertEquals(0, cli("delete", "--table-prefix", "other_", "--filter", TEST_TAG).code());
    }

    // ------------------------------------------------------------------------------------------------ delete

    @Test
    void aDeleteDryRunChangesNothingAndListsWhatTheDeleteThenDeletes() {
        List<FlowRun> tests = insertMany(5, "test-", b -> b.tags("test").state(StateType.COMPLETED));
        List<FlowRun> others = insertMany(3, "prod-", b -> b.tags("prod").state(StateType.COMPLETED));
        logs(tests.get(0).id(), 4, now());

        Result dry = cli("delete", "--filter", TEST_TAG, "--limit", "3", "--dry-run");

        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().startsWith("dry run: would delete 3 of 5 matching run(s); nothing was changed"),
                dry.toString());
        List<UUID> wouldDelete = printedIds(dry.out());
        assertEquals(3, wouldDelete.size());
        assertEquals(8, countRuns());
        assertEquals(0, pendingPurges());

        Result real = cli("delete", "--filter", TEST_TAG, "--limit", "3");

        assertEquals(0, real.code(), real.toString());
        assertTrue(real.out().startsWith("deleted 3 run(s), released 0 concurrency slot(s), queued 3 log purge(s)"),
                real.toString());
        assertEquals(wouldDelete, printedIds(real.out()), "the real delete deletes what the dry run listed");
        Set<UUID> remaining = runIds();
        for (UUID id : wouldDelete) {
            assertFalse(remaining.contains(id));
        }
        assertTrue(remaining.containsAll(ids(others)));
        assertEquals(5, remaining.size());
        assertEquals(3, pendingPurges());
    }

    @Test
    void deleteWritesJsonAndTheAuditTrailOnRequest() throws Exception {
        List<FlowRun> tests = insertMany(2, "test-", b -> b.tags("test"));

        Result r = cli("delete", "--filter", TEST_TAG, "--json", "--audit", "--actor", "ops-oncall");

        assertEquals(0, r.code(), r.toString());
        JsonNode out = json(r.out());
        Set<UUID> deleted = new HashSet<>();
        out.get("deleted").forEach(n -> deleted.add(UUID.fromString(n.asText())));
        assertEquals(ids(tests), deleted);
        assertEquals(2, out.get("purges_enqueued").asInt());
        assertTrue(r.err().contains("flowsweep deletion reason=BULK_DELETE actor=\"ops-oncall\" runs=2"), r.toString());
    }

    @Test
    void theActorDefaultsToTheEnvironmentThenTheUser() {
        insertMany(1, "test-", b -> b.tags("test"));
        env.put(DeletionOptions.ACTOR_ENV, "from-env");

        Result r = cli("delete", "--filter", TEST_TAG, "--audit");

        assertTrue(r.err().contains("actor=\"from-env\""), r.toString());
    }

    @Test
    void deleteWithPurgeLogsLeavesNoLogOfTheDeletedRuns() {
        List<FlowRun> tests = insertMany(2, "test-", b -> b.tags("test"));
        FlowRun kept = insert("kept", b -> b.tags("prod"));
        logs(tests.get(0).id(), 30, now());
        logs(tests.get(1).id(), 5, now());
        logs(kept.id(), 3, now());

        Result r = cli("delete", "--filter", TEST_TAG, "--purge-logs", "--purge-timeout", "60s");

        assertEquals(0, r.code(), r.toString());
        assertEquals(3, countLogs());
        assertEquals(0, pendingPurges());
        assertTrue(r.err().contains("log purges: 0 pending, 0 failed"), r.toString());
    }

    @Test
    void aFilterThatMatchesEverythingIsRefusedUnlessAllowed() {
        insertMany(3, "any-", b -> { });

        Result refused = cli("delete", "--filter", "{\"name\": {}}");
        assertEquals(FlowsweepCli.EXIT_REFUSED, refused.code(), refused.toString());
        assertTrue(refused.err().contains("matches every run"), refused.toString());
        assertEquals(3, countRuns());

        Result allowed = cli("delete", "--filter", "{}", "--allow-match-all");
        assertEquals(0, allowed.code(), allowed.toString());
        assertEquals(0, countRuns());
    }

    @Test
    void anInvalidFilterIsRefusedNamingWhereAndNothingIsDeleted() {
        insertMany(2, "test-", b -> b.tags("test"));

        Result r = cli("delete", "--filter", "{\"state\": {\"type\": {\"any_\": [\"DONE\"]}}, \"colour\": 1}");

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code(), r.toString());
        assertTrue(r.err().contains("invalid filter in --filter"), r.toString());
        // the binding reports one problem per input, the first: the unknown key "colour" comes after it
        assertTrue(r.err().contains("at state.type.any_[0]"), r.toString());
        assertEquals(2, countRuns());
    }

    @Test
    void aLimitOutsideTheCapIsRefusedBeforeAnythingIsTouched() {
        insertMany(2, "test-", b -> b.tags("test"));

        Result r = cli("delete", "--filter", TEST_TAG, "--limit", "201");

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code(), r.toString());
        assertTrue(r.err().contains("limit must be between 1 and 200, was 201"), r.toString());
        assertEquals(2, countRuns());
    }

    @Test
    void theFilterCanComeFromAFile(@TempDir Path dir) throws Exception {
        insertMany(2, "test-", b -> b.tags("test"));
        insertMany(1, "prod-", b -> b.tags("prod"));
        Path file = dir.resolve("filter.json");
        Files.writeString(file, TEST_TAG);

        Result r = cli("delete", "--filter-file", file.toString());
        Result missing = cli("delete", "--filter-file", dir.resolve("nope.json").toString());

        assertEquals(0, r.code(), r.toString());
        assertEquals(1, countRuns());
        assertEquals(FlowsweepCli.EXIT_REFUSED, missing.code(), missing.toString());
        assertTrue(missing.err().contains("no such file"), missing.toString());
    }

    @Test
    void theDatabaseMayComeFromTheEnvironment() {
        insertMany(2, "test-", b -> b.tags("test"));
        env.put(DatabaseOptions.URL_ENV, db.jdbcUrl());

        Result r = run(false, "delete", "--filter", TEST_TAG);

        assertEquals(0, r.code(), r.toString());
        assertEquals(0, countRuns());
    }

    // ------------------------------------------------------------------------------------------------ drain

    @Test
    void aDrainDryRunCountsWhatTheDrainThenDeletesInBatchesWithProgressLines() {
        List<FlowRun> tests = insertMany(25, "test-", b -> b.tags("test").state(StateType.FAILED));
        List<FlowRun> others = insertMany(4, "prod-", b -> b.tags("prod"));

        Result dry = cli("drain", "--filter", TEST_TAG, "--batch-size", "10", "--dry-run");

        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().startsWith("dry run: 25 matching run(s) would be deleted in 3 batch(es) of 10"),
                dry.toString());
        assertEquals(10, printedIds(dry.out()).size());
        assertEquals(29, countRuns());

        Result real = cli("drain", "--filter", TEST_TAG, "--batch-size", "10");

        assertEquals(0, real.code(), real.toString());
        assertTrue(real.out().contains("batch 1: 10 run(s) deleted of ~25"), real.toString());
        assertTrue(real.out().contains("batch 3: 25 run(s) deleted of ~25"), real.toString());
        assertTrue(real.out().contains("deleted 25 run(s) in 3 batch(es)"), real.toString());
        assertTrue(real.out().contains("nothing matching is left"), real.toString());
        assertFalse(real.out().contains("\r"), "no bar when stdout is not a console");
        assertEquals(ids(others), runIds());
        assertTrue(ids(tests).stream().noneMatch(runIds()::contains));
    }

    @Test
    void aDrainOnAConsoleDrawsABarInPlace() {
        insertMany(12, "test-", b -> b.tags("test"));

        Result r = cliOnConsole("drain", "--filter", TEST_TAG, "--batch-size", "6");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("\r[###############---------------]  50%  6/12 runs  batch 1 "), r.out());
        assertTrue(r.out().contains("\r[##############################] 100%  12/12 runs  batch 2 "), r.out());
        assertTrue(r.out().contains("deleted 12 run(s) in 3 batch(es)"), r.out());
        assertFalse(r.out().contains("batch 1: "), "no plain lines on a console");
    }

    @Test
    void aDrainWithJsonKeepsStdoutForTheResult() throws Exception {
        insertMany(7, "test-", b -> b.tags("test"));

        Result r = cli("drain", "--filter", TEST_TAG, "--batch-size", "3", "--json");

        assertEquals(0, r.code(), r.toString());
        JsonNode out = json(r.out());
        assertEquals(7, out.get("deleted").asInt());
        assertEquals(3, out.get("batches").asInt());
        assertEquals("EXHAUSTED", out.get("stop_reason").asText());
        assertTrue(r.err().contains("batch 1: 3 run(s) deleted"), r.toString());
    }

    // ------------------------------------------------------------------------------------------------ retention

    /** Old finished runs (to delete), and runs a 30-day policy keeps. */
    private record Aged(List<FlowRun> old, List<FlowRun> kept) {
    }

    private Aged aged() {
        Instant old = now().minus(Duration.ofDays(45));
        List<FlowRun> doomed = new ArrayList<>();
        doomed.addAll(insertMany(5, "old-completed-", b -> b.state(StateType.COMPLETED).endTime(old)));
        doomed.addAll(insertMany(2, "old-failed-", b -> b.state(StateType.FAILED).endTime(old)));
        doomed.add(insert("old-crashed", b -> b.state(StateType.CRASHED).endTime(old)));
        List<FlowRun> kept = new ArrayList<>();
        kept.add(insert("recent", b -> b.state(StateType.COMPLETED).endTime(now().minus(Duration.ofDays(2)))));
        kept.add(insert("old-running", b -> b.state(StateType.RUNNING).startTime(old)));
        FlowRun parent = insert("parent", b -> b.state(StateType.RUNNING));
        kept.add(parent);
        TaskRun task = new TaskRun(UUID.randomUUID(), parent.id(), "t", "0", null, null, null);
        storage.inTransaction(tx -> {
            tx.taskRuns().insert(task);
            return null;
        });
        kept.add(insert("old-subflow", b -> b.state(StateType.COMPLETED).endTime(old).parentTaskRunId(task.id())));
        return new Aged(doomed, kept);
    }

    @Test
    void aRetentionDryRunChangesNothingAndItsCountsMatchTheRunThatFollows() throws Exception {
        Aged aged = aged();

        Result dry = cli("retention", "--older-than", "30d", "--batch-size", "3", "--dry-run", "--json");

        assertEquals(0, dry.code(), dry.toString());
        JsonNode preview = json(dry.out());
        assertEquals(8, preview.get("matching").asInt());
        assertEquals(3, preview.get("batches").asInt());
        assertEquals(8, preview.get("first_ids").size());
        assertTrue(preview.get("filter").asText().contains("\"end_time\":{\"before_\""), dry.toString());
        assertEquals(12, countRuns());

        Result real = cli("retention", "--older-than", "30d", "--batch-size", "3", "--json");

        assertEquals(0, real.code(), real.toString());
        JsonNode run = json(real.out());
        assertEquals("COMPLETED", run.get("outcome").asText());
        assertEquals(preview.get("matching").asInt(), run.get("deleted").asInt());
        assertEquals(preview.get("batches").asInt(), run.get("batches").asInt());
        assertEquals(ids(aged.kept()), runIds());
    }

    @Test
    void retentionPrintsTheFilterItUsesAndAHumanSummary() {
        aged();

        Result dry = cli("retention", "--older-than", "30d", "--dry-run", "--show", "2");
        Result real = cli("retention", "--older-than", "30d", "--name", "nightly-vacuum", "--audit");

        assertTrue(dry.out().startsWith("dry run of retention cli: 8 run(s) would be deleted in 1 batch(es) of 200"),
                dry.toString());
        assertTrue(dry.out().contains("cutoff: runs that ended before "), dry.toString());
        assertTrue(dry.out().contains("filter: {"), dry.toString());
        assertEquals(2, printedIds(dry.out()).size());
        assertTrue(real.out().contains("retention nightly-vacuum: deleted 8 run(s) in 1 batch(es)"), real.toString());
        assertTrue(real.out().contains("nothing old enough is left"), real.toString());
        assertTrue(real.err().contains("reason=RETENTION:nightly-vacuum"), real.toString());
    }

    @Test
    void retentionDeletesOnlyTheStatesAsked() {
        Aged aged = aged();

        Result r = cli("retention", "--older-than", "30d", "--state", "failed,crashed");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("deleted 3 run(s)"), r.toString());
        Set<UUID> remaining = runIds();
        assertTrue(remaining.containsAll(ids(aged.kept())));
        assertEquals(aged.kept().size() + 5, remaining.size(), "the 5 old COMPLETED runs stay");
    }

    @Test
    void retentionRefusesUnknownStatesAndMissingAges() {
        aged();

        Result badState = cli("retention", "--older-than", "30d", "--state", "DONE");
        Result noAge = cli("retention");
        Result badAge = cli("retention", "--older-than", "thirty days");

        assertEquals(FlowsweepCli.EXIT_REFUSED, badState.code(), badState.toString());
        assertTrue(badState.err().contains("DONE"), badState.toString());
        assertEquals(FlowsweepCli.EXIT_REFUSED, noAge.code(), noAge.toString());
        assertTrue(noAge.err().contains("--older-than"), noAge.toString());
        assertEquals(FlowsweepCli.EXIT_REFUSED, badAge.code(), badAge.toString());
        assertEquals(12, countRuns());
    }

    @Test
    void retentionIsSkippedWhileAnotherInstanceHoldsThePolicysLease() {
        aged();
        Instant now = now();
        assertTrue(storage.<Boolean>inTransaction(tx -> tx.leases().tryAcquire(RetentionService.LEASE_PREFIX + "cli",
                "server-1", now, now.plus(Duration.ofHours(1)))));

        Result r = cli("retention", "--older-than", "30d");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("skipped: held by server-1"), r.toString());
        assertTrue(r.err().contains("retention cli skipped"), r.toString());
        assertEquals(12, countRuns());
        Result otherName = cli("retention", "--older-than", "30d", "--name", "other");
        assertTrue(otherName.out().contains("deleted 8 run(s)"), otherName.toString());
    }

    @Test
    void retentionSweepsOrphanedLogsOnRequest() {
        aged();
        UUID gone = UUID.randomUUID();
        logs(gone, 6, now().minus(Duration.ofHours(5)));
        logs(gone, 2, now());

        Result r = cli("retention", "--older-than", "30d", "--orphan-logs", "--orphan-grace", "2h");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("orphaned logs: deleted 6 (COMPLETED)"), r.toString());
        assertEquals(2, countLogs());
    }

    // ------------------------------------------------------------------------------------------------ purge-status

    @Test
    void purgeStatusShowsTheQueueAndProcessEmptiesIt() throws Exception {
        List<FlowRun> tests = insertMany(3, "test-", b -> b.tags("test"));
        for (FlowRun t : tests) {
            logs(t.id(), 10, now());
        }
        assertEquals(0, cli("delete", "--filter", TEST_TAG).code());

        Result before = cli("purge-status");
        Result processed = cli("purge-status", "--process", "--timeout", "60s", "--json");

        assertEquals(0, before.code(), before.toString());
        assertTrue(before.out().contains("pending: 3"), before.toString());
        assertTrue(before.out().contains("failed: 0"), before.toString());
        assertTrue(before.out().contains("oldest: queued at "), before.toString());
        assertEquals(0, processed.code(), processed.toString());
        JsonNode status = json(processed.out());
        assertEquals(0, status.get("pending").asInt());
        assertTrue(status.get("idle").asBoolean());
        assertEquals(0, countLogs());
    }
}
