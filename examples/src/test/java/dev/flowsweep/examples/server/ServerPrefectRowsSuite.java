package dev.flowsweep.examples.server;

import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a Prefect server's database ({@code --storage prefect}): what the routes write is what a Prefect server writes
 * and reads, checked in Prefect's own tables with SQL — a run created without a name gets one, its state is a
 * {@code flow_run_state} row its {@code state_id} points at, a deployment's limit is Prefect's
 * {@code deployment:<id>}; a bulk delete takes task runs and states with it through Prefect's foreign keys, and
 * the logs through the purge queue.
 */
abstract class ServerPrefectRowsSuite extends ServerSuite {
    private static final Duration PURGE_DEADLINE = Duration.ofSeconds(30);

    /** The Prefect database behind the enclosing class's server. */
    protected abstract TestDatabase database();

    private long count(String sql) {
        return database().queryLong(sql);
    }

    @Test
    void aRunCreatedWithoutANameIsARowAsPrefectWritesIt() {
        UUID flowId = newFlow();
        Answer d = http().post("/deployments", q("{'name': 'prod', 'flow_id': '" + flowId + "', 'concurrency_limit': 2}"));
        assertEquals(201, d.status(), d::toString);
        String deploymentId = d.json().get("id").asText();
        UUID runId = run(flowId, "'deployment_id': '" + deploymentId + "', 'state': {'type': 'RUNNING'}, "
                + "'tags': ['nightly']");

        String where = " FROM flow_run WHERE id = '" + runId + "'";
        String name = database().queryString("SELECT name" + where);
        assertTrue(name.matches("[a-z]+-[a-z]+"), "a generated two-word name, as Prefect's: " + name);
        assertEquals(name, http().get("/flow_runs/" + runId).json().get("name").asText(), "read back as written");
        assertEquals("RUNNING", database().queryString("SELECT CAST(state_type AS TEXT)" + where));
        assertEquals("Running", database().queryString("SELECT state_name" + where));
        assertEquals(flowId.toString(), database().queryString("SELECT CAST(flow_id AS TEXT)" + where));
        assertEquals(1, count("SELECT COUNT(*) FROM flow_run r JOIN flow_run_state s ON s.id = r.state_id"
                + " WHERE r.id = '" + runId + "' AND s.flow_run_id = r.id AND CAST(s.type AS TEXT) = 'RUNNING'"),
                "the run's state is the flow_run_state row its state_id points at");
        String limitId = database().queryString("SELECT CAST(concurrency_limit_id AS TEXT) FROM deployment WHERE id = '"
                + deploymentId + "'");
        assertNotNull(limitId);
        assertEquals("deployment:" + deploymentId, database().queryString(
                "SELECT name FROM concurrency_limit_v2 WHERE id = '" + limitId + "'"));
    }

    @Test
    void aBulkDeleteTakesTaskRunsStatesAndLogsWithTheRun() throws Exception {
        UUID runId = run(newFlow(), "'state': {'type': 'COMPLETED'}, 'tags': ['gone']");
        Answer t = http().post("/task_runs", q("{'flow_run_id': '" + runId + "', 'task_key': 'extract', "
                + "'dynamic_key': '0', 'state': {'type': 'COMPLETED'}}"));
        assertEquals(201, t.status(), t::toString);
        Answer logs = http().post("/logs", q("[{'name': 'app', 'level': 20, 'message': 'done', "
                + "'timestamp': '2026-06-01T10:00:00Z', 'flow_run_id': '" + runId + "', 'task_run_id': '"
                + t.json().get("id").asText() + "'}]"));
        assertEquals(201, logs.status(), logs::toString);
        String ofRun = " WHERE flow_run_id = '" + runId + "'";
        assertEquals(1, count("SELECT COUNT(*) FROM task_run" + ofRun));
        assertEquals(1, count("SELECT COUNT(*) FROM flow_run_state" + ofRun));
        assertEquals(1, count("SELECT COUNT(*) FROM task_run_state WHERE task_run_id = '"
                + t.json().get("id").asText() + "'"));
        assertEquals(1, count("SELECT COUNT(*) FROM log" + ofRun));

        assertEquals(List.of(runId), bulkDelete("{'flow_runs': {'tags': {'all_': ['gone']}}}"));

        assertEquals(0, count("SELECT COUNT(*) FROM flow_run WHERE id = '" + runId + "'"));
        assertEquals(0, count("SELECT COUNT(*) FROM task_run" + ofRun));
        assertEquals(0, count("SELECT COUNT(*) FROM flow_run_state" + ofRun));
        assertEquals(0, count("SELECT COUNT(*) FROM task_run_state WHERE task_run_id = '"
                + t.json().get("id").asText() + "'"));
        Await.until(PURGE_DEADLINE, "the run's logs are purged", () -> count("SELECT COUNT(*) FROM log" + ofRun) == 0);
    }
}
