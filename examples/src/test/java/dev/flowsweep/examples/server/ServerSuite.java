package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.HttpJson.Answer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The base of the suites that {@link ServerContractTest} nests, one per part of the HTTP contract: each runs against
 * the enclosing class's server ({@link #fixture()}), on that class's storage, and starts from no flow runs (the
 * enclosing class's {@code @BeforeEach}). Here: the requests and assertions the suites share.
 */
abstract class ServerSuite {

    /** The enclosing {@link ServerContractTest}'s running server (started before this suite, stopped after). */
    protected abstract ServerFixture fixture();

    /** A client of the server. */
    protected HttpJson http() {
        return fixture().http();
    }

    UUID flow(String name) {
        Answer a = http().post("/flows", q("{'name': '" + name + "'}"));
        assertTrue(a.status() == 201 || a.status() == 200, a::toString);
        return UUID.fromString(a.json().get("id").asText());
    }

    UUID newFlow() {
        return flow("flow-" + UUID.randomUUID());
    }

    /** Creates a run from a JSON object's inner fields, e.g. {@code "'tags': ['a']"}; returns its id. */
    UUID run(UUID flowId, String fields) {
        String body = "{'flow_id': '" + flowId + "'" + (fields.isEmpty() ? "" : ", " + fields) + "}";
        Answer a = http().post("/flow_runs", q(body));
        assertEquals(201, a.status(), a::toString);
        return UUID.fromString(a.json().get("id").asText());
    }

    List<UUID> bulkDelete(String body) {
        Answer a = http().post("/flow_runs/bulk_delete", q(body));
        assertEquals(200, a.status(), a::toString);
        List<UUID> ids = new ArrayList<>();
        a.json().get("deleted").forEach(n -> ids.add(UUID.fromString(n.asText())));
        return ids;
    }

    long countRuns() {
        Answer a = http().post("/flow_runs/count", "{}");
        assertEquals(200, a.status(), a::toString);
        return a.json().asLong();
    }

    boolean exists(UUID runId) {
        int status = http().get("/flow_runs/" + runId).status();
        assertTrue(status == 200 || status == 404, "status " + status);
        return status == 200;
    }

    /** Creates a concurrency limit with these fields; returns it as answered. */
    JsonNode limit(String name, int limit, boolean active, int slots) {
        Answer c = http().post("/v2/concurrency_limits", q("{'name': '" + name + "', 'limit': " + limit
                + ", 'active': " + active + ", 'active_slots': " + slots + "}"));
        assertEquals(201, c.status(), c::toString);
        return c.json();
    }

    int activeSlots(JsonNode limit) {
        return http().get("/v2/concurrency_limits/" + limit.get("id").asText()).json().get("active_slots").asInt();
    }

    /** A JSON list (single-quoted, for {@link HttpJson#q}) of these ids. */
    static String ids(UUID... ids) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(ids[i]).append('\'');
        }
        return sb.append(']').toString();
    }

    /** Asserts a 422 in Prefect's shape with one problem of this type at this loc. */
    static JsonNode assertInvalid(Answer a, String type, Object... loc) {
        assertEquals(422, a.status(), a::toString);
        assertEquals("Invalid request received.", a.json().get("exception_message").asText());
        assertTrue(a.json().has("request_body"), a::toString);
        for (JsonNode p : a.json().get("exception_detail")) {
            List<Object> got = new ArrayList<>();
            p.get("loc").forEach(n -> got.add(n.isInt() ? (Object) n.asInt() : n.asText()));
            if (p.get("type").asText().equals(type) && got.equals(List.of(loc))) {
                assertFalse(p.get("msg").asText().isBlank());
                return p;
            }
        }
        throw new AssertionError("no problem " + type + " at " + List.of(loc) + " in " + a);
    }

    static void assertDetail(Answer a, int status) {
        assertEquals(status, a.status(), a::toString);
        assertTrue(a.json().get("detail").isTextual(), a::toString);
    }
}
