package dev.flowsweep.examples.server.body;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson2.FlowsweepJson;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.flowsweep.json.JsonProblem.ENUM;
import static dev.flowsweep.json.JsonProblem.EXTRA_FORBIDDEN;
import static dev.flowsweep.json.JsonProblem.GREATER_THAN_EQUAL;
import static dev.flowsweep.json.JsonProblem.INT_TYPE;
import static dev.flowsweep.json.JsonProblem.LESS_THAN_EQUAL;
import static dev.flowsweep.json.JsonProblem.MISSING;
import static dev.flowsweep.json.JsonProblem.VALUE_ERROR;
import static dev.flowsweep.examples.server.body.JsonTestSupport.ID_1;
import static dev.flowsweep.examples.server.body.JsonTestSupport.JSON;
import static dev.flowsweep.examples.server.body.JsonTestSupport.assertMessageContains;
import static dev.flowsweep.examples.server.body.JsonTestSupport.assertOnlyProblem;
import static dev.flowsweep.examples.server.body.JsonTestSupport.failure;
import static dev.flowsweep.examples.server.body.JsonTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bodies of the example server's read routes. */
class QueryBodiesTest {

    @Test
    void flowRunQueryDefaults() throws Exception {
        assertEquals(new FlowRunQuery(null, 200, 0, FlowRunSort.ID_DESC), read("{}", FlowRunQuery.class));
        assertEquals(new FlowRunQuery(null, 200, 0, FlowRunSort.ID_DESC),
                read("{'flow_runs': null, 'limit': null, 'offset': null, 'sort': null}", FlowRunQuery.class));
    }

    @Test
    void flowRunQueryAsPrefectsClientSendsIt() throws Exception {
        FlowRunQuery q = read("""
                {'flows': null, 'flow_runs': {'tags': {'all_': ['db']}}, 'task_runs': null, 'deployments': null,
                 'work_pools': null, 'work_pool_queues': null, 'sort': 'START_TIME_DESC', 'limit': 0, 'offset': 40}""",
                FlowRunQuery.class);
        assertEquals(new FlowRunQuery(FlowRunFilter.builder().tagsAll("db").build(), 0, 40, FlowRunSort.START_TIME_DESC), q);
        assertEquals(q, JSON.read(JSON.writeString(q), FlowRunQuery.class));
    }

    @Test
    void flowRunQueryBounds() {
        assertOnlyProblem(failure("{'limit': 201}", FlowRunQuery.class), LESS_THAN_EQUAL, "limit");
        assertOnlyProblem(failure("{'limit': -1}", FlowRunQuery.class), GREATER_THAN_EQUAL, "limit");
        assertOnlyProblem(failure("{'limit': 20.0}", FlowRunQuery.class), INT_TYPE, "limit");
        assertOnlyProblem(failure("{'offset': -1}", FlowRunQuery.class), GREATER_THAN_EQUAL, "offset");
        assertOnlyProblem(failure("{'sort': 'NAME'}", FlowRunQuery.class), ENUM, "sort");
        assertOnlyProblem(failure("{'actor': 'me'}", FlowRunQuery.class), EXTRA_FORBIDDEN, "actor");
    }

    @Test
    void otherFiltersAreRefusedUnlessNull() {
        JsonProblem p = assertOnlyProblem(failure("{'flows': {'name': {'any_': ['etl']}}}", FlowRunQuery.class),
                VALUE_ERROR, "flows");
        assertMessageContains(p, "flows", "not supported");
        assertOnlyProblem(failure("{'work_pools': {}}", FlowRunCountQuery.class), VALUE_ERROR, "work_pools");
    }

    @Test
    void countQuery() throws Exception {
        assertEquals(new FlowRunCountQuery(null), read("{'task_runs': null}", FlowRunCountQuery.class));
        FlowRunCountQuery q = read("{'flow_runs': {'name': {'like_': 'etl'}}}", FlowRunCountQuery.class);
        assertEquals(new FlowRunCountQuery(FlowRunFilter.builder().nameLike("etl").build()), q);
        assertEquals(q, JSON.read(JSON.writeString(q), FlowRunCountQuery.class));
        assertOnlyProblem(failure("{'limit': 5}", FlowRunCountQuery.class), EXTRA_FORBIDDEN, "limit");
    }

    @Test
    void logQueries() throws Exception {
        UUID run = UUID.fromString(ID_1);
        assertEquals(new LogQuery(null, 200, 0), read("{}", LogQuery.class));
        assertEquals(new LogQuery(null, 200, 0), read("{'logs': {'flow_run_id': {}}}", LogQuery.class));
        LogQuery q = read("{'logs': {'flow_run_id': {'any_': ['" + ID_1 + "']}}, 'limit': 10, 'offset': 5}", LogQuery.class);
        assertEquals(new LogQuery(List.of(run), 10, 5), q);
        assertEquals(q, JSON.read(JSON.writeString(q), LogQuery.class));
        assertEquals(new LogCountQuery(List.of()), read("{'logs': {'flow_run_id': {'any_': []}}}", LogCountQuery.class));
        assertEquals(new LogCountQuery(null), read("{'logs': null}", LogCountQuery.class));
        assertOnlyProblem(failure("{'logs': {'level': {'ge_': 20}}}", LogQuery.class), EXTRA_FORBIDDEN, "logs", "level");
        assertOnlyProblem(failure("{'logs': {'flow_run_id': {'not_any_': []}}}", LogCountQuery.class),
                EXTRA_FORBIDDEN, "logs", "flow_run_id", "not_any_");
    }

    @Test
    void increment() throws Exception {
        ConcurrencyIncrement c = read("{'names': ['deployment:x', 'db'], 'slots': 1}", ConcurrencyIncrement.class);
        assertEquals(new ConcurrencyIncrement(List.of("deployment:x", "db"), 1), c);
        assertEquals(c, JSON.read(JSON.writeString(c), ConcurrencyIncrement.class));
        assertOnlyProblem(failure("{'names': ['a'], 'slots': 0}", ConcurrencyIncrement.class), GREATER_THAN_EQUAL, "slots");
        assertOnlyProblem(failure("{'slots': 1}", ConcurrencyIncrement.class), MISSING, "names");
        assertOnlyProblem(failure("{'names': ['a'], 'slots': 1, 'mode': 'concurrency'}", ConcurrencyIncrement.class),
                EXTRA_FORBIDDEN, "mode");
    }
}
