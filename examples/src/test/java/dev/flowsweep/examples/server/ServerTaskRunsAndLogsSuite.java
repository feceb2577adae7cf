package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.HttpJson.Answer;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Task runs and logs over HTTP — create, read, filter, count — on the storage of the enclosing
 * {@link ServerContractTest}.
 */
abstract class ServerTaskRunsAndLogsSuite extends ServerSuite {
    @Test
    void taskRunCreateAndGet() {
        UUID runId = run(newFlow(), "");
        String body = q("{'flow_run_id': '" + runId + "', 'task_key': 'extract', 'dynamic_key': '1', 'name': 'extract-1',"
                + " 'state': {'type': 'RUNNING'}}");
        Answer t = http().post("/task_runs/", body);
        assertEquals(201, t.status(), t::toString);
        assertEquals("RUNNING", t.json().get("state_type").asText());
        assertEquals("Running", t.json().get("state_name").asText());
        assertEquals(runId.toString(), t.json().get("flow_run_id").asText());
        Answer again = http().post("/task_runs", body);
        assertEquals(200, again.status(), again::toString);
        assertEquals(t.json().get("id"), again.json().get("id"));
        Answer g = http().get("/task_runs/" + t.json().get("id").asText());
        assertEquals(200, g.status());
        assertEquals(t.json(), g.json());
        assertDetail(http().get("/task_runs/" + UUID.randomUUID()), 404);
        assertDetail(http().post("/task_runs", q("{'flow_run_id': '" + UUID.randomUUID() + "', 'task_key': 'k', 'dynamic_key': '0'}")), 409);
    }

    @Test
    void logsCreateFilterAndCount() {
        UUID a = run(newFlow(), "");
        UUID b = run(newFlow(), "");
        String logs = q("[{'name': 'app', 'level': 20, 'message': 'second', 'timestamp': '2026-06-01T10:00:01Z', 'flow_run_id': '" + a + "'},"
                + "{'name': 'app', 'level': 40, 'message': 'first', 'timestamp': '2026-06-01T10:00:00Z', 'flow_run_id': '" + a + "'},"
                + "{'name': 'app', 'level': 20, 'message': 'other', 'timestamp': '2026-06-01T10:00:00Z', 'flow_run_id': '" + b + "'}]");
        Answer created = http().post("/logs/", logs);
        assertEquals(201, created.status(), created::toString);
        Answer f = http().post("/logs/filter", q("{'logs': {'flow_run_id': {'any_': ['" + a + "']}}, 'limit': 10, 'offset': 0}"));
        assertEquals(200, f.status(), f::toString);
        assertEquals(2, f.json().size());
        assertEquals("first", f.json().get(0).get("message").asText());
        assertEquals(40, f.json().get(0).get("level").asInt());
        assertEquals("2026-06-01T10:00:00Z", f.json().get(0).get("timestamp").asText());
        assertEquals(a.toString(), f.json().get(0).get("flow_run_id").asText());
        assertEquals("2", http().post("/logs/count", q("{'logs': {'flow_run_id': {'any_': ['" + a + "']}}}")).text());
        assertEquals("0", http().post("/logs/count", q("{'logs': {'flow_run_id': {'any_': []}}}")).text());
    }

    @Test
    void logsMustBeAListOfValidLogs() {
        assertInvalid(http().post("/logs", q("{'name': 'x'}")), "list_type", "body");
        Answer badTime = http().post("/logs", q("[{'name': 'app', 'level': 20, 'message': 'm', 'timestamp': 'yesterday'}]"));
        assertEquals(422, badTime.status(), badTime::toString);
        JsonNode problem = badTime.json().get("exception_detail").get(0);
        assertEquals(HttpJson.parse(q("['body', 0, 'timestamp']")), problem.get("loc"));
        assertTrue(problem.get("type").asText().startsWith("datetime"), problem::toString);
        assertInvalid(http().post("/logs", q("[{'name': 'app', 'level': 20, 'message': 'm'}]")), "missing", "body", 0, "timestamp");
        assertInvalid(http().post("/logs/filter", q("{'logs': {'level': {}}}")), "extra_forbidden", "body", "logs", "level");
    }
}
