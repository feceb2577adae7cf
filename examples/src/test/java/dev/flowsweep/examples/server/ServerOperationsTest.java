package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operations routes: {@code "dry_run"} on {@code POST /flow_runs/bulk_delete}, and {@code GET /retention}. */
class ServerOperationsTest {
    private InMemoryStorage storage;
    private FlowsweepServer server;
    private HttpJson http;
    private UUID flow;

    private void start(FlowsweepServer.Builder builder) {
        server = builder.port(0).start();
        http = new HttpJson(server.uri());
        Answer a = http.post("/flows", q("{'name': 'etl'}"));
        flow = UUID.fromString(a.json().get("id").asText());
    }

    @BeforeEach
    void openStorage() {
        storage = new InMemoryStorage();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        storage.close();
    }

    private UUID run(String fields) {
        Answer a = http.post("/flow_runs", q("{'flow_id': '" + flow + "', " + fields + "}"));
        assertEquals(201, a.status(), a::toString);
        return UUID.fromString(a.json().get("id").asText());
    }

    private long count() {
        return http.post("/flow_runs/count", "{}").json().asLong();
    }

    private static List<UUID> ids(JsonNode array) {
        List<UUID> ids = new ArrayList<>();
        array.forEach(n -> ids.add(UUID.fromString(n.asText())));
        return ids;
    }

    // ------------------------------------------------------------------------------------------------ dry_run

    @Test
    void aDryRunAnswersWhatWouldBeDeletedAndChangesNothing() {
        start(FlowsweepServer.builder(storage));
        for (int i = 0; i < 3; i++) {
            run("'tags': ['test']");
        }
        run("'tags': ['prod']");
        String filter = "'flow_runs': {'tags': {'all_': ['test']}}, 'limit': 2";

        Answer dry = http.post("/flow_runs/bulk_delete", q("{" + filter + ", 'dry_run': true}"));

        assertEquals(200, dry.status(), dry::toString);
        assertEquals(0, dry.json().get("deleted").size());
        List<UUID> wouldDelete = ids(dry.json().get("would_delete"));
        assertEquals(2, wouldDelete.size());
        assertEquals(4, count());

        Answer real = http.post("/flow_runs/bulk_delete", q("{" + filter + "}"));

        assertEquals(wouldDelete, ids(real.json().get("deleted")));
        assertFalse(real.json().has("would_delete"));
        assertEquals(2, count());
    }

    @Test
    void dryRunFalseOrNullDeletes() {
        start(FlowsweepServer.builder(storage));
        run("'tags': ['a']");
        run("'tags': ['b']");

        Answer no = http.post("/flow_runs/bulk_delete", q("{'flow_runs': {'tags': {'all_': ['a']}}, 'dry_run': false}"));
        Answer nul = http.post("/flow_runs/bulk_delete", q("{'flow_runs': {'tags': {'all_': ['b']}}, 'dry_run': null}"));

        assertEquals(1, no.json().get("deleted").size(), no::toString);
        assertEquals(1, nul.json().get("deleted").size(), nul::toString);
        assertEquals(0, count());
    }

    @Test
    void aDryRunThatIsNotABooleanIsA422WithTheOtherProblemsAndDeletesNothing() {
        start(FlowsweepServer.builder(storage));
        run("'tags': ['a']");

        Answer a = http.post("/flow_runs/bulk_delete", q("{'dry_run': 'yes', 'limit': 'many'}"));

        assertEquals(422, a.status(), a::toString);
        JsonNode detail = a.json().get("exception_detail");
        Set<String> locs = new HashSet<>();
        detail.forEach(p -> locs.add(p.get("loc").toString() + " " + p.get("type").asText()));
        assertTrue(locs.contains("[\"body\",\"dry_run\"] bool_type"), locs.toString());
        assertTrue(locs.contains("[\"body\",\"limit\"] int_type"), locs.toString());
        assertEquals("yes", a.json().get("request_body").get("dry_run").asText());
        assertEquals(1, count());
    }

    @Test
    void aDryRunKeepsTheLimitRange() {
        start(FlowsweepServer.builder(storage).bulkDeleteCap(5));

        Answer a = http.post("/flow_runs/bulk_delete", q("{'limit': 6, 'dry_run': true}"));

        assertEquals(422, a.status(), a::toString);
        assertEquals("[\"body\",\"limit\"]", a.json().get("exception_detail").get(0).get("loc").toString());
    }

    // ------------------------------------------------------------------------------------------------ retention

    @Test
    void retentionIsNotFoundWhenTheServerRunsNoPolicy() {
        start(FlowsweepServer.builder(storage));

        Answer a = http.get("/retention");

        assertEquals(404, a.status(), a::toString);
        assertTrue(a.json().get("detail").asText().contains("--retention-older-than"), a::toString);
    }

    @Test
    void retentionShowsThePolicyAndWhatItsRunsDid() {
        RetentionPolicy policy = RetentionPolicy.builder(ServerOptions.RETENTION_POLICY_NAME)
                .olderThan(Duration.ofDays(30)).batchSize(2).build();
        start(FlowsweepServer.builder(storage).retentionPolicy(policy).retentionInitialDelay(Duration.ofHours(1)));
        String old = Instant.now().minus(40, ChronoUnit.DAYS).toString();
        String recent = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        for (int i = 0; i < 3; i++) {
            run("'state': {'type': 'COMPLETED'}, 'end_time': '" + old + "'");
        }
        UUID kept = run("'state': {'type': 'COMPLETED'}, 'end_time': '" + recent + "'");
        UUID running = run("'state': {'type': 'RUNNING'}, 'start_time': '" + old + "'");

        Answer before = http.get("/retention/");

        assertEquals(200, before.status(), before::toString);
        JsonNode p = before.json().get("policies").get(0);
        assertEquals("server", p.get("name").asText());
        assertEquals(30 * 86_400, p.get("older_than_seconds").asLong());
        assertEquals(2, p.get("batch_size").asInt());
        assertEquals(3600, p.get("interval_seconds").asLong());
        assertTrue(p.get("top_level_only").asBoolean());
        assertEquals(4, p.get("states").size());
        assertFalse(p.get("running").asBoolean());
        assertTrue(p.get("last_run").isNull());
        assertFalse(p.get("next_run_at").isNull());

        RetentionRun run = server.retention().orElseThrow().runNow("server");
        assertEquals(RetentionRun.Outcome.COMPLETED, run.outcome());

        JsonNode after = http.get("/retention").json().get("policies").get(0);
        assertFalse(after.get("failing").asBoolean());
        assertEquals(0, after.get("failed_runs").asInt());
        assertFalse(after.get("last_success_at").isNull());
        assertEquals(0, after.get("windows").size());
        assertTrue(after.get("window_open").asBoolean());
        assertEquals("COMPLETED", after.get("last_attempt").get("outcome").asText());
        JsonNode last = after.get("last_run");
        assertEquals("COMPLETED", last.get("outcome").asText());
        assertEquals(3, last.get("deleted").asInt());
        assertEquals(2, last.get("batches").asInt());
        assertEquals(run.cutoff().toString(), last.get("cutoff").asText());
        assertEquals(2, count());
        assertEquals(200, http.get("/flow_runs/" + kept).status());
        assertEquals(200, http.get("/flow_runs/" + running).status());
    }
}
