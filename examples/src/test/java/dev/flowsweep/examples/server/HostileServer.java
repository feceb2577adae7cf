package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.examples.server.HostileCorpus.Case;
import dev.flowsweep.examples.server.HostileCorpus.Expect;
import dev.flowsweep.examples.server.HostileCorpus.Seed;
import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.flowsweep.examples.server.HostileCorpus.MAPPER;
import static dev.flowsweep.examples.server.HostileCorpus.SEEDS;
import static dev.flowsweep.examples.server.HostileCorpus.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A server on one storage (memory, H2, PostgreSQL or MariaDB) with the corpus's seeded runs, that runs one case over
 * HTTP at a time: the answer the corpus expects, nothing changed by a refused or read-only request, the server still
 * serving afterwards, and the seeded runs restored for the next case.
 */
final class HostileServer {
    private final String storage;
    private final List<AutoCloseable> resources;
    private FlowsweepServer server;
    private HttpJson http;
    private UUID flowId;
    private UUID deploymentId;
    private UUID limitId;
    private final Map<String, UUID> ids = new HashMap<>();
    private String baseline;
    private String skipped;

    /** {@code resources}: where what this server opens is added, for the test to close. */
    HostileServer(String storage, List<AutoCloseable> resources) {
        this.storage = storage;
        this.resources = resources;
    }

    void start() throws Exception {
        FlowsweepStorage s;
        try {
            s = open();
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
            throw e;
        }
        server = FlowsweepServer.builder(s).port(0).start();
        resources.add(s);
        resources.add(server);
        http = new HttpJson(server.uri());
        flowId = UUID.fromString(ok(http.post("/flows", "{\"name\": \"hostile\"}"), 201).json().get("id").asText());
        JsonNode d = ok(http.post("/deployments", "{\"name\": \"hostile\", \"flow_id\": \"" + flowId
                + "\", \"concurrency_limit\": 5}"), 201).json();
        deploymentId = UUID.fromString(d.get("id").asText());
        limitId = UUID.fromString(d.get("concurrency_limit_id").asText());
        seed();
    }

    private FlowsweepStorage open() throws Exception {
        switch (storage) {
            case "memory" -> {
                return new InMemoryStorage();
            }
            case "h2" -> {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl("jdbc:h2:mem:hostile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
                HikariDataSource pool = new HikariDataSource(config);
                resources.add(pool);
                return new JdbcStorage(pool);
            }
            case "postgresql" -> {
                TestDatabase db = TestDatabase.open(DatabaseKind.POSTGRESQL);
                resources.add(db);
                return new JdbcStorage(db.dataSource());
            }
            default -> {
                TestDatabase db = TestDatabase.open(DatabaseKind.MARIADB);
                resources.add(db);
                return new JdbcStorage(db.dataSource());
            }
        }
    }

    /** Deletes every run, gives the limit back its one slot, creates the seeded runs; records the baseline. */
    private void seed() {
        Answer a;
        do {
            a = ok(http.post("/flow_runs/bulk_delete", "{}"), 200);
        } while (a.json().get("deleted").size() > 0);
        if (ok(http.get("/v2/concurrency_limits/" + limitId), 200).json().get("active_slots").asInt() == 0) {
            ok(http.post("/v2/concurrency_limits/increment", "{\"names\": [\"deployment:" + deploymentId
                    + "\"], \"slots\": 1}"), 200);
        }
        ids.clear();
        for (Seed seed : SEEDS) {
            ObjectNode run = MAPPER.createObjectNode();
            run.put("flow_id", flowId.toString());
            run.put("name", seed.name());
            run.putArray("tags").addAll(seed.tags().stream().map(t -> run.textNode(t)).toList());
            if (seed.stateType() != null) {
                ObjectNode state = run.putObject("state");
                state.put("type", seed.stateType());
                if (seed.trap() != null) {
                    state.put("name", seed.trap());
                }
            }
            String trap = seed.label().equals("quote") ? null : seed.trap();
            if (seed.label().equals("alpha")) {
                run.put("work_queue_name", "default").put("flow_version", "1.0").put("idempotency_key", "k-alpha");
                run.putObject("created_by").put("type", "DEPLOYMENT");
            } else if (seed.label().equals("quote")) {
                run.putObject("state").put("type", "FAILED").put("name", "x' OR '1'='1");
                run.put("work_queue_name", "'; DROP TABLE flowsweep_flow_run; --").put("flow_version", "1' OR 1=1 --")
                        .put("idempotency_key", "' OR ''='");
                run.putObject("created_by").put("type", "'); DELETE FROM flowsweep_flow_run; --");
            } else if (seed.label().equals("plain")) {
                run.put("deployment_id", deploymentId.toString());
            } else if (trap != null) {
                run.put("work_queue_name", trap).put("flow_version", trap).put("idempotency_key", trap);
                run.putObject("created_by").put("type", trap);
            }
            ids.put(seed.label(), UUID.fromString(ok(http.post("/flow_runs", run.toString()), 201).json()
                    .get("id").asText()));
        }
        baseline = digest();
    }

    /** Everything a refused request must leave as it was: every run, field by field, and the limit's slots. */
    private String digest() {
        return ok(http.post("/flow_runs/filter", "{\"sort\": \"NAME_ASC\", \"limit\": 200}"), 200).text()
                + " slots=" + ok(http.get("/v2/concurrency_limits/" + limitId), 200).json().get("active_slots");
    }

    void run(Case c) throws Exception {
        if (skipped != null) {
            throw new TestAbortedException(skipped);
        }
        byte[] bytes = body(c, ids::get, flowId);
        Answer a = c.bodyLine() == null && !c.method().equals("POST") ? http.send(c.method(), c.path(),
                HttpRequest.BodyPublishers.noBody())
                : http.send(c.method(), c.path(), HttpRequest.BodyPublishers.ofByteArray(bytes));
        Expect want = c.http();
        boolean changed = false;
        try {
            String what = storage + ": " + c + " answered " + cut(a.toString());
            assertEquals(want.status(), a.status(), what);
            switch (want.kind()) {
                case "problem" -> {
                    assertEquals("Invalid request received.", a.json().get("exception_message").asText(), what);
                    boolean found = false;
                    for (JsonNode p : a.json().get("exception_detail")) {
                        assertTrue(p.get("msg").asText().length() > 0, what + ": every problem says what is wrong");
                        List<Object> loc = new ArrayList<>();
                        p.get("loc").forEach(n -> loc.add(n.isInt() ? (Object) n.asInt() : n.asText()));
                        found |= p.get("type").asText().equals(want.type()) && (want.loc() == null || want.loc().equals(loc));
                    }
                    assertTrue(found, what + ": expected " + want.type() + " at " + want.loc());
                }
                case "deleted", "deleted-count" -> {
                    Set<UUID> deleted = new HashSet<>();
                    a.json().get("deleted").forEach(n -> deleted.add(UUID.fromString(n.asText())));
                    if (want.kind().equals("deleted")) {
                        assertEquals(labels(want.labels()), deleted, what);
                    } else {
                        assertEquals(want.n(), deleted.size(), what);
                    }
                    changed = !deleted.isEmpty();
                }
                case "runs" -> {
                    Set<UUID> found = new HashSet<>();
                    a.json().forEach(n -> found.add(UUID.fromString(n.get("id").asText())));
                    assertEquals(labels(want.labels()), found, what);
                }
                case "count" -> assertEquals(want.n(), a.json().asLong(), what);
                case "status" -> {
                    if (want.status() == 201 && c.path().equals("/logs")) {
                        JsonNode logs = ok(http.post("/logs/filter", "{\"logs\": {\"flow_run_id\": {\"any_\": [\""
                                + ids.get("alpha") + "\"]}}}"), 200).json();
                        assertEquals(1, logs.size(), what);
                        assertEquals(MAPPER.readTree(bytes).get(0).get("message"), logs.get(0).get("message"), what);
                    } else if (want.status() == 201) {
                        roundTrips(c, bytes, a);
                        changed = true;
                    } else if (want.status() >= 400 && a.json() != null) {
                        assertTrue(a.json().has("detail") || a.json().has("exception_detail"), what);
                    }
                }
                default -> fail("unknown expectation " + want);
            }
            if (!changed) {
                assertEquals(baseline, digest(), storage + ": " + c + " changed nothing");
            }
            assertEquals(200, http.get("/health").status(), storage + ": the server keeps serving after " + c);
        } finally {
            if (changed || !baseline.equals(digest())) {
                seed(); // the next case starts from the seeded runs, whatever this one did
            }
        }
    }

    /** A created run reads back with the hostile strings exactly as sent. */
    private void roundTrips(Case c, byte[] sent, Answer created) {
        try {
            JsonNode request = MAPPER.readTree(sent);
            JsonNode stored = ok(http.get("/flow_runs/" + created.json().get("id").asText()), 200).json();
            for (Map.Entry<String, JsonNode> f : request.properties()) {
                assertEquals(f.getValue(), stored.get(f.getKey()), storage + ": " + c + " stored " + f.getKey());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<UUID> labels(List<String> labels) {
        Set<UUID> out = new HashSet<>();
        for (String l : labels) {
            UUID id = ids.get(l.trim());
            if (id == null) {
                throw new IllegalArgumentException("no seeded run labelled " + l);
            }
            out.add(id);
        }
        return out;
    }

    private static Answer ok(Answer a, int status) {
        assertEquals(status, a.status(), () -> cut(a.toString()));
        return a;
    }

    private static String cut(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
