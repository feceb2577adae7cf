package dev.flowsweep.jdbc;

import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows as a Prefect server reads and writes them: what Flowsweep inserts has every NOT NULL column, Prefect's values
 * and JSON exactly as Prefect writes it (the stored text on SQLite, the values on PostgreSQL); what a Prefect server
 * wrote, times in any form it reads, is read by Flowsweep exactly.
 */
class PrefectRowsTest {
    private static final Instant T = Instant.parse("2026-06-01T10:00:00.123456Z");
    private final UUID flowId = UUID.fromString("0a000000-0000-4000-8000-00000000000f");
    private final UUID limitId = UUID.fromString("0b000000-0000-4000-8000-00000000000c");
    private final UUID deploymentId = UUID.fromString("0c000000-0000-4000-8000-00000000000d");
    private final UUID runId = UUID.fromString("0d000000-0000-4000-8000-0000000000a1");
    private final UUID creatorId = UUID.fromString("0e000000-0000-4000-8000-0000000000c1");

    private FlowRun insertAll(JdbcStorage storage) {
        FlowRun run = FlowRun.builder(flowId).id(runId).name("nightly-1").state(StateType.RUNNING)
                .tags("a", "\u00e9t\u00e9 \ud83d\ude00").deploymentId(deploymentId).workQueueName("default")
                .startTime(T).expectedStartTime(T.minusSeconds(60))
                .createdBy(new CreatedBy(creatorId, "DEPLOYMENT", "nightly \"run\"")).created(T).updated(T).build();
        storage.inTransaction(tx -> {
            tx.flows().insert(new Flow(flowId, "etl"));
            tx.concurrencyLimits().insert(new ConcurrencyLimit(limitId, "deployment:" + deploymentId, 7, true, 2));
            tx.deployments().insert(new Deployment(deploymentId, "nightly", flowId, limitId));
            tx.flowRuns().insert(run);
            tx.taskRuns().insert(new TaskRun(UUID.fromString("0f000000-0000-4000-8000-0000000000b1"), runId, "etl.load",
                    "0", null, StateType.COMPLETED, null));
            tx.logs().insert(List.of(new Log(UUID.randomUUID(), "prefect.flow_runs", 20, "hello", T, runId, null)));
            return null;
        });
        return run;
    }

    @Test
    void onSqliteWhatFlowsweepWritesIsTheTextAPrefectServerWrites() throws SQLException {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.PREFECT_SQLITE);
             JdbcStorage storage = PrefectTables.storage(db)) {
            insertAll(storage);
            try (Connection c = db.dataSource().getConnection()) {
                Map<String, String> run = one(c, "SELECT id, created, updated, name, state_type, state_name, "
                        + "state_timestamp, typeof(run_count) || ' ' || run_count, total_run_time, parameters, context, "
                        + "empirical_policy, tags, typeof(auto_scheduled) || ' ' || auto_scheduled, flow_id, "
                        + "deployment_id, work_queue_name, created_by, job_variables, labels, start_time, "
                        + "expected_start_time, end_time, parent_task_run_id, state_id FROM flow_run");
                assertEquals(runId.toString(), run.get("id"), "UUIDs in lower case");
                assertEquals("2026-06-01 10:00:00.123456", run.get("created"));
                assertEquals("2026-06-01 10:00:00.123456", run.get("updated"));
                assertEquals("RUNNING", run.get("state_type"));
                assertEquals("Running", run.get("state_name"));
                assertEquals("2026-06-01 10:00:00.123456", run.get("state_timestamp"));
                assertEquals("integer 0", run.get("typeof(run_count) || ' ' || run_count"));
                assertEquals("1970-01-01 00:00:00.000000", run.get("total_run_time"), "the epoch: a zero run time");
                assertEquals("{}", run.get("parameters"));
                assertEquals("{}", run.get("context"));
                assertEquals("{\"max_retries\": 0, \"retry_delay_seconds\": 0.0, \"retries\": null, \"retry_delay\": null, "
                        + "\"pause_keys\": [], \"resuming\": false, \"retry_type\": null}", run.get("empirical_policy"));
                assertEquals("[\"a\", \"\\u00e9t\\u00e9 \\ud83d\\ude00\"]", run.get("tags"));
                assertEquals("integer 0", run.get("typeof(auto_scheduled) || ' ' || auto_scheduled"));
                assertEquals("{\"id\": \"" + creatorId + "\", \"type\": \"DEPLOYMENT\", \"display_value\": "
                        + "\"nightly \\\"run\\\"\"}", run.get("created_by"));
                assertEquals("{}", run.get("job_variables"));
                assertEquals("{\"prefect.flow.id\": \"" + flowId + "\", \"prefect.deployment.id\": \"" + deploymentId
                        + "\"}", run.get("labels"));
                assertEquals("2026-06-01 10:00:00.123456", run.get("start_time"));
                assertEquals("2026-06-01 09:59:00.123456", run.get("expected_start_time"));

                Map<String, String> state = one(c, "SELECT id, type, name, \"timestamp\", message, state_details, data, "
                        + "flow_run_id, result_artifact_id FROM flow_run_state");
                assertEquals(run.get("state_id"), state.get("id"), "state_id points at the run's state");
                assertEquals("7", state.get("id").substring(14, 15), "a UUIDv7, as Prefect's states' ids");
                assertEquals("RUNNING", state.get("type"));
                assertEquals("Running", state.get("name"));
                assertEquals("2026-06-01 10:00:00.123456", state.get("timestamp"));
                assertTrue(state.get("state_details").startsWith("{\"flow_run_id\": \"" + runId + "\", \"task_run_id\": "
                        + "null, \"child_flow_run_id\": null, \"scheduled_time\": null,"), state.get("state_details"));
                assertTrue(state.get("state_details").endsWith(", \"deployment_concurrency_lease_id\": null}"));

                Map<String, String> task = one(c, "SELECT name, state_type, state_name, state_id, empirical_policy, "
                        + "task_inputs, tags, labels, total_run_time, run_count, flow_run_run_count FROM task_run");
                assertTrue(task.get("name").matches("[a-z]+-[a-z]+"), "a generated name: " + task.get("name"));
                assertEquals("COMPLETED", task.get("state_type"));
                assertEquals(null, task.get("state_name"), "as the model has it; the state row has Prefect's name");
                assertEquals("Completed", one(c, "SELECT name FROM task_run_state WHERE id = '" + task.get("state_id")
                        + "'").get("name"));
                assertEquals("{\"max_retries\": 0, \"retry_delay_seconds\": 0.0, \"retries\": null, \"retry_delay\": "
                        + "null, \"retry_jitter_factor\": null}", task.get("empirical_policy"));
                assertEquals("{}", task.get("task_inputs"));
                assertEquals("[]", task.get("tags"));
                assertEquals("{\"prefect.flow-run.id\": \"" + runId + "\"}", task.get("labels"));

                Map<String, String> limit = one(c, "SELECT active, \"limit\", active_slots, denied_slots, "
                        + "typeof(slot_decay_per_second) || ' ' || slot_decay_per_second AS decay, "
                        + "avg_slot_occupancy_seconds FROM concurrency_limit_v2");
                assertEquals(Map.of("active", "1", "limit", "7", "active_slots", "2", "denied_slots", "0",
                        "decay", "real 0.0", "avg_slot_occupancy_seconds", "2.0"), limit);
                Map<String, String> deployment = one(c, "SELECT tags, parameters, infra_overrides, "
                        + "enforce_parameter_schema, paused, status, parameter_openapi_schema, concurrency_limit, "
                        + "concurrency_limit_id FROM deployment");
                assertEquals(Map.of("tags", "[]", "parameters", "{}", "infra_overrides", "{}",
                        "enforce_parameter_schema", "1", "paused", "0", "status", "NOT_READY",
                        "parameter_openapi_schema", "{\"type\": \"object\", \"properties\": {}}",
                        "concurrency_limit", "7", "concurrency_limit_id", limitId.toString()), deployment);
                Map<String, String> log = one(c, "SELECT level, \"timestamp\", flow_run_id FROM log");
                assertEquals(Map.of("level", "20", "timestamp", "2026-06-01 10:00:00.123456", "flow_run_id",
                        runId.toString()), log);
            }
        }
    }

    @Test
    void onPostgresWhatFlowsweepWritesHasPrefectsTypesAndValues() throws SQLException {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.PREFECT_POSTGRESQL);
             JdbcStorage storage = PrefectTables.storage(db)) {
            insertAll(storage);
            try (Connection c = db.dataSource().getConnection()) {
                Map<String, String> run = one(c, "SELECT CAST(state_type AS text) AS state_type, "
                        + "total_run_time = interval '0' AS zero_time, "
                        + "tags = CAST('[\"a\", \"\\u00e9t\\u00e9 \\ud83d\\ude00\"]' AS jsonb) AS tags, "
                        + "created_by = CAST('{\"id\": \"" + creatorId + "\", \"type\": \"DEPLOYMENT\", "
                        + "\"display_value\": \"nightly \\\"run\\\"\"}' AS jsonb) AS created_by, "
                        + "jsonb_typeof(empirical_policy) || ' ' || (empirical_policy ->> 'retry_delay_seconds') AS policy, "
                        + "created = CAST('2026-06-01 10:00:00.123456+00' AS timestamptz) AS created, "
                        + "(SELECT s.id = r.state_id AND s.type = r.state_type FROM flow_run_state s WHERE s.flow_run_id = r.id) "
                        + "AS state FROM flow_run r");
                assertEquals(Map.of("state_type", "RUNNING", "zero_time", "t", "tags", "t", "created_by", "t",
                        "policy", "object 0.0", "created", "t", "state", "t"), run);
                assertEquals("0 0 2", one(c, "SELECT denied_slots || ' ' || slot_decay_per_second || ' ' || "
                        + "avg_slot_occupancy_seconds AS v FROM concurrency_limit_v2").get("v"));
                assertEquals("NOT_READY 7 true", one(c, "SELECT CAST(status AS text) || ' ' || concurrency_limit || ' ' "
                        + "|| enforce_parameter_schema AS v FROM deployment").get("v"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"PREFECT_POSTGRESQL", "PREFECT_SQLITE"})
    void aRunWrittenByPrefectIsReadExactly(DatabaseKind kind) throws SQLException {
        try (TestDatabase db = TestDatabase.open(kind);
             JdbcStorage storage = PrefectTables.storage(db)) {
            SeedSql sql = new SeedSql(db);
            UUID id = UUID.randomUUID();
            try (Connection c = db.dataSource().getConnection()) {
                sql.insert(c, "flow", map("id", flowId, "created", T, "updated", T, "name", "etl"));
                boolean sqlite = !sql.postgres;
                // On SQLite a time as a Prefect server reads it in any form: T, an offset, fewer digits.
                sql.insert(c, "flow_run", map("id", id, "created", sqlite ? "2026-06-01T12:00:00.123456+02:00" : T,
                        "updated", sqlite ? "2026-06-01 10:00:00.5" : Instant.parse("2026-06-01T10:00:00.5Z"),
                        "name", "brave-otter", "state_type", SeedSql.state("PENDING"), "state_name", "Pending",
                        "total_run_time", sql.zeroRunTime(), "parameters", SeedSql.jsonb("{}"), "context",
                        SeedSql.jsonb("{}"), "empirical_policy", SeedSql.jsonb("{}"), "tags",
                        SeedSql.jsonb("[\"x\", \"\\u00e9\"]"), "flow_id", flowId, "created_by", SeedSql.jsonb("null"),
                        "expected_start_time", T));
            }
            FlowRun expected = FlowRun.builder(flowId).id(id).name("brave-otter").state(StateType.PENDING)
                    .tags("x", "\u00e9").expectedStartTime(T).created(T).updated(Instant.parse("2026-06-01T10:00:00.5Z"))
                    .build();
            assertEquals(Optional.of(expected), storage.inTransaction(tx -> tx.flowRuns().findById(id)),
                    "a JSON null creator reads as no creator");
        }
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The only row of {@code query}, by column label. */
    private static Map<String, String> one(Connection c, String query) throws SQLException {
        Map<String, String> row = new LinkedHashMap<>();
        try (var st = c.createStatement(); var rs = st.executeQuery(query)) {
            assertTrue(rs.next(), "a row from " + query);
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
            }
            assertTrue(!rs.next(), "one row from " + query);
        }
        return row;
    }
}
