package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static dev.flowsweep.bench.BenchDatabase.DEPLOYMENT;
import static dev.flowsweep.bench.BenchDatabase.FLOW;
import static dev.flowsweep.bench.BenchDatabase.LIMIT;
import static dev.flowsweep.bench.BenchDatabase.LOG;
import static dev.flowsweep.bench.BenchDatabase.RUN;
import static dev.flowsweep.bench.BenchDatabase.TAG;
import static dev.flowsweep.bench.BenchDatabase.TASK_RUN;

/**
 * Loads a {@link DataSpec} into the library's schema with plain JDBC: multi-row INSERTs of hundreds of rows,
 * prepared once and reused, committed every few thousand rows. Ids are random (seeded), so the id order the
 * deletes follow is unrelated to the load order. Run once the schema exists (JdbcStorage created it).
 */
final class Loader {
    static final String KEEP_TAG = "keep";
    private static final Object NULL_UUID = new Object();
    private static final Object NULL_TEXT = new Object();
    private static final Object NULL_TIME = new Object();
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private final BenchDatabase db;
    private final Progress progress;
    private final Random random = new Random(42);

    Loader(BenchDatabase db, Progress progress) {
        this.db = db;
        this.progress = progress;
    }

    /** Loads and analyzes; returns what was loaded, counted in the database afterwards ({@link #count}). */
    java.util.Map<String, Long> load(DataSpec spec) throws SQLException {
        long start = System.nanoTime();
        long rows = 0;
        int totalRuns = spec.totalRuns();
        // group index per run (-1 = background), shuffled so that groups are spread over the id order
        int[] groupOf = new int[totalRuns];
        int k = 0;
        for (int g = 0; g < spec.groups().size(); g++) {
            for (int i = 0; i < spec.groups().get(g).runs(); i++) {
                groupOf[k++] = g;
            }
        }
        while (k < totalRuns) {
            groupOf[k++] = -1;
        }
        for (int i = totalRuns - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = groupOf[i];
            groupOf[i] = groupOf[j];
            groupOf[j] = t;
        }
        UUID flowId = uuid();
        UUID[] deployments = new UUID[DataSpec.DEPLOYMENTS];
        UUID[] limits = new UUID[DataSpec.DEPLOYMENTS];
        int[] holders = new int[DataSpec.DEPLOYMENTS];
        for (int i = 0; i < totalRuns; i++) {
            if (DataSpec.holdsSlot(i)) {
                holders[i % DataSpec.DEPLOYMENTS]++;
            }
        }
        java.util.ArrayDeque<UUID> subflowParents = new java.util.ArrayDeque<>();
        int parentsSeen = 0;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Inserter flows = new Inserter(c, FLOW, "id, name", 1)) {
                flows.row(flowId, "bench-flow");
            }
            try (Inserter lim = new Inserter(c, LIMIT, "id, name, slot_limit, active, active_slots", 10);
                 Inserter dep = new Inserter(c, DEPLOYMENT, "id, name, flow_id, concurrency_limit_id", 10)) {
                for (int d = 0; d < deployments.length; d++) {
                    deployments[d] = uuid();
                    limits[d] = uuid();
                    lim.row(limits[d], "bench-limit-" + d, holders[d] + 1000, Boolean.TRUE, holders[d]);
                }
                lim.flush();
                for (int d = 0; d < deployments.length; d++) {
                    dep.row(deployments[d], "bench-deployment-" + d, flowId, limits[d]);
                }
            }
            c.commit();
            try (Inserter runs = new Inserter(c, RUN, "id, name, name_lower, flow_id, state_type, state_name, "
                    + "deployment_id, work_queue_name, flow_version, start_time, end_time, expected_start_time, "
                    + "next_scheduled_start_time, effective_start_time, parent_task_run_id, idempotency_key, "
                    + "created_by_set, created_by_id, created_by_type, created_by_display_value, created, updated", 500);
                 Inserter tags = new Inserter(c, TAG, "flow_run_id, tag_order, tag", 2000);
                 Inserter tasks = new Inserter(c, TASK_RUN, "id, flow_run_id, task_key, dynamic_key, name, state_type, "
                         + "state_name", 1000);
                 Inserter logs = new Inserter(c, LOG, "id, name, log_level, message, log_timestamp, flow_run_id, "
                         + "task_run_id", 1000)) {
                long lastReport = System.nanoTime();
                for (int i = 0; i < totalRuns; i++) {
                    UUID id = uuid();
                    DataSpec.Group group = groupOf[i] < 0 ? null : spec.groups().get(groupOf[i]);
                    int d = i % DataSpec.DEPLOYMENTS;
                    String state = DataSpec.state(i);
                    String stateName = state.charAt(0) + state.substring(1).toLowerCase(java.util.Locale.ROOT);
                    Object parentTask = group == null && !subflowParents.isEmpty() ? subflowParents.poll() : NULL_UUID;
                    Instant expected = BASE.plusSeconds(i);
                    Instant started = expected.plusSeconds(1);
                    String name = "run-" + i;
                    runs.row(id, name, name, flowId, state, stateName, deployments[d], "default", "1", started,
                            state.equals("COMPLETED") ? started.plusSeconds(30) : NULL_TIME, expected, NULL_TIME,
                            started, parentTask, NULL_TEXT, Boolean.FALSE, NULL_UUID, NULL_TEXT, NULL_TEXT, expected,
                            expected);
                    tags.row(id, 0, "bench");
                    tags.row(id, 1, group == null ? KEEP_TAG : group.tag());
                    int taskRuns = group == null ? 0 : group.taskRunsPerRun();
                    UUID firstTask = null;
                    for (int t = 0; t < taskRuns; t++) {
                        UUID taskId = uuid();
                        firstTask = firstTask == null ? taskId : firstTask;
                        tasks.row(taskId, id, "task-" + t, "0", "task-" + t, "COMPLETED", "Completed");
                    }
                    if (firstTask != null && spec.subflowEvery() > 0 && parentsSeen++ % spec.subflowEvery() == 0) {
                        subflowParents.add(firstTask);
                    }
                    int logCount = group == null ? spec.backgroundLogsPerRun() : group.logsPerRun();
                    for (int l = 0; l < logCount; l++) {
                        logs.row(uuid(), "bench.logger", 20, "log line " + l + " of " + name,
                                started.plusMillis(l), id, firstTask == null ? NULL_UUID : firstTask);
                    }
                    // parents before children (foreign keys): runs, then their tags, task runs and logs
                    if (runs.pendingRows() >= 1000 || logs.pendingRows() >= 20_000 || i == totalRuns - 1) {
                        runs.flush();
                        tags.flush();
                        tasks.flush();
                        logs.flush();
                        c.commit();
                    }
                    if (System.nanoTime() - lastReport > 5_000_000_000L) {
                        lastReport = System.nanoTime();
                        progress.line(String.format(java.util.Locale.ROOT, "loading: %,d of %,d runs (%.0f s)", i + 1,
                                totalRuns, (System.nanoTime() - start) / 1e9));
                    }
                }
                rows = runs.rows + tags.rows + tasks.rows + logs.rows;
            }
            c.commit();
        }
        db.analyze();
        java.util.Map<String, Long> sizes = count(db, spec);
        progress.line(String.format(java.util.Locale.ROOT, "loaded %,d runs, %,d task runs, %,d logs, %,d subflows "
                        + "(%,d rows written) in %.1f s", sizes.get("runs"), sizes.get("task_runs"), sizes.get("logs"),
                sizes.get("subflows"), rows, (System.nanoTime() - start) / 1e9));
        return sizes;
    }

    /**
     * What is in the database, counted there: runs, tags, task runs, logs, subflow runs, slot holders, limits and the
     * limits that have holders, and the runs carrying each group's tag ({@code tagged:<tag>}).
     */
    static java.util.Map<String, Long> count(BenchDatabase db, DataSpec spec) throws SQLException {
        java.util.Map<String, Long> sizes = new java.util.LinkedHashMap<>();
        sizes.put("runs", db.count("SELECT COUNT(*) FROM " + RUN));
        sizes.put("tags", db.count("SELECT COUNT(*) FROM " + TAG));
        sizes.put("task_runs", db.count("SELECT COUNT(*) FROM " + TASK_RUN));
        sizes.put("logs", db.count("SELECT COUNT(*) FROM " + LOG));
        sizes.put("subflows", db.count("SELECT COUNT(*) FROM " + RUN + " WHERE parent_task_run_id IS NOT NULL"));
        String holders = " FROM " + RUN + " r JOIN " + DEPLOYMENT + " d ON d.id = r.deployment_id"
                + " WHERE r.state_type IN ('PENDING', 'RUNNING', 'CANCELLING') AND d.concurrency_limit_id IS NOT NULL";
        sizes.put("slot_holders", db.count("SELECT COUNT(*)" + holders));
        sizes.put("limits", db.count("SELECT COUNT(*) FROM " + LIMIT));
        sizes.put("limits_with_holders", db.count("SELECT COUNT(DISTINCT d.concurrency_limit_id)" + holders));
        for (DataSpec.Group g : spec.groups()) {
            sizes.put("tagged:" + g.tag(), db.count("SELECT COUNT(*) FROM " + TAG + " WHERE tag = '" + g.tag() + "'"));
        }
        return sizes;
    }

    private UUID uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Multi-row INSERT with a fixed number of rows per statement, the last partial chunk prepared separately. */
    private final class Inserter implements AutoCloseable {
        private final Connection c;
        private final String table;
        private final String columns;
        private final int width;
        private final int rowsPerStatement;
        private final List<Object[]> pending = new ArrayList<>();
        private PreparedStatement full;
        long rows;

        Inserter(Connection c, String table, String columns, int rowsPerStatement) {
            this.c = c;
            this.table = table;
            this.columns = columns;
            this.width = columns.split(",").length;
            this.rowsPerStatement = rowsPerStatement;
        }

        void row(Object... values) throws SQLException {
            if (values.length != width) {
                throw new IllegalArgumentException(table + ": " + values.length + " values for " + width + " columns");
            }
            pending.add(values);
        }

        int pendingRows() {
            return pending.size();
        }

        /** Writes the pending rows: full statements (prepared once), then one for the rest. */
        void flush() throws SQLException {
            int from = 0;
            while (pending.size() - from >= rowsPerStatement) {
                if (full == null) {
                    full = c.prepareStatement(sql(rowsPerStatement));
                }
                execute(full, from, from + rowsPerStatement);
                from += rowsPerStatement;
            }
            if (from < pending.size()) {
                try (PreparedStatement ps = c.prepareStatement(sql(pending.size() - from))) {
                    execute(ps, from, pending.size());
                }
            }
            rows += pending.size();
            pending.clear();
        }

        private void execute(PreparedStatement ps, int from, int to) throws SQLException {
            int index = 1;
            for (Object[] row : pending.subList(from, to)) {
                for (Object v : row) {
                    bind(ps, index++, v);
                }
            }
            ps.executeUpdate();
        }

        private void bind(PreparedStatement ps, int index, Object v) throws SQLException {
            if (v == NULL_UUID) {
                db.setUuid(ps, index, null);
            } else if (v == NULL_TEXT) {
                ps.setNull(index, Types.VARCHAR);
            } else if (v == NULL_TIME) {
                ps.setNull(index, Types.TIMESTAMP);
            } else if (v instanceof UUID u) {
                db.setUuid(ps, index, u);
            } else if (v instanceof String s) {
                ps.setString(index, s);
            } else if (v instanceof Integer n) {
                ps.setInt(index, n);
            } else if (v instanceof Boolean b) {
                ps.setBoolean(index, b);
            } else if (v instanceof Instant t) {
                ps.setObject(index, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
            } else {
                throw new IllegalArgumentException("cannot bind " + v);
            }
        }

        private String sql(int n) {
            StringBuilder row = new StringBuilder("(");
            for (int i = 0; i < width; i++) {
                row.append(i == 0 ? "?" : ", ?");
            }
            row.append(")");
            StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columns)
                    .append(") VALUES ");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ", ").append(row);
            }
            return sb.toString();
        }

        @Override
        public void close() throws SQLException {
            flush();
            if (full != null) {
                full.close();
            }
        }
    }
}
