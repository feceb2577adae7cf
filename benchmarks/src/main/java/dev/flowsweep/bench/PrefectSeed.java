package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Seeds a Prefect database as a Prefect server writes it, with server-side statements only ({@code INSERT … SELECT}
 * over {@code generate_series} on PostgreSQL, over a recursive series on SQLite): one flow, {@value #DEPLOYMENTS}
 * deployments each with its {@code concurrency_limit_v2} limit, and {@code runs} flow runs. Run {@code n} (1-based):
 * <ul>
 *   <li>{@code n % 10 == 0}: tagged {@code purge} (the bulk-200 target), ended an hour to 2 days ago — except every
 *       4th of them ({@code n % 40 == 0}), RUNNING: it holds a slot of its deployment's limit (the deployments go
 *       round by {@code n / 10}, so the slot holders spread over all limits); every 10th ({@code n % 100 == 50}) is a
 *       subflow of run {@code n - 10}'s first task run;</li>
 *   <li>{@code n % 10} in 1..8: old — COMPLETED (FAILED when {@code n % 7 == 0}, CANCELLED when {@code n % 13 == 0})
 *       and ended 31 to 80 days ago;</li>
 *   <li>{@code n % 10 == 9}: COMPLETED in the last 20 days.</li>
 * </ul>
 * Each run has 3 states in {@code flow_run_state} (SCHEDULED, then PENDING or RUNNING, then its own; {@code state_id}
 * points at the last), 2 task runs each with its {@code task_run_state}, {@code logsPerRun} logs (every other one of
 * a task run), and every 5th run one artifact (up to {@code artifacts}; no key, so no artifact collection). Ids are
 * deterministic ({@code <kind>-0000-4000-8000-<n>}). Foreign keys are off while loading (PostgreSQL:
 * {@code session_replication_role = replica}); the slot counts are set from the data at the end.
 */
final class PrefectSeed {
    static final int DEPLOYMENTS = 5;
    static final String TAG = "purge";
    static final int STATES_PER_RUN = 3;
    static final int TASK_RUNS_PER_RUN = 2;
    /** Old runs: {@code n % 10} in 1..8. */
    static final String OLD_RUN = "n % 10 BETWEEN 1 AND 8";
    static final int OLDER_THAN_DAYS = 30;

    private PrefectSeed() {
    }

    /** The id of entity {@code n} of a kind: 1 run, 2 task run, 3 run state, 4 task run state, 5 log, 6 artifact. */
    static UUID id(int kind, long n) {
        return UUID.fromString(String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", kind, n));
    }

    static UUID flowId() {
        return id(7, 1);
    }

    static UUID deploymentId(int d) {
        return id(8, d + 1);
    }

    static UUID limitId(int d) {
        return id(9, d + 1);
    }

    /** Seeds the template; returns the counts loaded, per table, as the database counts them. */
    static Map<String, Long> seed(PrefectDatabase db, long runs, int logsPerRun, long artifacts) throws SQLException {
        Dialect d = new Dialect(db.kind);
        try (Connection c = db.template(); Statement st = c.createStatement()) {
            if (db.kind == DbKind.POSTGRES) {
                st.execute("SET session_replication_role = replica");
                st.execute("SET search_path = public");
            }
            c.setAutoCommit(false);
            st.execute("INSERT INTO flow (id, name) VALUES (" + d.lit(flowId()) + ", 'bench-flow')");
            for (int i = 0; i < DEPLOYMENTS; i++) {
                st.execute("INSERT INTO concurrency_limit_v2 (id, active, name, \"limit\", active_slots, denied_slots, "
                        + "slot_decay_per_second, avg_slot_occupancy_seconds) VALUES (" + d.lit(limitId(i)) + ", "
                        + d.bool(true) + ", 'deployment:" + deploymentId(i) + "', 100000, 0, 0, 0, 2.0)");
                st.execute("INSERT INTO deployment (id, name, flow_id, concurrency_limit_id) VALUES ("
                        + d.lit(deploymentId(i)) + ", 'deployment-" + i + "', " + d.lit(flowId()) + ", "
                        + d.lit(limitId(i)) + ")");
            }
            String state = "CASE WHEN n % 40 = 0 THEN 'RUNNING' WHEN " + OLD_RUN + " AND n % 13 = 0 THEN 'CANCELLED'"
                    + " WHEN " + OLD_RUN + " AND n % 7 = 0 THEN 'FAILED' ELSE 'COMPLETED' END";
            // seconds before now the run ended (or, RUNNING, started)
            String ago = "CASE WHEN n % 10 = 0 THEN 3600 + (n * 37) % 172800 WHEN " + OLD_RUN
                    + " THEN 31 * 86400 + (n * 7919) % (49 * 86400) ELSE 3600 + (n * 7919) % (20 * 86400) END";
            String run = "SELECT n, " + state + " AS st, " + ago + " AS ago FROM " + d.series(runs);
            st.execute("INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_id, state_timestamp, "
                    + "tags, deployment_id, parent_task_run_id, expected_start_time, start_time, end_time, created, "
                    + "updated) SELECT " + d.uid(1, "n") + ", 'run-' || n, " + d.lit(flowId()) + ", " + d.stateType("st")
                    + ", " + d.stateName("st") + ", " + d.uid(3, "n * 3") + ", " + d.ago("ago") + ", "
                    + d.json("CASE WHEN n % 10 = 0 THEN '[\"" + TAG + "\"]' ELSE '[\"nightly\"]' END") + ", "
                    + d.deployment("(n / 10) % " + DEPLOYMENTS) + ", "
                    + "CASE WHEN n % 100 = 50 THEN " + d.uid(2, "(n - 10) * 2 - 1") + " END, "
                    + d.ago("ago + 300") + ", " + d.ago("ago + 300") + ", CASE WHEN st = 'RUNNING' THEN NULL ELSE "
                    + d.ago("ago") + " END, " + d.ago("ago + 360") + ", " + d.ago("ago") + " FROM (" + run + ") r");
            st.execute("INSERT INTO flow_run_state (id, flow_run_id, type, name, \"timestamp\", created, updated) SELECT "
                    + d.uid(3, "n * 3 - 2 + k") + ", " + d.uid(1, "n") + ", " + d.stateType("s") + ", "
                    + d.stateName("s") + ", " + d.ago("ago + 300 - k * 150") + ", " + d.ago("ago + 300 - k * 150")
                    + ", " + d.ago("ago + 300 - k * 150") + " FROM (SELECT n, k, ago, CASE WHEN k = 0 THEN 'SCHEDULED'"
                    + " WHEN k = 1 AND st = 'RUNNING' THEN 'PENDING' WHEN k = 1 THEN 'RUNNING' ELSE st END AS s FROM ("
                    + run + ") r CROSS JOIN (" + d.series0(STATES_PER_RUN) + ") ks) x");
            st.execute("INSERT INTO task_run (id, flow_run_id, name, task_key, dynamic_key, state_type, state_name, "
                    + "state_id, start_time, end_time, created, updated) SELECT " + d.uid(2, "n * 2 - 1 + k") + ", "
                    + d.uid(1, "n") + ", 'task-' || k, 'task-' || k, '0', " + d.stateType("st") + ", "
                    + d.stateName("st") + ", " + d.uid(4, "n * 2 - 1 + k") + ", " + d.ago("ago + 200") + ", "
                    + "CASE WHEN st = 'RUNNING' THEN NULL ELSE " + d.ago("ago + 10") + " END, " + d.ago("ago + 200")
                    + ", " + d.ago("ago + 10") + " FROM (" + run + ") r CROSS JOIN (" + d.series0(TASK_RUNS_PER_RUN)
                    + ") ks");
            st.execute("INSERT INTO task_run_state (id, task_run_id, type, name, \"timestamp\", created, updated) SELECT "
                    + d.uid(4, "n * 2 - 1 + k") + ", " + d.uid(2, "n * 2 - 1 + k") + ", " + d.stateType("st") + ", "
                    + d.stateName("st") + ", " + d.ago("ago + 10") + ", " + d.ago("ago + 10") + ", " + d.ago("ago + 10")
                    + " FROM (" + run + ") r CROSS JOIN (" + d.series0(TASK_RUNS_PER_RUN) + ") ks");
            if (logsPerRun > 0) {
                st.execute("INSERT INTO log (id, name, level, flow_run_id, task_run_id, message, \"timestamp\", created, "
                        + "updated) SELECT " + d.uid(5, "(n - 1) * " + logsPerRun + " + k + 1") + ", CASE WHEN k % 2 = 1"
                        + " THEN 'prefect.task_runs' ELSE 'prefect.flow_runs' END, 20, " + d.uid(1, "n") + ", "
                        + "CASE WHEN k % 2 = 1 THEN " + d.uid(2, "n * 2 - 1") + " END, 'log line ' || k || ' of run ' || n,"
                        + " " + d.ago("ago + 200 - k") + ", " + d.ago("ago + 200 - k") + ", " + d.ago("ago + 200 - k")
                        + " FROM (" + run + ") r CROSS JOIN (" + d.series0(logsPerRun) + ") ks");
            }
            if (artifacts > 0) {
                st.execute("INSERT INTO artifact (id, type, data, flow_run_id, task_run_id, created, updated) SELECT "
                        + d.uid(6, "n") + ", 'result', " + d.json("'{\"rows\": 1204}'") + ", " + d.uid(1, "n") + ", "
                        + d.uid(2, "n * 2") + ", " + d.ago("ago + 20") + ", " + d.ago("ago + 20") + " FROM (" + run
                        + ") r WHERE n % 5 = 0 AND n <= " + 5 * artifacts);
            }
            st.execute("UPDATE concurrency_limit_v2 SET active_slots = (SELECT COUNT(*) FROM flow_run r JOIN deployment"
                    + " dp ON dp.id = r.deployment_id WHERE dp.concurrency_limit_id = concurrency_limit_v2.id AND "
                    + "r.state_type IN ('PENDING', 'RUNNING', 'CANCELLING'))");
            c.commit();
        }
        db.seal();
        return counts(db);
    }

    /** Rows per table in the template. */
    static Map<String, Long> counts(PrefectDatabase db) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = db.template(); Statement st = c.createStatement()) {
            if (db.kind == DbKind.POSTGRES) {
                st.execute("SET search_path = public");
            }
            for (String t : new String[] {"flow_run", "flow_run_state", "task_run", "task_run_state", "log", "artifact",
                    "deployment", "concurrency_limit_v2"}) {
                try (var rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
            try (var rs = st.executeQuery("SELECT SUM(active_slots) FROM concurrency_limit_v2")) {
                rs.next();
                out.put("active_slots", rs.getLong(1));
            }
        }
        return out;
    }

    /** The SQL that differs between the two databases. */
    private record Dialect(DbKind kind) {
        boolean pg() {
            return kind == DbKind.POSTGRES;
        }

        String series(long n) {
            return pg() ? "generate_series(CAST(1 AS bigint), " + n + ") AS s(n)"
                    : "(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < " + n
                    + ") SELECT n FROM s) s";
        }

        /** 0 .. n-1 as column {@code k}. */
        String series0(int n) {
            return pg() ? "SELECT generate_series(0, " + (n - 1) + ") AS k"
                    : "WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < " + (n - 1)
                    + ") SELECT k FROM s";
        }

        String uid(int entity, String n) {
            return pg() ? "CAST('" + String.format(Locale.ROOT, "%08x", entity) + "-0000-4000-8000-' || lpad(to_hex("
                    + n + "), 12, '0') AS uuid)"
                    : "printf('%08x-0000-4000-8000-%012x', " + entity + ", " + n + ")";
        }

        String lit(UUID id) {
            return pg() ? "CAST('" + id + "' AS uuid)" : "'" + id + "'";
        }

        String bool(boolean b) {
            return pg() ? String.valueOf(b) : b ? "1" : "0";
        }

        String json(String text) {
            return pg() ? "CAST(" + text + " AS jsonb)" : text;
        }

        String stateType(String col) {
            return pg() ? "CAST(" + col + " AS state_type)" : col;
        }

        String stateName(String col) {
            return "upper(substr(" + col + ", 1, 1)) || lower(substr(" + col + ", 2))";
        }

        String deployment(String index) {
            return uid(8, index + " + 1");
        }

        /** The moment {@code seconds} seconds before now, as Prefect stores a timestamp. */
        String ago(String seconds) {
            return pg() ? "now() - make_interval(secs => " + seconds + ")"
                    : "strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (" + seconds + ") || ' seconds') || '000'";
        }
    }
}
