package dev.flowsweep.examples.server;

import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /flow_runs/bulk_delete} over HTTP: Prefect's own test cases (by ids, tags, state type and name, limit),
 * the answer's order, slot release by state, the cascade to task runs, logs purged after the answer, and the
 * configurable cap; on the storage of the enclosing {@link ServerContractTest}.
 */
abstract class ServerBulkDeleteSuite extends ServerSuite {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void bulkDeleteByIds() {
        UUID flowId = newFlow();
        UUID a = run(flowId, "'state': {'type': 'PENDING'}");
        UUID b = run(flowId, "'state': {'type': 'PENDING'}");
        UUID keep = run(flowId, "'state': {'type': 'PENDING'}");
        List<UUID> deleted = bulkDelete("{'flow_runs': {'id': {'any_': " + ids(a, b) + "}}}");
        assertEquals(Set.of(a, b), Set.copyOf(deleted));
        assertEquals(2, deleted.size());
        assertFalse(exists(a));
        assertFalse(exists(b));
        assertTrue(exists(keep));
    }

    @Test
    void bulkDeleteAnswersIdsInIdDescOrder() {
        UUID flowId = newFlow();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(run(flowId, "").toString());
        }
        created.sort(java.util.Comparator.reverseOrder());
        List<String> deleted = bulkDelete("{}").stream().map(UUID::toString).toList();
        assertEquals(created, deleted);
    }

    @Test
    void bulkDeleteByTags() {
        UUID flowId = newFlow();
        UUID a = run(flowId, "'tags': ['test-tag', 'other']");
        UUID b = run(flowId, "'tags': ['test-tag']");
        UUID keep = run(flowId, "'tags': ['other']");
        List<UUID> deleted = bulkDelete("{'flow_runs': {'tags': {'all_': ['test-tag']}}}");
        assertEquals(Set.of(a, b), Set.copyOf(deleted));
        assertTrue(exists(keep));
    }

    @Test
    void bulkDeleteByStateType() {
        UUID flowId = newFlow();
        UUID done = run(flowId, "'state': {'type': 'COMPLETED'}");
        UUID failed = run(flowId, "'state': {'type': 'FAILED'}");
        UUID running = run(flowId, "'state': {'type': 'RUNNING'}");
        List<UUID> deleted = bulkDelete("{'flow_runs': {'state': {'type': {'any_': ['COMPLETED', 'FAILED']}}}}");
        assertEquals(Set.of(done, failed), Set.copyOf(deleted));
        assertTrue(exists(running));
    }

    @Test
    void bulkDeleteByStateNameLate() {
        UUID flowId = newFlow();
        UUID late = run(flowId, "'state': {'type': 'SCHEDULED', 'name': 'Late'}");
        UUID scheduled = run(flowId, "'state': {'type': 'SCHEDULED'}");
        List<UUID> deleted = bulkDelete("{'flow_runs': {'state': {'name': {'any_': ['Late']}}}}");
        assertEquals(List.of(late), deleted);
        assertTrue(exists(scheduled));
    }

    @Test
    void bulkDeleteRespectsLimit() {
        UUID flowId = newFlow();
        for (int i = 0; i < 5; i++) {
            run(flowId, "'tags': ['many']");
        }
        assertEquals(3, bulkDelete("{'flow_runs': {'tags': {'all_': ['many']}}, 'limit': 3}").size());
        assertEquals(2, countRuns());
    }

    @Test
    void bulkDeleteLimitOutsideOneToCapIsRefused() {
        UUID keep = run(newFlow(), "");
        assertInvalid(http().post("/flow_runs/bulk_delete", q("{'limit': 0}")), "greater_than_equal", "body", "limit");
        assertInvalid(http().post("/flow_runs/bulk_delete", q("{'limit': 201}")), "less_than_equal", "body", "limit");
        assertInvalid(http().post("/flow_runs/bulk_delete", q("{'limit': 1e2}")), "int_type", "body", "limit");
        assertTrue(exists(keep));
    }

    @Test
    void bulkDeleteWithoutFilterDeletesUpToLimit() {
        UUID flowId = newFlow();
        Set<UUID> created = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            created.add(run(flowId, ""));
        }
        assertEquals(created, Set.copyOf(bulkDelete("{}")));
        assertEquals(0, countRuns());
    }

    @Test
    void bulkDeleteOfIdsThatDoNotExistDeletesNothing() {
        UUID keep = run(newFlow(), "");
        assertEquals(List.of(), bulkDelete("{'flow_runs': {'id': {'any_': " + ids(UUID.randomUUID(), UUID.randomUUID()) + "}}}"));
        assertTrue(exists(keep));
    }

    @Test
    void bulkDeleteTopLevelNullsMeanDefaults() {
        run(newFlow(), "");
        assertEquals(1, bulkDelete("{'flow_runs': null, 'limit': null}").size());
    }

    @ParameterizedTest
    @EnumSource(StateType.class)
    void bulkDeleteReleasesSlotsOnlyOfPendingRunningAndCancellingRuns(StateType type) {
        UUID flowId = newFlow();
        Answer d = http().post("/deployments", q("{'name': 'd', 'flow_id': '" + flowId + "', 'concurrency_limit': 5}"));
        String deploymentId = d.json().get("id").asText();
        String limitId = d.json().get("concurrency_limit_id").asText();
        Answer inc = http().post("/v2/concurrency_limits/increment", q("{'names': ['deployment:" + deploymentId + "'], 'slots': 2}"));
        assertEquals(200, inc.status(), inc::toString);
        UUID runId = run(flowId, "'deployment_id': '" + deploymentId + "', 'state': {'type': '" + type + "'}");

        assertEquals(List.of(runId), bulkDelete("{'flow_runs': {'id': {'any_': " + ids(runId) + "}}}"));
        int slots = http().get("/v2/concurrency_limits/" + limitId).json().get("active_slots").asInt();
        assertEquals(type.holdsConcurrencySlot() ? 1 : 2, slots, type::toString);
    }

    @Test
    void bulkDeleteCascadesToTaskRuns() {
        UUID runId = run(newFlow(), "");
        Answer t = http().post("/task_runs", q("{'flow_run_id': '" + runId + "', 'task_key': 'k', 'dynamic_key': '0'}"));
        assertEquals(201, t.status(), t::toString);
        bulkDelete("{'flow_runs': {'id': {'any_': " + ids(runId) + "}}}");
        assertDetail(http().get("/task_runs/" + t.json().get("id").asText()), 404);
    }

    @Test
    void bulkDeleteAnswersBeforeTheLogsArePurged() throws Exception {
        UUID runId = run(newFlow(), "");
        StringBuilder logs = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            logs.append(i == 0 ? "" : ",").append(q("{'name': 'app', 'level': 20, 'message': 'line " + i
                    + "', 'timestamp': '2026-06-01T10:00:00Z', 'flow_run_id': '" + runId + "'}"));
        }
        assertEquals(201, http().post("/logs", logs.append(']').toString()).status());
        String byRun = q("{'logs': {'flow_run_id': {'any_': ['" + runId + "']}}}");

        fixture().purgeStorage().pause();
        try {
            assertEquals(List.of(runId), bulkDelete("{'flow_runs': {'id': {'any_': " + ids(runId) + "}}}"));
            assertEquals("25", http().post("/logs/count", byRun).text(), "logs are purged after the answer");
        } finally {
            fixture().purgeStorage().resume();
        }
        assertTrue(fixture().server().logPurger().awaitIdle(DEADLINE), "log purge did not finish in " + DEADLINE);
        assertEquals("0", http().post("/logs/count", byRun).text());
    }

    @Test
    void bulkDeleteCapIsConfigurable() {
        try (FlowsweepServer capped = FlowsweepServer.builder(fixture().storage()).port(0).bulkDeleteCap(2).start()) {
            HttpJson client = new HttpJson(capped.uri());
            UUID flowId = newFlow();
            for (int i = 0; i < 3; i++) {
                run(flowId, "");
            }
            assertInvalid(client.post("/flow_runs/bulk_delete", q("{'limit': 3}")), "less_than_equal", "body", "limit");
            Answer a = client.post("/flow_runs/bulk_delete", "{}");
            assertEquals(200, a.status(), a::toString);
            assertEquals(2, a.json().get("deleted").size());
        }
    }
}
