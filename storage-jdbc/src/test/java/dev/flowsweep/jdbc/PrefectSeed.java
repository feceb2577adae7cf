package dev.flowsweep.jdbc;

import dev.flowsweep.model.StateType;
import dev.flowsweep.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static dev.flowsweep.jdbc.SeedSql.json;
import static dev.flowsweep.jdbc.SeedSql.jsonb;

/**
 * A Prefect database filled as a Prefect server fills it (docs of the facts on Prefect's schema): flows, deployments
 * with v2 limits (one active with slots taken and denied, one inactive), a work pool and queue, runs in every state
 * with two {@code flow_run_state} rows each and {@code state_id} on the last, task runs with {@code task_run_state},
 * subflows, {@code flow_run_input}, artifacts and their collections, logs, and rows of tables Flowsweep must leave
 * alone (a schedule, a variable, events, a v1 limit, the task-run state cache). Plain SQL, none of it through
 * Flowsweep. The runs: {@link #doomed} (tag {@code doomed}, for a bulk delete), {@link #drained} (tag {@code drain}),
 * {@link #old} (finished 60 days before {@link #NOW}, for a retention policy) and {@link #kept}.
 */
final class PrefectSeed {
    /** The services' clock. */
    static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant T = NOW.minus(Duration.ofHours(3));

    final UUID flow = UUID.randomUUID();
    final UUID otherFlow = UUID.randomUUID();
    final UUID pool = UUID.randomUUID();
    final UUID queue = UUID.randomUUID();
    final UUID activeLimit = UUID.randomUUID();
    final UUID inactiveLimit = UUID.randomUUID();
    final UUID limited = UUID.randomUUID();
    final UUID inactive = UUID.randomUUID();
    final UUID unlimited = UUID.randomUUID();
    /** Runs and their task runs, by role. */
    final List<UUID> doomed = new ArrayList<>();
    final List<UUID> drained = new ArrayList<>();
    final List<UUID> old = new ArrayList<>();
    final List<UUID> kept = new ArrayList<>();
    final Map<UUID, List<UUID>> tasksOf = new LinkedHashMap<>();
    /** A kept run whose parent is a task run of a doomed run: its parent becomes null. */
    UUID orphanedSubflow;
    /** The artifact the collection {@code report} must point at afterwards. */
    UUID reportFallback;
    /** How many doomed runs hold a slot of the active limit (PENDING, RUNNING or CANCELLING on its deployment). */
    int slotHolders;
    /** The active limit's slots before. */
    static final int ACTIVE_SLOTS = 5;

    private final SeedSql sql;
    private int sequence;

    private PrefectSeed(SeedSql sql) {
        this.sql = sql;
    }

    /** Fills {@code db} and says what is where. */
    static PrefectSeed fill(TestDatabase db) throws SQLException {
        PrefectSeed s = new PrefectSeed(new SeedSql(db));
        try (Connection c = db.dataSource().getConnection()) {
            s.fill(c);
        }
        return s;
    }

    private void fill(Connection c) throws SQLException {
        sql.insert(c, "work_pool", row("id", pool, "created", T, "updated", T, "name", "default-pool", "type", "process",
                "base_job_template", jsonb("{}"), "is_paused", false, "status", new SeedSql.Enum("work_pool_status",
                        "NOT_READY"), "storage_configuration", jsonb("{\"bundle_upload_step\": null, "
                        + "\"bundle_execution_step\": null, \"default_result_storage_block_id\": null}")));
        sql.insert(c, "work_queue", row("id", queue, "created", T, "updated", T, "name", "default", "description", "",
                "is_paused", false, "priority", 1, "work_pool_id", pool, "status",
                new SeedSql.Enum("work_queue_status", "NOT_READY")));
        sql.run(c, "UPDATE work_pool SET default_queue_id = ? WHERE id = ?", queue, pool);
        for (UUID f : List.of(flow, otherFlow)) {
            sql.insert(c, "flow", row("id", f, "created", T, "updated", T.plusNanos(4_000),
                    "name", f.equals(flow) ? "etl" : "reports", "tags", jsonb("[]")));
        }
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
        limit(c, activeLimit, limited, true, ACTIVE_SLOTS, 4, hourAgo);
        limit(c, inactiveLimit, inactive, false, 3, 0, hourAgo);
        deployment(c, limited, flow, "nightly", activeLimit, 10);
        deployment(c, inactive, flow, "hourly", inactiveLimit, 3);
        deployment(c, unlimited, otherFlow, "adhoc", null, null);
        sql.insert(c, "deployment_schedule", row("id", UUID.randomUUID(), "created", T, "updated", T, "schedule",
                jsonb("{\"cron\": \"0 3 * * *\", \"timezone\": \"UTC\", \"day_or\": true}"), "active", true,
                "deployment_id", limited, "parameters", jsonb("{}"), "slug", "nightly"));

        UUID k1 = run(c, kept, "kept", StateType.RUNNING, limited, null, T);
        UUID dRunning = run(c, doomed, "doomed", StateType.RUNNING, limited, null, T);
        run(c, doomed, "doomed", StateType.PENDING, limited, null, T);
        run(c, doomed, "doomed", StateType.CANCELLING, limited, null, T);
        UUID dCompleted = run(c, doomed, "doomed", StateType.COMPLETED, limited, null, T);
        run(c, doomed, "doomed", StateType.RUNNING, inactive, null, T);
        run(c, doomed, "doomed", StateType.RUNNING, null, null, T);
        run(c, doomed, "doomed", StateType.FAILED, null, tasksOf.get(k1).get(0), T);
        slotHolders = 3;
        orphanedSubflow = run(c, kept, "kept", StateType.COMPLETED, null, tasksOf.get(dRunning).get(1), T);
        run(c, drained, "drain", StateType.SCHEDULED, unlimited, null, T);
        run(c, drained, "drain", StateType.PAUSED, unlimited, null, T);
        UUID crashed = run(c, drained, "drain", StateType.CRASHED, unlimited, null, T);
        Instant longAgo = NOW.minus(Duration.ofDays(60));
        run(c, old, "old", StateType.COMPLETED, unlimited, null, longAgo);
        run(c, old, "old", StateType.CANCELLED, null, null, longAgo);
        run(c, kept, "old", StateType.COMPLETED, null, tasksOf.get(k1).get(1), longAgo);   // a subflow: not top-level
        UUID k3 = run(c, kept, "kept", StateType.COMPLETED, unlimited, null, T);

        reportFallback = artifact(c, "report", k1, tasksOf.get(k1).get(0), T.minusSeconds(7200));
        UUID newest = artifact(c, "report", dRunning, tasksOf.get(dRunning).get(0), T.minusSeconds(3600));
        collection(c, "report", newest, dRunning);
        collection(c, "summary", artifact(c, "summary", doomed.get(1), null, T), doomed.get(1));
        UUID result = artifact(c, null, dCompleted, null, T);
        sql.run(c, "UPDATE flow_run_state SET result_artifact_id = ? WHERE flow_run_id = ? AND type = "
                + (sql.postgres ? "CAST(? AS state_type)" : "?"), result, dCompleted, "COMPLETED");
        collection(c, "kept-report", artifact(c, "kept-report", k3, null, T), k3);
        collection(c, "drained", artifact(c, "drained", crashed, null, T), crashed);

        UUID doomedState = UUID.fromString(SeedSql.column(c, "SELECT id FROM task_run_state WHERE task_run_id = '"
                + tasksOf.get(dRunning).get(0) + "' ORDER BY \"timestamp\" DESC").get(0));
        UUID keptState = UUID.fromString(SeedSql.column(c, "SELECT id FROM task_run_state WHERE task_run_id = '"
                + tasksOf.get(k1).get(0) + "' ORDER BY \"timestamp\" DESC").get(0));
        for (UUID s : List.of(doomedState, keptState)) {
            sql.insert(c, "task_run_state_cache", row("id", UUID.randomUUID(), "created", T, "updated", T,
                    "cache_key", "key-" + s, "cache_expiration", null, "task_run_state_id", s));
        }
        unrelated(c, dRunning);
    }

    private void limit(Connection c, UUID id, UUID deployment, boolean active, int slots, int denied, Instant updated)
            throws SQLException {
        sql.insert(c, "concurrency_limit_v2", row("id", id, "created", updated, "updated", updated, "active", active,
                "name", "deployment:" + deployment, "\"limit\"", 10, "active_slots", slots, "denied_slots", denied,
                "slot_decay_per_second", 0.0, "avg_slot_occupancy_seconds", 2.0));
    }

    private void deployment(Connection c, UUID id, UUID flowId, String name, UUID limit, Integer legacyLimit)
            throws SQLException {
        sql.insert(c, "deployment", row("id", id, "created", T, "updated", T, "name", name, "tags", jsonb("[]"),
                "parameters", jsonb("{}"), "flow_id", flowId, "infra_overrides", jsonb("{}"),
                "parameter_openapi_schema", jsonb("{\"type\": \"object\", \"properties\": {}}"),
                "enforce_parameter_schema", true, "paused", false, "status", new SeedSql.Enum("deployment_status",
                        "NOT_READY"), "work_queue_name", "default", "work_queue_id", queue,
                "concurrency_limit", legacyLimit, "concurrency_limit_id", limit,
                "labels", jsonb("{\"prefect.flow.id\": \"" + flowId + "\"}")));
    }

    /**
     * A run as {@code POST /flow_runs/} and its orchestration write it: the row, a SCHEDULED state then the final one
     * (unique timestamps), {@code state_id} and the denormalised columns, two task runs with two states each, an
     * input, three logs.
     */
    private UUID run(Connection c, List<UUID> role, String tag, StateType type, UUID deployment, UUID parentTask,
                     Instant at) throws SQLException {
        UUID id = UUID.randomUUID();
        role.add(id);
        int n = ++sequence;
        Instant scheduled = at.minusSeconds(600);
        boolean started = type != StateType.SCHEDULED && type != StateType.PENDING && type != StateType.PAUSED;
        boolean ended = type.isTerminal();
        String labels = "{\"prefect.flow.id\": \"" + (deployment != null && deployment.equals(unlimited) ? otherFlow
                : flow) + "\"" + (deployment == null ? "" : ", \"prefect.deployment.id\": \"" + deployment + "\"") + "}";
        sql.insert(c, "flow_run", row("id", id, "created", at.minusSeconds(900), "updated", at,
                "name", "run-" + n, "run_count", started ? 1 : 0, "total_run_time", sql.zeroRunTime(),
                "flow_version", "1.0", "parameters", jsonb("{\"x\": " + n + "}"), "context", jsonb("{}"),
                "empirical_policy", jsonb("{\"max_retries\": 0, \"retry_delay_seconds\": 0.0, \"retries\": null, "
                        + "\"retry_delay\": null, \"pause_keys\": [], \"resuming\": false, \"retry_type\": null}"),
                "tags", jsonb("[\"" + tag + "\", \"team-\\u00e9\"]"), "auto_scheduled", false,
                "flow_id", deployment != null && deployment.equals(unlimited) ? otherFlow : flow,
                "deployment_id", deployment, "parent_task_run_id", parentTask, "work_queue_name", "default",
                "work_queue_id", queue, "created_by", null, "job_variables", jsonb("{}"), "labels", jsonb(labels),
                "expected_start_time", scheduled, "start_time", started ? at.minusSeconds(60) : null,
                "end_time", ended ? at : null));
        UUID first = state(c, "flow_run_state", "flow_run_id", id, id, null, StateType.SCHEDULED, scheduled.minusSeconds(5),
                scheduled);
        UUID last = state(c, "flow_run_state", "flow_run_id", id, id, null, type, at, null);
        sql.run(c, "UPDATE flow_run SET state_id = ?, state_type = " + (sql.postgres ? "CAST(? AS state_type)" : "?")
                + ", state_name = ?, state_timestamp = ? WHERE id = ?", last, type.name(), type.defaultName(), at, id);
        List<UUID> tasks = new ArrayList<>();
        for (String key : List.of("extract", "load")) {
            UUID t = UUID.randomUUID();
            tasks.add(t);
            sql.insert(c, "task_run", row("id", t, "created", at.minusSeconds(300), "updated", at, "name",
                    key + "-" + n, "run_count", 1, "total_run_time", sql.zeroRunTime(), "task_key", "etl." + key,
                    "dynamic_key", "0", "empirical_policy", jsonb("{\"max_retries\": 0, \"retry_delay_seconds\": 0.0, "
                            + "\"retries\": null, \"retry_delay\": null, \"retry_jitter_factor\": null}"),
                    "task_inputs", jsonb("{}"), "tags", jsonb("[]"), "flow_run_id", id, "flow_run_run_count", 1,
                    "labels", jsonb("{\"prefect.flow-run.id\": \"" + id + "\"}"), "start_time", at.minusSeconds(200)));
            state(c, "task_run_state", "task_run_id", t, id, t, StateType.PENDING, at.minusSeconds(250), null);
            UUID done = state(c, "task_run_state", "task_run_id", t, id, t, StateType.COMPLETED, at.minusSeconds(100),
                    null);
            sql.run(c, "UPDATE task_run SET state_id = ?, state_type = " + (sql.postgres ? "CAST(? AS state_type)"
                    : "?") + ", state_name = ?, state_timestamp = ? WHERE id = ?", done, "COMPLETED", "Completed",
                    at.minusSeconds(100), t);
        }
        tasksOf.put(id, tasks);
        sql.insert(c, "flow_run_input", row("id", UUID.randomUUID(), "created", at, "updated", at, "key", "approval",
                "value", "{\"approved\": true}", "flow_run_id", id, "sender", null));
        for (int i = 0; i < 3; i++) {
            sql.insert(c, "log", row("id", UUID.randomUUID(), "created", at, "updated", at, "name", "prefect.flow_runs",
                    "level", 20, "flow_run_id", id, "task_run_id", i == 2 ? tasks.get(0) : null,
                    "message", "line " + i + " of run " + n, "\"timestamp\"", at.plusSeconds(i)));
        }
        return id;
    }

    private UUID state(Connection c, String table, String runColumn, UUID runId, UUID flowRunId, UUID taskRunId,
                       StateType type, Instant at, Instant scheduledTime) throws SQLException {
        UUID id = UUID.randomUUID();
        String details = "{\"flow_run_id\": \"" + flowRunId + "\", \"task_run_id\": "
                + (taskRunId == null ? "null" : "\"" + taskRunId + "\"") + ", \"child_flow_run_id\": null, "
                + "\"scheduled_time\": " + (scheduledTime == null ? "null" : "\"" + scheduledTime + "\"")
                + ", \"cache_key\": null, \"cache_expiration\": null, \"deferred\": false, \"untrackable_result\": false, "
                + "\"pause_timeout\": null, \"pause_reschedule\": false, \"pause_key\": null, \"run_input_keyset\": null, "
                + "\"refresh_cache\": null, \"retriable\": null, \"transition_id\": null, \"task_parameters_id\": null, "
                + "\"traceparent\": null, \"deployment_concurrency_lease_id\": null}";
        sql.insert(c, table, row("id", id, "created", at, "updated", at, "type", SeedSql.state(type.name()), "\"timestamp\"", at,
                "name", type.defaultName(), "message", null, "state_details", jsonb(details), "data", null,
                runColumn, runId, "result_artifact_id", null));
        return id;
    }

    private UUID artifact(Connection c, String key, UUID flowRun, UUID taskRun, Instant created) throws SQLException {
        UUID id = UUID.randomUUID();
        sql.insert(c, "artifact", row("id", id, "created", created, "updated", created, "key", key, "type", "markdown",
                "data", json("\"# " + (key == null ? "result" : key) + " " + id + "\""), "metadata_", json("null"),
                "task_run_id", taskRun, "flow_run_id", flowRun, "description", "made at " + created));
        return id;
    }

    private void collection(Connection c, String key, UUID latest, UUID flowRun) throws SQLException {
        sql.insert(c, "artifact_collection", row("id", UUID.randomUUID(), "created", T, "updated", T, "key", key,
                "latest_id", latest, "task_run_id", null, "flow_run_id", flowRun, "type", "markdown",
                "data", json("\"# " + key + " " + latest + "\""), "description", "latest of " + key, "metadata_",
                json("null")));
    }

    /** Rows of tables that reference runs without a foreign key and that Flowsweep leaves as Prefect leaves them. */
    private void unrelated(Connection c, UUID run) throws SQLException {
        sql.insert(c, "variable", row("id", UUID.randomUUID(), "created", T, "updated", T, "name", "region",
                "tags", jsonb("[]"), "value", jsonb("\"eu-west-1\"")));
        UUID event = UUID.randomUUID();
        String resource = "{\"prefect.resource.id\": \"prefect.flow-run." + run + "\"}";
        sql.insert(c, "events", row("occurred", T, "event", "prefect.flow-run.Running",
                "resource_id", "prefect.flow-run." + run, "resource", jsonb(resource), "related_resource_ids",
                jsonb("[]"), "related", jsonb("[]"), "payload", jsonb("{}"), "received", T, "recorded", T,
                "follows", null, "id", event, "created", T, "updated", T));
        sql.insert(c, "event_resources", row("occurred", T, "resource_id", "prefect.flow-run." + run,
                "resource_role", "", "resource", json(resource), "event_id", event, "id", UUID.randomUUID(),
                "created", T, "updated", T));
        sql.insert(c, "concurrency_limit", row("id", UUID.randomUUID(), "created", T, "updated", T, "tag", "database",
                "concurrency_limit", 2, "active_slots", jsonb("[\"" + tasksOf.get(run).get(0) + "\"]")));
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(((String) keysAndValues[i]).toLowerCase(Locale.ROOT), keysAndValues[i + 1]);
        }
        return m;
    }
}
