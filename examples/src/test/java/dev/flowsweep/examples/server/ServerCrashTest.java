package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A crash in the middle of a log purge loses nothing. The server's main class runs in a child JVM on PostgreSQL
 * with {@code --purge-rows-per-transaction 1} (so that purging 3,000 logs takes thousands of transactions); the test
 * bulk deletes runs over HTTP, waits until the purge has started, and kills the process with SIGKILL
 * ({@link Process#destroyForcibly()}). A second server process, started normally on the same database, purges
 * every log of the deleted runs and keeps every other log.
 */
class ServerCrashTest {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int DOOMED = 10;
    private static final int KEPT = 5;
    private static final int LOGS_PER_RUN = 300;

    private final List<ServerProcess> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (ServerProcess p : children) {
            p.close();
        }
    }

    @Test
    void aServerKilledInTheMiddleOfALogPurgeFinishesItAfterARestart() throws Exception {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.POSTGRESQL)) {
            ServerProcess first = start(db, "--purge-rows-per-transaction", "1");
            HttpJson http = new HttpJson(first.uri(DEADLINE));
            UUID flow = UUID.fromString(created(http.post("/flows", q("{'name': 'crash'}"))).get("id").asText());
            List<UUID> doomed = new ArrayList<>();
            List<UUID> kept = new ArrayList<>();
            for (int i = 0; i < DOOMED + KEPT; i++) {
                String tags = i < DOOMED ? "['doomed']" : "['kept']";
                JsonNode run = created(http.post("/flow_runs", q("{'flow_id': '" + flow + "', 'name': 'run-" + i
                        + "', 'tags': " + tags + "}")));
                UUID id = UUID.fromString(run.get("id").asText());
                (i < DOOMED ? doomed : kept).add(id);
                StringBuilder logs = new StringBuilder("[");
                for (int k = 0; k < LOGS_PER_RUN; k++) {
                    logs.append(k == 0 ? "" : ",").append(q("{'name': 'app', 'level': 20, 'message': 'line " + k
                            + "', 'timestamp': '" + Instant.parse("2026-06-01T10:00:00Z").plusSeconds(k) + "', "
                            + "'flow_run_id': '" + id + "'}"));
                }
                assertEquals(201, http.post("/logs", logs.append(']').toString()).status());
            }
            assertEquals(DOOMED * LOGS_PER_RUN, logCount(http, doomed));

            Answer deleted = http.post("/flow_runs/bulk_delete", q("{'flow_runs': {'tags': {'any_': ['doomed']}}}"));
            assertEquals(200, deleted.status(), deleted::toString);
            assertEquals(DOOMED, deleted.json().get("deleted").size());

            await(() -> logCount(http, doomed) < DOOMED * LOGS_PER_RUN, "the purge starts", first);
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no purger close, connections dropped
            assertTrue(first.process.waitFor(60, TimeUnit.SECONDS));
            long left = query(db, "SELECT COUNT(*) FROM flowsweep_log WHERE flow_run_id IN (" + quoted(doomed) + ")");
            long queued = query(db, "SELECT COUNT(*) FROM flowsweep_log_purge_queue");
            assertTrue(left > 0 && left < DOOMED * LOGS_PER_RUN,
                    "the kill interrupted the purge: " + left + " logs of deleted runs left");
            assertTrue(queued > 0, "their purges are still queued");
            System.out.println("[crash] killed the server with " + left + " of " + DOOMED * LOGS_PER_RUN
                    + " logs of deleted runs left and " + queued + " purges queued");

            ServerProcess second = start(db);
            HttpJson again = new HttpJson(second.uri(DEADLINE));
            await(() -> logCount(again, doomed) == 0, "the restarted server purges every log of the deleted runs",
                    second);
            assertEquals(KEPT * LOGS_PER_RUN, logCount(again, kept), "every other log is kept");
            assertEquals(0, query(db, "SELECT COUNT(*) FROM flowsweep_log_purge_queue"), "nothing left queued");
            for (UUID id : doomed) {
                assertEquals(404, again.get("/flow_runs/" + id).status());
            }
            for (UUID id : kept) {
                assertEquals(200, again.get("/flow_runs/" + id).status());
            }
            second.process.destroy(); // SIGTERM: a clean stop
            assertTrue(second.process.waitFor(60, TimeUnit.SECONDS));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Starts the server's main class in a child JVM on this database, and waits until it listens. */
    private ServerProcess start(TestDatabase db, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--jdbc-url", db.jdbcUrl()));
        args.addAll(List.of(extra));
        ServerProcess p = ServerProcess.start(args, Map.of());
        children.add(p);
        p.awaitReady(DEADLINE);
        return p;
    }

    private static JsonNode created(Answer a) {
        assertTrue(a.status() == 201 || a.status() == 200, a::toString);
        return a.json();
    }

    private static long logCount(HttpJson http, List<UUID> runs) {
        StringBuilder ids = new StringBuilder();
        for (UUID id : runs) {
            ids.append(ids.length() == 0 ? "" : ", ").append('\'').append(id).append('\'');
        }
        Answer a = http.post("/logs/count", q("{'logs': {'flow_run_id': {'any_': [" + ids + "]}}}"));
        assertEquals(200, a.status(), a::toString);
        return a.json().asLong();
    }

    private static String quoted(List<UUID> ids) {
        StringBuilder s = new StringBuilder();
        for (UUID id : ids) {
            s.append(s.length() == 0 ? "" : ", ").append('\'').append(id).append('\'');
        }
        return s.toString();
    }

    private static long query(TestDatabase db, String sql) {
        return db.queryLong(sql);
    }

    private static void await(BooleanSupplier condition, String what, ServerProcess server) throws InterruptedException {
        Await.until(DEADLINE, Await.DEFAULT_POLL, what, () -> {
            if (!server.process.isAlive()) {
                fail("the server died while waiting until " + what + "; output: " + server.output);
            }
            return condition.getAsBoolean();
        }, () -> "server output: " + server.output);
    }
}
