package dev.flowsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.Layout;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.Times;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The base of the suites that {@link CliCommandsContract} nests, one per command: each test runs the commands in
 * process ({@code CommandLine.execute} with captured stdout and stderr) against a new, empty database of the kind
 * the concrete test class names, which the test fills through {@link JdbcStorage}. Here: that database, one flow in
 * it, and the helpers the suites share. On one of Prefect's own databases ({@code DatabaseKind.PREFECT_*}) the test's
 * storage is on {@link Layout#PREFECT} and every command is run with {@code --layout prefect}.
 */
abstract class CliSuite {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one execution printed and returned. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The test's database. */
    protected TestDatabase db;
    /** The test's own handle on the database, to fill it and to look at it. */
    protected JdbcStorage storage;
    private Flow flow;
    /** The environment the commands see (empty unless a test puts a variable in it). */
    protected final Map<String, String> env = new HashMap<>();

    /**
     * A new, empty database for each test, of the kind the concrete test class names ({@code @UseDatabase}); dropped
     * after the test.
     */
    @BeforeEach
    void createDatabase(TestDatabase database) {
        db = database;
        storage = JdbcStorage.builder(db.dataSource()).layout(layout()).build();
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

    /** The layout of the test's database: Prefect's on Prefect's schemas. */
    Layout layout() {
        return db.kind().isPrefect() ? Layout.PREFECT : Layout.FLOWSWEEP;
    }

    /** The options that name the test's layout: {@code --layout prefect} on Prefect's schemas, none otherwise. */
    List<String> layoutOptions() {
        return layout() == Layout.PREFECT ? List.of("--layout", "prefect") : List.of();
    }

    /** The test's database (and layout) in the environment the commands see, instead of options. */
    void databaseFromEnvironment() {
        env.put(DatabaseOptions.URL_ENV, db.jdbcUrl());
        if (layout() == Layout.PREFECT) {
            env.put(DatabaseOptions.LAYOUT_ENV, "prefect");
        }
    }

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
        all.addAll(layoutOptions());
        all.addAll(List.of(args));
        return run(false, all.toArray(new String[0]));
    }

    Result cliOnConsole(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--jdbc-url", db.jdbcUrl()));
        all.addAll(layoutOptions());
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
}
