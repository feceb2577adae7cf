package dev.flowsweep.cli;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool in its own process on PostgreSQL, stopped by SIGTERM: a drain stops after the batch in flight, says so,
 * exits with 143, and every run it reports deleted is gone with its log purge queued (the queue is left durable, the
 * logs still there); a second SIGTERM while a batch waits for a lock exits at once, and the database rolls the batch
 * back.
 */
@UseDatabase(DatabaseKind.POSTGRESQL)
class CliSignalTest {
    private static final int RUNS = 400;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private static List<FlowRun> seed(JdbcStorage storage) {
        Flow flow = new Flow(UUID.randomUUID(), "signals");
        List<FlowRun> runs = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            FlowRun r = FlowRun.builder(flow.id()).id(UUID.randomUUID()).name("s" + i).tags(List.of("bulk"))
                    .state(StateType.COMPLETED).created(T0).updated(T0).build();
            runs.add(r);
            logs.add(new Log(UUID.randomUUID(), "app", 20, "m", T0, r.id(), null));
        }
        storage.inTransaction(tx -> {
            tx.flows().insert(flow);
            runs.forEach(tx.flowRuns()::insert);
            tx.logs().insert(logs);
            return null;
        });
        return runs;
    }

    private static Process drain(TestDatabase db, String applicationName, Path out, Path err) throws IOException {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=" + applicationName;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FlowsweepCli.class.getName(),
                "drain", "--jdbc-url", url, "--filter", "{\"tags\": {\"all_\": [\"bulk\"]}}", "--batch-size", "1")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sigtermStopsADrainAfterTheBatchInFlightAndLeavesThePurgeQueue(TestDatabase db) throws Exception {
        Path dir = Files.createTempDirectory("flowsweep-signal");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        try (JdbcStorage storage = JdbcStorage.builder(db.dataSource()).build()) {
            seed(storage);
            Process p = drain(db, "flowsweep-signal-" + UUID.randomUUID(), out, err);
            try {
                Awaits.until(DEADLINE, "the drain deleted some batches", () ->
                        storage.inTransaction(tx -> tx.purgeQueue().stats()).pending() >= 5);
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "exits within the bound");
            } finally {
                p.destroyForcibly();
            }
            String stdout = read(out);
            String stderr = read(err);
            String all = "exit " + p.exitValue() + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
            assertEquals(GracefulShutdown.EXIT_SIGTERM, p.exitValue(), all);
            assertTrue(stderr.contains("SIGTERM received: finishing the transaction in flight"), all);
            assertTrue(stderr.contains("stopped by SIGTERM: the transaction in flight was finished"), all);
            Matcher m = Pattern.compile("deleted (\\d+) run\\(s\\) in (\\d+) batch\\(es\\)").matcher(stdout);
            assertTrue(m.find(), all);
            int deleted = Integer.parseInt(m.group(1));
            assertTrue(deleted >= 5 && deleted < RUNS, "stopped part way: " + all);
            assertTrue(stdout.contains("stopped: interrupted (run it again to go on)"), all);
            long left = storage.inTransaction(tx -> tx.flowRuns().count(null));
            assertEquals(RUNS - deleted, left, "exactly the runs it reported are gone: " + all);
            PurgeQueueStats queue = storage.inTransaction(tx -> tx.purgeQueue().stats());
            assertEquals(deleted, queue.pending(), "their log purges are queued, durable: " + all);
            assertEquals(RUNS, (long) storage.inTransaction(tx -> tx.logs().count(null)), "no log purged yet");
        }
    }

    @Test
    void aSecondSigtermExitsAtOnceAndTheBatchInFlightIsRolledBack(TestDatabase db) throws Exception {
        Path dir = Files.createTempDirectory("flowsweep-signal");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        String app = "flowsweep-signal-" + UUID.randomUUID();
        try (JdbcStorage storage = JdbcStorage.builder(db.dataSource()).build();
             Connection holder = db.dataSource().getConnection()) {
            List<FlowRun> runs = seed(storage);
            UUID newest = runs.stream().map(FlowRun::id).max(dev.flowsweep.model.Uuids.ORDER).orElseThrow();
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement(
                    "UPDATE flowsweep_flow_run SET name = name WHERE id = ?")) {
                ps.setObject(1, newest);
                assertEquals(1, ps.executeUpdate());
            }
            Process p = drain(db, app, out, err);
            try {
                Awaits.until(DEADLINE, "the drain's first batch waits for the locked run", () -> db.queryLong(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '" + app
                                + "' AND wait_event_type = 'Lock'") > 0);
                p.destroy();
                Awaits.until(DEADLINE, "the first SIGTERM is acknowledged",
                        () -> read(err).contains("SIGTERM received"));
                assertTrue(p.isAlive(), "the batch in flight is still waiting");
                p.destroy();
                assertTrue(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the second signal exits");
            } finally {
                p.destroyForcibly();
                holder.rollback();
            }
            String all = "exit " + p.exitValue() + "\n--- stdout\n" + read(out) + "--- stderr\n" + read(err);
            assertEquals(GracefulShutdown.EXIT_SIGTERM, p.exitValue(), all);
            assertTrue(read(err).contains("second signal (SIGTERM): exiting at once"), all);
            assertEquals(RUNS, (long) storage.inTransaction(tx -> tx.flowRuns().count(null)),
                    "the batch in flight was rolled back: " + all);
            assertEquals(0, storage.inTransaction(tx -> tx.purgeQueue().stats()).pending(), all);
        }
    }
}
