package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.model.StateType;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.spi.FlowsweepStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP contract of the example server (examples/README.md), driven over real HTTP with
 * {@link java.net.http.HttpClient}. A subclass per storage supplies {@link #openStorage()}; one server per class
 * listens on a free port. Each test starts from no flow runs ({@link #noRunsLeft()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerContractTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private FlowsweepStorage storage;
    /** What the server uses: lets a test make the next transaction fail. */
    private GatedStorage serverStorage;
    /** What the log purger uses: lets a test hold purges back. */
    private GatedStorage purgeStorage;
    private FlowsweepServer server;
    private HttpJson http;

    /** A fresh, empty storage for this class's server. */
    protected abstract FlowsweepStorage openStorage() throws Exception;

    /** Releases what {@link #openStorage()} made (after the server stopped). */
    protected void closeStorage(FlowsweepStorage storage) throws Exception {
        storage.close();
    }

    @BeforeAll
    void startServer() throws Exception {
        storage = openStorage();
        serverStorage = new GatedStorage(storage);
        purgeStorage = new GatedStorage(storage);
        server = FlowsweepServer.builder(serverStorage)
                .port(0)
                .logPurger(LogPurger.builder(purgeStorage).pollInterval(Duration.ofMillis(200)).build())
                .start();
        http = new HttpJson(server.uri());
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (storage != null) {
            closeStorage(storage);
        }
    }

    /** The same storage behind a second server with basic auth and {@code requireFilter} on. */
    @Nested
    class Guarded extends ServerGuardsSuite {
        @Override
        protected FlowsweepStorage storage() {
            return storage;
        }
    }

    @BeforeEach
    void noRunsLeft() {
        Answer a;
        do {
            a = http.post("/flow_runs/bulk_delete", "{}");
            assertEquals(200, a.status(), a::toString);
        } while (a.json().get("deleted").size() > 0);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private UUID flow(String name) {
        Answer a = http.post("/flows", q("{'name': '" + name + "'}"));
        assertTrue(a.status() == 201 || a.status() == 200, a::toString);
        return UUID.fromString(a.json().get("id").asText());
    }

    private UUID newFlow() {
        return flow("flow-" + UUID.randomUUID());
    }

    /** Creates a run from a JSON object's inner fields, e.g. {@code "'tags': ['a']"}; returns its id. */
    private UUID run(UUID flowId, String fields) {
        String body = "{'flow_id': '" + flowId + "'" + (fields.isEmpty() ? "" : ", " + fields) + "}";
        Answer a = http.post("/flow_runs", q(body));
        assertEquals(201, a.status(), a::toString);
        return UUID.fromString(a.json().get("id").asText());
    }

    private List<UUID> bulkDelete(String body) {
        Answer a = http.post("/flow_runs/bulk_delete", q(body));
        assertEquals(200, a.status(), a::toString);
        List<UUID> ids = new ArrayList<>();
        a.json().get("deleted").forEach(n -> ids.add(UUID.fromString(n.asText())));
        return ids;
    }

    private long countRuns() {
        Answer a = http.post("/flow_runs/count", "{}");
        assertEquals(200, a.status(), a::toString);
        return a.json().asLong();
    }

    private boolean exists(UUID runId) {
        int status = http.get("/flow_runs/" + runId).status();
        assertTrue(status == 200 || status == 404, "status " + status);
        return status == 200;
    }

    private static String ids(UUID... ids) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(ids[i]).append('\'');
        }
        return sb.append(']').toString();
    }

    /** Asserts a 422 in Prefect's shape with one problem of this type at this loc. */
    private static JsonNode assertInvalid(Answer a, String type, Object... loc) {
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

    private static void assertDetail(Answer a, int status) {
        assertEquals(status, a.status(), a::toString);
        assertTrue(a.json().get("detail").isTextual(), a::toString);
    }

    // ------------------------------------------------------------------------------------- health, flows

    @Test
    void health() {
        Answer a = http.get("/health");
        assertEquals(200, a.status());
        assertEquals("true", a.text());
        assertEquals(200, http.get("/health/").status());
    }

    @Test
    void flowIsCreatedOnceByName() {
        String name = "etl-" + UUID.randomUUID();
        Answer first = http.post("/flows/", q("{'name': '" + name + "'}"));
        assertEquals(201, first.status(), first::toString);
        assertEquals(name, first.json().get("name").asText());
        Answer again = http.post("/flows", q("{'name': '" + name + "'}"));
        assertEquals(200, again.status(), again::toString);
        assertEquals(first.json().get("id"), again.json().get("id"));
    }

    @Test
    void flowWithoutNameIsRefused() {
        assertInvalid(http.post("/flows", "{}"), "missing", "body", "name");
        assertInvalid(http.post("/flows", q("{'name': 7}")), "string_type", "body", "name");
    }

    // ------------------------------------------------------------------------- deployments and limits

    @Test
    void deploymentWithConcurrencyLimitGetsAnActiveLimitWithNoSlotTaken() {
        UUID flowId = newFlow();
        Answer d = http.post("/deployments", q("{'name': 'nightly', 'flow_id': '" + flowId + "', 'concurrency_limit': 3}"));
        assertEquals(201, d.status(), d::toString);
        String deploymentId = d.json().get("id").asText();
        assertEquals(flowId.toString(), d.json().get("flow_id").asText());
        Answer limit = http.get("/v2/concurrency_limits/" + d.json().get("concurrency_limit_id").asText());
        assertEquals(200, limit.status(), limit::toString);
        assertEquals("deployment:" + deploymentId, limit.json().get("name").asText());
        assertEquals(3, limit.json().get("limit").asInt());
        assertTrue(limit.json().get("active").asBoolean());
        assertEquals(0, limit.json().get("active_slots").asInt());
    }

    @Test
    void deploymentWithoutLimitHasNone() {
        Answer d = http.post("/deployments", q("{'name': 'adhoc', 'flow_id': '" + newFlow() + "'}"));
        assertEquals(201, d.status(), d::toString);
        assertTrue(d.json().get("concurrency_limit_id").isNull());
    }

    @Test
    void deploymentOfUnknownFlowIsAConflict() {
        assertDetail(http.post("/deployments", q("{'name': 'x', 'flow_id': '" + UUID.randomUUID() + "', 'concurrency_limit': 1}")), 409);
    }

    @Test
    void concurrencyLimitCreateAndGet() {
        String name = "db-" + UUID.randomUUID();
        Answer c = http.post("/v2/concurrency_limits/", q("{'name': '" + name + "', 'limit': 5}"));
        assertEquals(201, c.status(), c::toString);
        assertEquals(5, c.json().get("limit").asInt());
        assertTrue(c.json().get("active").asBoolean());
        assertEquals(0, c.json().get("active_slots").asInt());
        Answer g = http.get("/v2/concurrency_limits/" + c.json().get("id").asText());
        assertEquals(200, g.status());
        assertEquals(c.json(), g.json());
        assertDetail(http.post("/v2/concurrency_limits", q("{'name': '" + name + "', 'limit': 1}")), 409);
        assertDetail(http.get("/v2/concurrency_limits/" + UUID.randomUUID()), 404);
        assertDetail(http.get("/v2/concurrency_limits/not-a-uuid"), 404);
        assertInvalid(http.post("/v2/concurrency_limits", q("{'name': 'n', 'limit': -1}")), "greater_than_equal", "body", "limit");
    }

    private JsonNode limit(String name, int limit, boolean active, int slots) {
        Answer c = http.post("/v2/concurrency_limits", q("{'name': '" + name + "', 'limit': " + limit
                + ", 'active': " + active + ", 'active_slots': " + slots + "}"));
        assertEquals(201, c.status(), c::toString);
        return c.json();
    }

    private int activeSlots(JsonNode limit) {
        return http.get("/v2/concurrency_limits/" + limit.get("id").asText()).json().get("active_slots").asInt();
    }

    @Test
    void incrementTakesSlotsOnActiveLimitsAndIgnoresUnknownAndInactiveOnes() {
        String p = UUID.randomUUID().toString();
        JsonNode a = limit(p + "-a", 5, true, 1);
        JsonNode b = limit(p + "-b", 2, true, 0);
        JsonNode off = limit(p + "-off", 1, false, 0);
        Answer r = http.post("/v2/concurrency_limits/increment", q("{'names': ['" + p + "-a', '" + p + "-b', '"
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
        Answer r = http.post("/v2/concurrency_limits/increment", q("{'names': ['" + p + "-roomy', '" + p + "-full'], 'slots': 1}"));
        assertDetail(r, 423);
        assertNotNull(r.header("Retry-After"));
        assertEquals(0, activeSlots(roomy));
        assertEquals(2, activeSlots(full));
    }

    @Test
    void incrementOfMoreSlotsThanTheLimitIs422() {
        String p = UUID.randomUUID().toString();
        JsonNode l = limit(p, 2, true, 0);
        assertDetail(http.post("/v2/concurrency_limits/increment", q("{'names': ['" + p + "'], 'slots': 3}")), 422);
        assertEquals(0, activeSlots(l));
        assertInvalid(http.post("/v2/concurrency_limits/increment", q("{'names': ['" + p + "'], 'slots': 0}")),
                "greater_than_equal", "body", "slots");
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    // ------------------------------------------------------------------------------------------ flow runs

    @Test
    void flowRunIsCreatedWithPrefectShapeAndDefaults() {
        UUID flowId = newFlow();
        Answer a = http.post("/flow_runs/", q("{'flow_id': '" + flowId + "', 'name': 'r1', 'state': {'type': 'PENDING'},"
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
        assertEquals(run, http.get("/flow_runs/" + run.get("id").asText()).json());
        assertEquals(run, http.get("/flow_runs/" + run.get("id").asText() + "/").json());
    }

    @Test
    void flowRunWithoutStateHasNullState() {
        UUID id = run(newFlow(), "");
        JsonNode run = http.get("/flow_runs/" + id).json();
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
        JsonNode run = http.get("/flow_runs/" + id).json();
        assertEquals("Late", run.get("state_name").asText());
        assertDetail(http.post("/flow_runs", q("{'id': '" + id + "', 'flow_id': '" + flowId + "'}")), 409);
    }

    @Test
    void flowRunOfUnknownFlowIsAConflict() {
        assertDetail(http.post("/flow_runs", q("{'flow_id': '" + UUID.randomUUID() + "'}")), 409);
        assertEquals(0, countRuns());
    }

    @Test
    void flowRunCreateNeedsFlowId() {
        assertInvalid(http.post("/flow_runs", q("{'name': 'x'}")), "missing", "body", "flow_id");
    }

    @Test
    void unknownFlowRunIs404() {
        assertDetail(http.get("/flow_runs/" + UUID.randomUUID()), 404);
        assertDetail(http.get("/flow_runs/not-a-uuid"), 404);
        assertDetail(http.delete("/flow_runs/not-a-uuid"), 404);
    }

    @Test
    void filterSortsLimitsAndOffsets() {
        UUID flowId = newFlow();
        String tag = "t-" + UUID.randomUUID();
        for (String name : List.of("c", "a", "d", "b")) {
            run(flowId, "'name': '" + name + "', 'tags': ['" + tag + "']");
        }
        run(flowId, "'name': 'other'");
        Answer a = http.post("/flow_runs/filter", q("{'flow_runs': {'tags': {'all_': ['" + tag + "']}},"
                + " 'sort': 'NAME_ASC', 'limit': 2, 'offset': 1}"));
        assertEquals(200, a.status(), a::toString);
        assertEquals(2, a.json().size());
        assertEquals("b", a.json().get(0).get("name").asText());
        assertEquals("c", a.json().get(1).get("name").asText());
        assertEquals(5, http.post("/flow_runs/filter", "{}").json().size());
        assertEquals(0, http.post("/flow_runs/filter", q("{'limit': 0}")).json().size());
    }

    @Test
    void filterDefaultsToIdDescAndAcceptsNullsAndPrefectsOtherKeysWhenNull() {
        UUID flowId = newFlow();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(run(flowId, "").toString());
        }
        ids.sort(java.util.Comparator.reverseOrder()); // canonical text order = unsigned UUID order
        Answer a = http.post("/flow_runs/filter", q("{'flows': null, 'flow_runs': null, 'task_runs': null,"
                + " 'deployments': null, 'work_pools': null, 'work_pool_queues': null, 'sort': null,"
                + " 'limit': null, 'offset': null}"));
        assertEquals(200, a.status(), a::toString);
        List<String> got = new ArrayList<>();
        a.json().forEach(r -> got.add(r.get("id").asText()));
        assertEquals(ids, got);
        JsonNode p = assertInvalid(http.post("/flow_runs/filter", q("{'flows': {'name': {'any_': ['x']}}}")),
                "value_error", "body", "flows");
        assertTrue(p.get("msg").asText().contains("not supported"), p::toString);
        assertInvalid(http.post("/flow_runs/count", q("{'work_pools': {}}")), "value_error", "body", "work_pools");
    }

    @Test
    void filterLimitIsChecked() {
        assertInvalid(http.post("/flow_runs/filter", q("{'limit': 201}")), "less_than_equal", "body", "limit");
        assertInvalid(http.post("/flow_runs/filter", q("{'limit': -1}")), "greater_than_equal", "body", "limit");
        assertInvalid(http.post("/flow_runs/filter", q("{'limit': '10'}")), "int_type", "body", "limit");
        assertInvalid(http.post("/flow_runs/filter", q("{'limit': 2.5}")), "int_type", "body", "limit");
        assertInvalid(http.post("/flow_runs/filter", q("{'offset': -1}")), "greater_than_equal", "body", "offset");
        assertInvalid(http.post("/flow_runs/filter", q("{'sort': 'SIDEWAYS'}")), "enum", "body", "sort");
    }

    @Test
    void countCountsMatchingRuns() {
        UUID flowId = newFlow();
        run(flowId, "'state': {'type': 'RUNNING'}");
        run(flowId, "'state': {'type': 'RUNNING'}");
        run(flowId, "'state': {'type': 'FAILED'}");
        Answer a = http.post("/flow_runs/count", q("{'flow_runs': {'state': {'type': {'any_': ['RUNNING']}}}}"));
        assertEquals(200, a.status(), a::toString);
        assertEquals("2", a.text());
        assertEquals(3, countRuns());
        assertEquals("3", http.post("/flow_runs/count", "").text());
    }

    @Test
    void deleteOneRun() {
        UUID id = run(newFlow(), "");
        Answer a = http.delete("/flow_runs/" + id);
        assertEquals(204, a.status(), a::toString);
        assertEquals("", a.text());
        assertDetail(http.delete("/flow_runs/" + id), 404);
        assertFalse(exists(id));
    }

    // ------------------------------------------------------------------ bulk delete (Prefect's test cases)

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
        assertInvalid(http.post("/flow_runs/bulk_delete", q("{'limit': 0}")), "greater_than_equal", "body", "limit");
        assertInvalid(http.post("/flow_runs/bulk_delete", q("{'limit': 201}")), "less_than_equal", "body", "limit");
        assertInvalid(http.post("/flow_runs/bulk_delete", q("{'limit': 1e2}")), "int_type", "body", "limit");
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
        Answer d = http.post("/deployments", q("{'name': 'd', 'flow_id': '" + flowId + "', 'concurrency_limit': 5}"));
        String deploymentId = d.json().get("id").asText();
        String limitId = d.json().get("concurrency_limit_id").asText();
        Answer inc = http.post("/v2/concurrency_limits/increment", q("{'names': ['deployment:" + deploymentId + "'], 'slots': 2}"));
        assertEquals(200, inc.status(), inc::toString);
        UUID runId = run(flowId, "'deployment_id': '" + deploymentId + "', 'state': {'type': '" + type + "'}");

        assertEquals(List.of(runId), bulkDelete("{'flow_runs': {'id': {'any_': " + ids(runId) + "}}}"));
        int slots = http.get("/v2/concurrency_limits/" + limitId).json().get("active_slots").asInt();
        assertEquals(type.holdsConcurrencySlot() ? 1 : 2, slots, type::toString);
    }

    @Test
    void bulkDeleteCascadesToTaskRuns() {
        UUID runId = run(newFlow(), "");
        Answer t = http.post("/task_runs", q("{'flow_run_id': '" + runId + "', 'task_key': 'k', 'dynamic_key': '0'}"));
        assertEquals(201, t.status(), t::toString);
        bulkDelete("{'flow_runs': {'id': {'any_': " + ids(runId) + "}}}");
        assertDetail(http.get("/task_runs/" + t.json().get("id").asText()), 404);
    }

    @Test
    void bulkDeleteAnswersBeforeTheLogsArePurged() throws Exception {
        UUID runId = run(newFlow(), "");
        StringBuilder logs = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            logs.append(i == 0 ? "" : ",").append(q("{'name': 'app', 'level': 20, 'message': 'line " + i
                    + "', 'timestamp': '2026-06-01T10:00:00Z', 'flow_run_id': '" + runId + "'}"));
        }
        assertEquals(201, http.post("/logs", logs.append(']').toString()).status());
        String byRun = q("{'logs': {'flow_run_id': {'any_': ['" + runId + "']}}}");

        purgeStorage.pause();
        try {
            assertEquals(List.of(runId), bulkDelete("{'flow_runs': {'id': {'any_': " + ids(runId) + "}}}"));
            assertEquals("25", http.post("/logs/count", byRun).text(), "logs are purged after the answer");
        } finally {
            purgeStorage.resume();
        }
        assertTrue(server.logPurger().awaitIdle(DEADLINE), "log purge did not finish in " + DEADLINE);
        assertEquals("0", http.post("/logs/count", byRun).text());
    }

    @Test
    void bulkDeleteCapIsConfigurable() {
        try (FlowsweepServer capped = FlowsweepServer.builder(storage).port(0).bulkDeleteCap(2).start()) {
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

    // ----------------------------------------------------------------------------------- task runs, logs

    @Test
    void taskRunCreateAndGet() {
        UUID runId = run(newFlow(), "");
        String body = q("{'flow_run_id': '" + runId + "', 'task_key': 'extract', 'dynamic_key': '1', 'name': 'extract-1',"
                + " 'state': {'type': 'RUNNING'}}");
        Answer t = http.post("/task_runs/", body);
        assertEquals(201, t.status(), t::toString);
        assertEquals("RUNNING", t.json().get("state_type").asText());
        assertEquals("Running", t.json().get("state_name").asText());
        assertEquals(runId.toString(), t.json().get("flow_run_id").asText());
        Answer again = http.post("/task_runs", body);
        assertEquals(200, again.status(), again::toString);
        assertEquals(t.json().get("id"), again.json().get("id"));
        Answer g = http.get("/task_runs/" + t.json().get("id").asText());
        assertEquals(200, g.status());
        assertEquals(t.json(), g.json());
        assertDetail(http.get("/task_runs/" + UUID.randomUUID()), 404);
        assertDetail(http.post("/task_runs", q("{'flow_run_id': '" + UUID.randomUUID() + "', 'task_key': 'k', 'dynamic_key': '0'}")), 409);
    }

    @Test
    void logsCreateFilterAndCount() {
        UUID a = run(newFlow(), "");
        UUID b = run(newFlow(), "");
        String logs = q("[{'name': 'app', 'level': 20, 'message': 'second', 'timestamp': '2026-06-01T10:00:01Z', 'flow_run_id': '" + a + "'},"
                + "{'name': 'app', 'level': 40, 'message': 'first', 'timestamp': '2026-06-01T10:00:00Z', 'flow_run_id': '" + a + "'},"
                + "{'name': 'app', 'level': 20, 'message': 'other', 'timestamp': '2026-06-01T10:00:00Z', 'flow_run_id': '" + b + "'}]");
        Answer created = http.post("/logs/", logs);
        assertEquals(201, created.status(), created::toString);
        Answer f = http.post("/logs/filter", q("{'logs': {'flow_run_id': {'any_': ['" + a + "']}}, 'limit': 10, 'offset': 0}"));
        assertEquals(200, f.status(), f::toString);
        assertEquals(2, f.json().size());
        assertEquals("first", f.json().get(0).get("message").asText());
        assertEquals(40, f.json().get(0).get("level").asInt());
        assertEquals("2026-06-01T10:00:00Z", f.json().get(0).get("timestamp").asText());
        assertEquals(a.toString(), f.json().get(0).get("flow_run_id").asText());
        assertEquals("2", http.post("/logs/count", q("{'logs': {'flow_run_id': {'any_': ['" + a + "']}}}")).text());
        assertEquals("0", http.post("/logs/count", q("{'logs': {'flow_run_id': {'any_': []}}}")).text());
    }

    @Test
    void logsMustBeAListOfValidLogs() {
        assertInvalid(http.post("/logs", q("{'name': 'x'}")), "list_type", "body");
        Answer badTime = http.post("/logs", q("[{'name': 'app', 'level': 20, 'message': 'm', 'timestamp': 'yesterday'}]"));
        assertEquals(422, badTime.status(), badTime::toString);
        JsonNode problem = badTime.json().get("exception_detail").get(0);
        assertEquals(HttpJson.parse(q("['body', 0, 'timestamp']")), problem.get("loc"));
        assertTrue(problem.get("type").asText().startsWith("datetime"), problem::toString);
        assertInvalid(http.post("/logs", q("[{'name': 'app', 'level': 20, 'message': 'm'}]")), "missing", "body", 0, "timestamp");
        assertInvalid(http.post("/logs/filter", q("{'logs': {'level': {}}}")), "extra_forbidden", "body", "logs", "level");
    }

    // ------------------------------------------------------------------------------------------- errors

    @Test
    void malformedJsonIs422WithTheRawTextEchoed() {
        UUID keep = run(newFlow(), "");
        Answer a = http.post("/flow_runs/bulk_delete", "{\"flow_runs\": ");
        assertEquals(422, a.status(), a::toString);
        JsonNode problem = a.json().get("exception_detail").get(0);
        assertEquals("json_invalid", problem.get("type").asText());
        assertEquals("body", problem.get("loc").get(0).asText());
        assertEquals("{\"flow_runs\": ", a.json().get("request_body").asText());
        assertTrue(exists(keep));
    }

    @Test
    void echoedRawTextIsCutTo1KiB() {
        String text = "x".repeat(5000);
        Answer a = http.post("/flow_runs/filter", text);
        assertEquals(422, a.status());
        assertEquals(1024, a.json().get("request_body").asText().length());
    }

    @Test
    void unknownFieldAtAnyDepthIs422WithTheParsedBodyEchoed() {
        UUID keep = run(newFlow(), "");
        String body = q("{'flow_runs': {'state': {'type': {'any_': ['COMPLETED'], 'bogus': 1}}}}");
        Answer a = http.post("/flow_runs/bulk_delete", body);
        assertInvalid(a, "extra_forbidden", "body", "flow_runs", "state", "type", "bogus");
        assertEquals(HttpJson.parse(body), a.json().get("request_body"));
        assertInvalid(http.post("/flow_runs/bulk_delete", q("{'flow_run': {}}")), "extra_forbidden", "body", "flow_run");
        assertTrue(exists(keep));
    }

    @Test
    void wrongTypesBadUuidsUnknownStateTypesAndBadTimesAre422() {
        UUID keep = run(newFlow(), "");
        assertInvalid(http.post("/flow_runs/bulk_delete", q("{'flow_runs': {'id': {'any_': ['nope']}}}")),
                "uuid_parsing", "body", "flow_runs", "id", "any_", 0);
        assertInvalid(http.post("/flow_runs/bulk_delete", q("{'flow_runs': {'state': {'type': {'any_': ['DONE']}}}}")),
                "enum", "body", "flow_runs", "state", "type", "any_", 0);
        assertInvalid(http.post("/flow_runs/bulk_delete", q("{'flow_runs': {'tags': {'all_': 'x'}}}")),
                "list_type", "body", "flow_runs", "tags", "all_");
        assertEquals(422, http.post("/flow_runs/bulk_delete", q("{'flow_runs': {'start_time': {'before_': '2026-13-01T00:00:00Z'}}}")).status());
        assertInvalid(http.post("/flow_runs", q("{'flow_id': '" + UUID.randomUUID() + "', 'state': {'type': 'DONE'}}")),
                "enum", "body", "state", "type");
        assertTrue(exists(keep));
    }

    @Test
    void jsonNestedDeeperThan100Is422() {
        String deep = "[".repeat(101) + "]".repeat(101);
        Answer a = http.post("/flow_runs/filter", "{\"flow_runs\": " + deep + "}");
        assertEquals(422, a.status(), a::toString);
        assertEquals("json_invalid", a.json().get("exception_detail").get(0).get("type").asText());
    }

    @Test
    void bodiesOver10MiBAre413() {
        byte[] big = new byte[Request.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertDetail(http.send("POST", "/flow_runs/filter", HttpRequest.BodyPublishers.ofByteArray(big)), 413);
        // Without Content-Length (chunked), the server counts while reading.
        assertDetail(http.send("POST", "/flow_runs/filter",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))), 413);
        byte[] fits = "{}".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, http.send("POST", "/flow_runs/filter",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(fits))).status());
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405WithAllow() {
        assertDetail(http.get("/nothing/here"), 404);
        assertEquals("POST", http.get("/flow_runs/bulk_delete").header("Allow"));
        Answer m = http.send("PUT", "/flow_runs/filter", HttpRequest.BodyPublishers.noBody());
        assertDetail(m, 405);
        assertEquals("POST", m.header("Allow"));
        Answer d = http.send("PATCH", "/flow_runs/" + UUID.randomUUID(), HttpRequest.BodyPublishers.noBody());
        assertDetail(d, 405);
        assertEquals(Set.of("GET", "DELETE"), Set.of(d.header("Allow").split(",\\s*")));
    }

    /**
     * A deadlock or lock timeout that outlasts the service's retries (3) is 503 with Retry-After, which Prefect's client
     * retries by itself; nothing was deleted. The next call, the storage well again, deletes.
     */
    @Test
    void transientStorageFailureIs503WithRetryAfterAndChangesNothing() {
        UUID run = run(newFlow(), "");
        String body = "{'flow_runs': {'id': {'any_': ['" + run + "']}}}";
        serverStorage.failNext(1 + dev.flowsweep.service.BulkDeleteService.DEFAULT_MAX_TRANSIENT_RETRIES, true);
        Answer a = http.post("/flow_runs/bulk_delete", q(body));
        assertDetail(a, 503);
        assertEquals("1", a.header("Retry-After"), a::toString);
        assertFalse(a.text().contains("Exception"), a::toString);
        assertEquals(200, http.get("/flow_runs/" + run).status(), "not deleted");

        assertEquals(List.of(run), bulkDelete(body));
    }

    /** The increment route does not retry: one deadlock is 503, and no slot was taken. */
    @Test
    void transientStorageFailureOfAnIncrementIs503AndTakesNothing() {
        String p = UUID.randomUUID().toString();
        JsonNode l = limit(p, 5, true, 1);
        serverStorage.failNext(1, true);
        Answer a = http.post("/v2/concurrency_limits/increment", q("{'names': ['" + p + "'], 'slots': 2}"));
        assertDetail(a, 503);
        assertEquals("1", a.header("Retry-After"), a::toString);
        assertEquals(1, activeSlots(l));
    }

    @ValueSource(strings = {"/flow_runs/bulk_delete", "/flow_runs/bulk_delete/"})
    @ParameterizedTest
    void storageFailureIs500WithAShortMessage(String path) {
        serverStorage.failNext();
        Answer a = http.post(path, "{}");
        assertDetail(a, 500);
        assertFalse(a.text().contains("Exception"), a::toString);
        assertFalse(a.text().contains("at dev."), a::toString);
    }
}
