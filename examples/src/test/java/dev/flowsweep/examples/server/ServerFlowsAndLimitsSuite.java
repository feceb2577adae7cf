package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.HttpJson.Answer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health check, flows, deployments and concurrency limits (creating them, taking slots) of the server's HTTP
 * contract (examples/README.md), on the storage of the enclosing {@link ServerContractTest}.
 */
abstract class ServerFlowsAndLimitsSuite extends ServerSuite {
    // ------------------------------------------------------------------------------------- health, flows

    @Test
    void health() {
        Answer a = http().get("/health");
        assertEquals(200, a.status());
        assertEquals("true", a.text());
        assertEquals(200, http().get("/health/").status());
    }

    @Test
    void flowIsCreatedOnceByName() {
        String name = "etl-" + UUID.randomUUID();
        Answer first = http().post("/flows/", q("{'name': '" + name + "'}"));
        assertEquals(201, first.status(), first::toString);
        assertEquals(name, first.json().get("name").asText());
        Answer again = http().post("/flows", q("{'name': '" + name + "'}"));
        assertEquals(200, again.status(), again::toString);
        assertEquals(first.json().get("id"), again.json().get("id"));
    }

    @Test
    void flowWithoutNameIsRefused() {
        assertInvalid(http().post("/flows", "{}"), "missing", "body", "name");
        assertInvalid(http().post("/flows", q("{'name': 7}")), "string_type", "body", "name");
    }

    // ------------------------------------------------------------------------- deployments and limits


    @Test
    void deploymentWithConcurrencyLimitGetsAnActiveLimitWithNoSlotTaken() {
        UUID flowId = newFlow();
        Answer d = http().post("/deployments", q("{'name': 'nightly', 'flow_id': '" + flowId + "', 'concurrency_limit': 3}"));
        assertEquals(201, d.status(), d::toString);
        String deploymentId = d.json().get("id").asText();
        assertEquals(flowId.toString(), d.json().get("flow_id").asText());
        Answer limit = http().get("/v2/concurrency_limits/" + d.json().get("concurrency_limit_id").asText());
        assertEquals(200, limit.status(), limit::toString);
        assertEquals("deployment:" + deploymentId, limit.json().get("name").asText());
        assertEquals(3, limit.json().get("limit").asInt());
        assertTrue(limit.json().get("active").asBoolean());
        assertEquals(0, limit.json().get("active_slots").asInt());
    }

    @Test
    void deploymentWithoutLimitHasNone() {
        Answer d = http().post("/deployments", q("{'name': 'adhoc', 'flow_id': '" + newFlow() + "'}"));
        assertEquals(201, d.status(), d::toString);
        assertTrue(d.json().get("concurrency_limit_id").isNull());
    }

    @Test
    void deploymentOfUnknownFlowIsAConflict() {
        assertDetail(http().post("/deployments", q("{'name': 'x', 'flow_id': '" + UUID.randomUUID() + "', 'concurrency_limit': 1}")), 409);
    }

    @Test
    void concurrencyLimitCreateAndGet() {
        String name = "db-" + UUID.randomUUID();
        Answer c = http().post("/v2/concurrency_limits/", q("{'name': '" + name + "', 'limit': 5}"));
        assertEquals(201, c.status(), c::toString);
        assertEquals(5, c.json().get("limit").asInt());
        assertTrue(c.json().get("active").asBoolean());
        assertEquals(0, c.json().get("active_slots").asInt());
        Answer g = http().get("/v2/concurrency_limits/" + c.json().get("id").asText());
        assertEquals(200, g.status());
        assertEquals(c.json(), g.json());
        assertDetail(http().post("/v2/concurrency_limits", q("{'name': '" + name + "', 'limit': 1}")), 409);
        assertDetail(http().get("/v2/concurrency_limits/" + UUID.randomUUID()), 404);
        assertDetail(http().get("/v2/concurrency_limits/not-a-uuid"), 404);
        assertInvalid(http().post("/v2/concurrency_limits", q("{'name': 'n', 'limit': -1}")), "greater_than_equal", "body", "limit");
    }

    @Test
    void incrementTakesSlotsOnActiveLimitsAndIgnoresUnknownAndInactiveOnes() {
        String p = UUID.randomUUID().toString();
        JsonNode a = limit(p + "-a", 5, true, 1);
        JsonNode b = limit(p + "-b", 2, true, 0);
        JsonNode off = limit(p + "-off", 1, false, 0);
        Answer r = http().post("/v2/concurrency_limits/increment", q("{'names': ['" + p + "-a', '" + p + "-b', '"
                + p + "-off', '" + p + "-unknown'], 'slots': 2}"));
        assertEquals(200, r.status(), r::toString);
        Set<String> names = new HashSet<>();
        r.json().forEach(n -> {
            names.add(n.get("name").asText());
            assertEquals(Set.of("id", "name", "limit"), fieldNames(n));
        });
        assertEquals(Set.of(p + "-a", p + "-b"), names);
        assertEquals(3, activeSlots(a));
        assertEquals(2, activeSlots(b));
        assertEquals(0, activeSlots(off));
    }

    @Test
    void incrementThatDoesNotFitTakesNothing() {
        String p = UUID.randomUUID().toString();
        JsonNode roomy = limit(p + "-roomy", 10, true, 0);
        JsonNode full = limit(p + "-full", 2, true, 2);
        Answer r = http().post("/v2/concurrency_limits/increment", q("{'names': ['" + p + "-roomy', '" + p + "-full'], 'slots': 1}"));
        assertDetail(r, 423);
        assertNotNull(r.header("Retry-After"));
        assertEquals(0, activeSlots(roomy));
        assertEquals(2, activeSlots(full));
    }

    @Test
    void incrementOfMoreSlotsThanTheLimitIs422() {
        String p = UUID.randomUUID().toString();
        JsonNode l = limit(p, 2, true, 0);
        assertDetail(http().post("/v2/concurrency_limits/increment", q("{'names': ['" + p + "'], 'slots': 3}")), 422);
        assertEquals(0, activeSlots(l));
        assertInvalid(http().post("/v2/concurrency_limits/increment", q("{'names': ['" + p + "'], 'slots': 0}")),
                "greater_than_equal", "body", "slots");
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
