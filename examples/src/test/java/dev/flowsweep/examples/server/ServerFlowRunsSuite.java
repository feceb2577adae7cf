package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.HttpJson.Answer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flow runs over HTTP — create, read, filter, count, delete one — as examples/README.md lists them, on the storage of
 * the enclosing {@link ServerContractTest}.
 */
abstract class ServerFlowRunsSuite extends ServerSuite {
    @Test
    void flowRunIsCreatedWithPrefectShapeAndDefaults() {
        UUID flowId = newFlow();
        Answer a = http().post("/flow_runs/", q("{'flow_id': '" + flowId + "', 'name': 'r1', 'state': {'type': 'PENDING'},"
                + " 'tags': ['x', 'y'], 'expected_start_time': '2026-06-01T12:00:00+02:00'}"));
        assertEquals(201, a.status(), a::toString);
        JsonNode run = a.json();
        UUID.fromString(run.get("id").asText());
        assertEquals("r1", run.get("name").asText());
        assertEquals(flowId.toString(), run.get("flow_id").asText());
        assertEquals("PENDING", run.get("state_type").asText());
        assertEquals("Pending", run.get("state_name").asText());
        assertEquals("PENDING", run.get("state").get("type").asText());
        assertEquals("Pending", run.get("state").get("name").asText());
        assertEquals(List.of("x", "y"), List.of(run.get("tags").get(0).asText(), run.get("tags").get(1).asText()));
        assertEquals("2026-06-01T10:00:00Z", run.get("expected_start_time").asText());
        for (String field : List.of("deployment_id", "work_queue_name", "flow_version", "start_time", "end_time",
                "next_scheduled_start_time", "parent_task_run_id", "idempotency_key", "created_by", "created", "updated")) {
            assertTrue(run.has(field), field);
        }
        assertEquals(run, http().get("/flow_runs/" + run.get("id").asText()).json());
        assertEquals(run, http().get("/flow_runs/" + run.get("id").asText() + "/").json());
    }

    @Test
    void flowRunWithoutStateHasNullState() {
        UUID id = run(newFlow(), "");
        JsonNode run = http().get("/flow_runs/" + id).json();
        assertTrue(run.get("state").isNull());
        assertTrue(run.get("state_type").isNull());
        assertTrue(run.get("state_name").isNull());
        assertEquals(0, run.get("tags").size());
    }

    @Test
    void flowRunWithGivenIdAndStateName() {
        UUID id = UUID.randomUUID();
        UUID flowId = newFlow();
        assertEquals(id, run(flowId, "'id': '" + id + "', 'state': {'type': 'SCHEDULED', 'name': 'Late'}"));
        JsonNode run = http().get("/flow_runs/" + id).json();
        assertEquals("Late", run.get("state_name").asText());
        assertDetail(http().post("/flow_runs", q("{'id': '" + id + "', 'flow_id': '" + flowId + "'}")), 409);
    }

    @Test
    void flowRunOfUnknownFlowIsAConflict() {
        assertDetail(http().post("/flow_runs", q("{'flow_id': '" + UUID.randomUUID() + "'}")), 409);
        assertEquals(0, countRuns());
    }

    @Test
    void flowRunCreateNeedsFlowId() {
        assertInvalid(http().post("/flow_runs", q("{'name': 'x'}")), "missing", "body", "flow_id");
    }

    @Test
    void unknownFlowRunIs404() {
        assertDetail(http().get("/flow_runs/" + UUID.randomUUID()), 404);
        assertDetail(http().get("/flow_runs/not-a-uuid"), 404);
        assertDetail(http().delete("/flow_runs/not-a-uuid"), 404);
    }

    @Test
    void filterSortsLimitsAndOffsets() {
        UUID flowId = newFlow();
        String tag = "t-" + UUID.randomUUID();
        for (String name : List.of("c", "a", "d", "b")) {
            run(flowId, "'name': '" + name + "', 'tags': ['" + tag + "']");
        }
        run(flowId, "'name': 'other'");
        Answer a = http().post("/flow_runs/filter", q("{'flow_runs': {'tags': {'all_': ['" + tag + "']}},"
                + " 'sort': 'NAME_ASC', 'limit': 2, 'offset': 1}"));
        assertEquals(200, a.status(), a::toString);
        assertEquals(2, a.json().size());
        assertEquals("b", a.json().get(0).get("name").asText());
        assertEquals("c", a.json().get(1).get("name").asText());
        assertEquals(5, http().post("/flow_runs/filter", "{}").json().size());
        assertEquals(0, http().post("/flow_runs/filter", q("{'limit': 0}")).json().size());
    }

    @Test
    void filterDefaultsToIdDescAndAcceptsNullsAndPrefectsOtherKeysWhenNull() {
        UUID flowId = newFlow();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(run(flowId, "").toString());
        }
        ids.sort(java.util.Comparator.reverseOrder()); // canonical text order = unsigned UUID order
        Answer a = http().post("/flow_runs/filter", q("{'flows': null, 'flow_runs': null, 'task_runs': null,"
                + " 'deployments': null, 'work_pools': null, 'work_pool_queues': null, 'sort': null,"
                + " 'limit': null, 'offset': null}"));
        assertEquals(200, a.status(), a::toString);
        List<String> got = new ArrayList<>();
        a.json().forEach(r -> got.add(r.get("id").asText()));
        assertEquals(ids, got);
        JsonNode p = assertInvalid(http().post("/flow_runs/filter", q("{'flows': {'name': {'any_': ['x']}}}")),
                "value_error", "body", "flows");
        assertTrue(p.get("msg").asText().contains("not supported"), p::toString);
        assertInvalid(http().post("/flow_runs/count", q("{'work_pools': {}}")), "value_error", "body", "work_pools");
    }

    @Test
    void filterLimitIsChecked() {
        assertInvalid(http().post("/flow_runs/filter", q("{'limit': 201}")), "less_than_equal", "body", "limit");
        assertInvalid(http().post("/flow_runs/filter", q("{'limit': -1}")), "greater_than_equal", "body", "limit");
        assertInvalid(http().post("/flow_runs/filter", q("{'limit': '10'}")), "int_type", "body", "limit");
        assertInvalid(http().post("/flow_runs/filter", q("{'limit': 2.5}")), "int_type", "body", "limit");
        assertInvalid(http().post("/flow_runs/filter", q("{'offset': -1}")), "greater_than_equal", "body", "offset");
        assertInvalid(http().post("/flow_runs/filter", q("{'sort': 'SIDEWAYS'}")), "enum", "body", "sort");
    }

    @Test
    void countCountsMatchingRuns() {
        UUID flowId = newFlow();
        run(flowId, "'state': {'type': 'RUNNING'}");
        run(flowId, "'state': {'type': 'RUNNING'}");
        run(flowId, "'state': {'type': 'FAILED'}");
        Answer a = http().post("/flow_runs/count", q("{'flow_runs': {'state': {'type': {'any_': ['RUNNING']}}}}"));
        assertEquals(200, a.status(), a::toString);
        assertEquals("2", a.text());
        assertEquals(3, countRuns());
        assertEquals("3", http().post("/flow_runs/count", "").text());
    }

    @Test
    void deleteOneRun() {
        UUID id = run(newFlow(), "");
        Answer a = http().delete("/flow_runs/" + id);
        assertEquals(204, a.status(), a::toString);
        assertEquals("", a.text());
        assertDetail(http().delete("/flow_runs/" + id), 404);
        assertFalse(exists(id));
    }
}
