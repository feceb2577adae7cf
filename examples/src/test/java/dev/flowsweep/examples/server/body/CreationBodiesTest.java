package dev.flowsweep.examples.server.body;

import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson2.FlowsweepJson;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.json.JsonProblem.DICT_TYPE;
import static dev.flowsweep.json.JsonProblem.ENUM;
import static dev.flowsweep.json.JsonProblem.EXTRA_FORBIDDEN;
import static dev.flowsweep.json.JsonProblem.GREATER_THAN_EQUAL;
import static dev.flowsweep.json.JsonProblem.MISSING;
import static dev.flowsweep.json.JsonProblem.STRING_TYPE;
import static dev.flowsweep.json.JsonProblem.UUID_TYPE;
import static dev.flowsweep.json.JsonProblem.VALUE_ERROR;
import static dev.flowsweep.examples.server.body.JsonTestSupport.ID_1;
import static dev.flowsweep.examples.server.body.JsonTestSupport.ID_2;
import static dev.flowsweep.examples.server.body.JsonTestSupport.ID_3;
import static dev.flowsweep.examples.server.body.JsonTestSupport.JSON;
import static dev.flowsweep.examples.server.body.JsonTestSupport.assertMessageContains;
import static dev.flowsweep.examples.server.body.JsonTestSupport.assertOnlyProblem;
import static dev.flowsweep.examples.server.body.JsonTestSupport.assertProblem;
import static dev.flowsweep.examples.server.body.JsonTestSupport.failure;
import static dev.flowsweep.examples.server.body.JsonTestSupport.q;
import static dev.flowsweep.examples.server.body.JsonTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Bodies of the example server's creation routes, read with the same strictness as filters. */
class CreationBodiesTest {

    private static final UUID FLOW = UUID.fromString(ID_2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00.1234567Z"), ZoneOffset.UTC);

    @Test
    void minimalFlowRun() throws Exception {
        FlowRunCreate c = read("{'flow_id': '" + ID_2 + "'}", FlowRunCreate.class);
        assertEquals(new FlowRunCreate(null, null, FLOW, null, null, List.of(), null, null, null, null, null, null, null,
                null, null, null, null, null), c);
        FlowRun run = c.toFlowRun(CLOCK);
        assertEquals(FLOW, run.flowId());
        assertNull(run.stateType());
        assertNull(run.name());
        assertEquals(Instant.parse("2026-06-01T10:00:00.123456Z"), run.created());
        assertEquals(run.created(), run.updated());
    }

    @Test
    void flowRunAsPrefectsClientSendsIt() throws Exception {
        FlowRunCreate c = read("""
                {'id': '%s', 'name': 'crimson-fox', 'flow_id': '%s', 'state': {'type': 'PENDING'},
                 'tags': ['db'], 'deployment_id': '%s', 'work_queue_name': 'default', 'flow_version': 'abc',
                 'expected_start_time': '2026-06-01T09:00:00+00:00', 'parent_task_run_id': null,
                 'idempotency_key': 'scheduled 1', 'created_by': {'id': '%3$s', 'type': 'DEPLOYMENT', 'display_value': 'd'}}"""
                .formatted(ID_1, ID_2, ID_3), FlowRunCreate.class);
        FlowRun run = c.toFlowRun(CLOCK);
        FlowRun expected = FlowRun.builder(FLOW).id(UUID.fromString(ID_1)).name("crimson-fox")
                .state(StateType.PENDING).tags("db").deploymentId(UUID.fromString(ID_3)).workQueueName("default")
                .flowVersion("abc").expectedStartTime(Instant.parse("2026-06-01T09:00:00Z")).idempotencyKey("scheduled 1")
                .createdBy(new CreatedBy(UUID.fromString(ID_3), "DEPLOYMENT", "d")).clock(CLOCK).build();
        assertEquals(expected, run);
        assertEquals("Pending", run.stateName());
    }

    @Test
    void stateNameIsKeptWhenGiven() throws Exception {
        FlowRunCreate c = read("{'flow_id': '" + ID_2 + "', 'state': {'type': 'SCHEDULED', 'name': 'Late'}}", FlowRunCreate.class);
        assertEquals(StateType.SCHEDULED, c.stateType());
        assertEquals("Late", c.stateName());
    }

    @Test
    void flatStateFieldsAreAcceptedAndMustAgreeWithState() throws Exception {
        FlowRunCreate flat = read("{'flow_id': '" + ID_2 + "', 'state_type': 'RUNNING'}", FlowRunCreate.class);
        assertEquals("Running", flat.stateName());
        FlowRunCreate both = read("{'flow_id': '" + ID_2 + "', 'state_type': 'RUNNING', 'state_name': 'Running',"
                + " 'state': {'type': 'RUNNING'}}", FlowRunCreate.class);
        assertEquals(flat, both);

        JsonProblem p = assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'state_type': 'FAILED', 'state': {'type': 'RUNNING'}}",
                FlowRunCreate.class), VALUE_ERROR, "state_type");
        assertMessageContains(p, "\"FAILED\"", "\"RUNNING\"");
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'state_name': 'Late', 'state': {'type': 'SCHEDULED'}}",
                FlowRunCreate.class), VALUE_ERROR, "state_name");
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'state_name': 'Late'}", FlowRunCreate.class),
                VALUE_ERROR, "state_name");
    }

    @Test
    void flowRunBodyStrictness() {
        assertOnlyProblem(failure("{'name': 'x'}", FlowRunCreate.class), MISSING, "flow_id");
        assertOnlyProblem(failure("{'flow_id': null}", FlowRunCreate.class), UUID_TYPE, "flow_id");
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'state': {'name': 'Late'}}", FlowRunCreate.class),
                MISSING, "state", "type");
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'state': {'type': 'PENDING', 'message': 'hi'}}",
                FlowRunCreate.class), EXTRA_FORBIDDEN, "state", "message");
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'state': 'PENDING'}", FlowRunCreate.class), DICT_TYPE, "state");
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'parameters': {}}", FlowRunCreate.class),
                EXTRA_FORBIDDEN, "parameters");
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'tags': ['a', null]}", FlowRunCreate.class),
                STRING_TYPE, "tags", 1);
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'state_type': 'Pending'}", FlowRunCreate.class),
                ENUM, "state_type");
    }

    @Test
    void flowRunCreateRoundTrips() throws Exception {
        FlowRunCreate c = new FlowRunCreate(UUID.fromString(ID_1), "n", FLOW, StateType.CANCELLING, null, List.of("t"),
                null, "q", null, Instant.parse("2026-06-01T10:00:00.5Z"), null, null, null, UUID.fromString(ID_3), null,
                new CreatedBy(null, "USER", null), Instant.parse("2026-01-01T00:00:00Z"), null);
        String json = JSON.writeString(c);
        assertEquals(c, JSON.read(json, FlowRunCreate.class));
        assertEquals(q("{'flow_id':'" + ID_2 + "','tags':[]}"),
                JSON.writeString(new FlowRunCreate(null, null, FLOW, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null)));
    }

    @Test
    void taskRun() throws Exception {
        TaskRunCreate c = read("{'flow_run_id': '" + ID_1 + "', 'task_key': 'extract', 'dynamic_key': '0',"
                + " 'state': {'type': 'COMPLETED'}}", TaskRunCreate.class);
        assertEquals(new TaskRunCreate(null, UUID.fromString(ID_1), "extract", "0", null, StateType.COMPLETED, "Completed"), c);
        TaskRun t = c.toTaskRun();
        assertEquals("Completed", t.stateName());
        assertEquals(c, JSON.read(JSON.writeString(c), TaskRunCreate.class));

        // one problem per input: the first (task_key is a number; flow_run_id and dynamic_key are missing too)
        assertOnlyProblem(failure("{'task_key': 7}", TaskRunCreate.class), STRING_TYPE, "task_key");
        assertOnlyProblem(failure("{'task_key': 'k', 'dynamic_key': '0'}", TaskRunCreate.class), MISSING, "flow_run_id");
    }

    @Test
    void logsAreAStrictList() throws Exception {
        String body = q("""
                [{'name': 'prefect.flow_runs', 'level': 20, 'message': 'hello', 'timestamp': '2026-06-01T10:00:00Z',
                  'flow_run_id': '%s'},
                 {'name': 'prefect.task_runs', 'level': 40, 'message': 'boom', 'timestamp': '2026-06-01T10:00:01.5+00:00',
                  'flow_run_id': '%s', 'task_run_id': null}]""".formatted(ID_1, ID_1));
        List<LogCreate> logs = JSON.readList(body, LogCreate.class);
        assertEquals(List.of(
                new LogCreate("prefect.flow_runs", 20, "hello", Instant.parse("2026-06-01T10:00:00Z"), UUID.fromString(ID_1), null),
                new LogCreate("prefect.task_runs", 40, "boom", Instant.parse("2026-06-01T10:00:01.5Z"), UUID.fromString(ID_1), null)),
                logs);
        assertEquals(logs, JSON.readList(JSON.writeString(logs), LogCreate.class));

        assertOnlyProblem(failure(() -> JSON.readList(q("[{'name': 'a', 'level': 1, 'message': 'm', 'timestamp': "
                + "'2026-06-01T10:00:00Z'}, null]"), LogCreate.class)), DICT_TYPE, 1);
        assertOnlyProblem(failure(() -> JSON.readList(q("[{'name': 'a', 'level': 1.5, 'message': 'm', 'timestamp': "
                + "'2026-06-01T10:00:00Z'}]"), LogCreate.class)), JsonProblem.INT_TYPE, 0, "level");
        assertOnlyProblem(failure(() -> JSON.readList(q("{'name': 'a'}"), LogCreate.class)), JsonProblem.LIST_TYPE);
        FlowsweepJson small = new FlowsweepJson(JsonOptions.defaults().withMaxListSize(1));
        String log = "{'name': 'a', 'level': 1, 'message': 'm', 'timestamp': '2026-06-01T10:00:00Z'}";
        assertEquals(1, small.readList(q("[" + log + "]"), LogCreate.class).size());
        assertOnlyProblem(failure(() -> small.readList(q("[" + log + ", " + log + "]"), LogCreate.class)), JsonProblem.TOO_LONG);
    }

    @Test
    void flowAndDeployment() throws Exception {
        assertEquals(new FlowCreate("etl"), read("{'name': 'etl'}", FlowCreate.class));
        assertOnlyProblem(failure("{}", FlowCreate.class), MISSING, "name");
        assertEquals(new DeploymentCreate("prod", FLOW, null), read("{'name': 'prod', 'flow_id': '" + ID_2 + "'}",
                DeploymentCreate.class));
        assertEquals(new DeploymentCreate("prod", FLOW, 3), read("{'name': 'prod', 'flow_id': '" + ID_2 + "',"
                + " 'concurrency_limit': 3}", DeploymentCreate.class));
        assertOnlyProblem(failure("{'name': 'prod', 'flow_id': '" + ID_2 + "', 'concurrency_limit': 0}", DeploymentCreate.class),
                GREATER_THAN_EQUAL, "concurrency_limit");
        DeploymentCreate d = new DeploymentCreate("prod", FLOW, 2);
        assertEquals(d, JSON.read(JSON.writeString(d), DeploymentCreate.class));
    }

    @Test
    void concurrencyLimit() throws Exception {
        ConcurrencyLimitCreate c = read("{'name': 'db', 'limit': 5}", ConcurrencyLimitCreate.class);
        assertEquals(new ConcurrencyLimitCreate("db", 5, true, 0), c);
        assertEquals(new ConcurrencyLimit(UUID.fromString(ID_1), "db", 5, true, 0), c.toConcurrencyLimit(UUID.fromString(ID_1)));
        assertEquals(new ConcurrencyLimitCreate("db", 0, false, 2),
                read("{'name': 'db', 'limit': 0, 'active': false, 'active_slots': 2}", ConcurrencyLimitCreate.class));
        assertOnlyProblem(failure("{'name': 'db', 'limit': -1}", ConcurrencyLimitCreate.class), GREATER_THAN_EQUAL, "limit");
        assertOnlyProblem(failure("{'name': 'db', 'limit': 1, 'active': 'yes'}", ConcurrencyLimitCreate.class),
                JsonProblem.BOOL_TYPE, "active");
        assertOnlyProblem(failure("{'name': 'db', 'limit': 1, 'denied_slots': 0}", ConcurrencyLimitCreate.class),
                EXTRA_FORBIDDEN, "denied_slots");
        assertEquals(c, JSON.read(JSON.writeString(c), ConcurrencyLimitCreate.class));
    }

    @Test
    void stringsLongerThanTheModelAllowsAreRefusedWithTheirPath() {
        String tooLong = "x".repeat(dev.flowsweep.model.Limits.MAX_NAME_LENGTH + 1);
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'name': '" + tooLong + "'}", FlowRunCreate.class),
                JsonProblem.STRING_TOO_LONG, "name");
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'tags': ['ok', '" + tooLong + "']}", FlowRunCreate.class),
                JsonProblem.STRING_TOO_LONG, "tags", 1);
        assertOnlyProblem(failure("{'flow_id': '" + ID_2 + "', 'state': {'type': 'FAILED', 'name': '" + tooLong + "'}}",
                FlowRunCreate.class), JsonProblem.STRING_TOO_LONG, "state", "name");
        assertOnlyProblem(failure("{'name': '" + tooLong + "'}", FlowCreate.class), JsonProblem.STRING_TOO_LONG, "name");
    }
}
