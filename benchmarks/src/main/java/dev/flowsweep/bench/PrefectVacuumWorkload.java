package dev.flowsweep.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * prefect-db-vacuum: cleaning a bloated Prefect database. A template built from Prefect's shipped schema and seeded as
 * a Prefect server writes ({@link PrefectSeed}: {@code --prefect-runs} runs — full 1,000,000 on PostgreSQL, 200,000 on
 * SQLite, quick {@value #QUICK_RUNS} — with {@value #LOGS_PER_RUN} logs, 3 states and 2 task runs each, one artifact
 * per 5 runs); 80 % of the runs ended more than 30 days ago. Each contender starts from its own copy of the template
 * and deletes everything that ended more than 30 days ago, until nothing orphaned is left:
 * <ul>
 *   <li>{@code db_vacuum}: Prefect's algorithm as written ({@link DbVacuumContender});</li>
 *   <li>{@code flowsweep}: Flowsweep's retention on Prefect's layout with its log purge ({@link RetentionContender}).</li>
 * </ul>
 * With {@code --repeats n} each runs n times, the order alternating. {@code --time-cap s} stops a contender after s
 * seconds; it is then reported as capped with the fraction of the rows it removed, and a ratio against it is a lower
 * bound, said so — never an extrapolation. {@code --cap-ratio r} runs flowsweep first and stops db_vacuum once it has
 * run r times as long as flowsweep did: a db_vacuum still unfinished then shows a ratio of at least r. Measured: time until nothing orphaned is left, rows removed per second
 * (runs, states, task runs and their states, logs, artifacts, as the database counts them before and after), batch
 * latency (median, p99, longest, first tenth against last tenth).
 */
final class PrefectVacuumWorkload {
    static final int QUICK_RUNS = 20_000;
    static final int LOGS_PER_RUN = 20;
    static final String[] TABLES = {"flow_run", "flow_run_state", "task_run", "task_run_state", "log", "artifact"};
    /** "Flat": the median of the last tenth of the batches at most this much above the first tenth's. */
    static final double FLAT = 1.5;

    private PrefectVacuumWorkload() {
    }

    static Result run(DbKind kind, Options o, Report report, Progress progress) throws Exception {
        int runs = o.prefectRunsOr(QUICK_RUNS, kind == DbKind.POSTGRES ? 1_000_000 : 200_000);
        int repeats = o.repeats() == null ? 1 : o.repeats();
        String label = "prefect-db-vacuum on " + kind.label;
        Result result = new Result("prefect-db-vacuum", kind, o).scale(String.format(Locale.ROOT,
                "(%,d runs, %d logs each)", runs, LOGS_PER_RUN));
        progress.line(label + ": building the template (" + runs + " runs, " + (long) runs * LOGS_PER_RUN + " logs)");
        long l0 = System.nanoTime();
        try (PrefectDatabase db = PrefectDatabase.create(kind, o, "vacuum")) {
            Map<String, Object> data = new LinkedHashMap<>(PrefectSeed.seed(db, runs, LOGS_PER_RUN, runs / 5));
            data.put("template_mb", db.templateMegabytes());
            data.put("load_s", Math.round((System.nanoTime() - l0) / 1e8) / 10.0);
            Map<String, Long> expected;
            try (PrefectDatabase.Copy copy = db.copy(2)) {
                expected = toDelete(copy);
            }
            data.put("to_delete", expected);
            result.put("data", data);
            progress.line(label + ": template ready in " + data.get("load_s") + " s; to delete: " + expected);
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            seconds.put("db_vacuum", new ArrayList<>());
            seconds.put("flowsweep", new ArrayList<>());
            Map<String, Object> detail = new LinkedHashMap<>();
            boolean[] capped = new boolean[2];
            Map<String, List<Double>> rowsPerSecond = new LinkedHashMap<>();
            rowsPerSecond.put("db_vacuum", new ArrayList<>());
            rowsPerSecond.put("flowsweep", new ArrayList<>());
            for (int r = 0; r < repeats; r++) {
                List<String> order = r % 2 == 0 && o.capRatio() == null ? List.of("db_vacuum", "flowsweep")
                        : List.of("flowsweep", "db_vacuum");
                Double vacuumCap = null;
                for (String name : order) {
                    progress.line(label + ": " + name + " (repeat " + (r + 1) + " of " + repeats + ")"
                            + (vacuumCap == null ? "" : String.format(Locale.ROOT, ", stopped after %.1f s", vacuumCap)));
                    Map<String, Object> one = runOne(name, db, o, vacuumCap, expected, progress, label, result);
                    if (name.equals("flowsweep") && o.capRatio() != null) {
                        vacuumCap = o.capRatio() * (Double) one.get("seconds");
                    }
                    detail.put(name + (repeats > 1 ? "#" + (r + 1) : ""), one);
                    seconds.get(name).add((Double) one.get("seconds"));
                    rowsPerSecond.get(name).add(((Long) one.get("rows_per_s")).doubleValue());
                    capped[name.equals("db_vacuum") ? 0 : 1] |= (Boolean) one.get("capped");
                    report.detail(label + " " + name + ": " + one);
                }
            }
            result.put("runs", detail);
            for (String name : seconds.keySet()) {
                result.figure(name + "_s" + (capped[name.equals("db_vacuum") ? 0 : 1] ? " (capped)" : ""),
                        median(seconds.get(name)));
                result.figure(name + "_rows_per_s", median(rowsPerSecond.get(name)));
            }
            Map<String, Object> conditions = new LinkedHashMap<>();
            conditions.put("fresh_data", "each contender on its own copy of one template (PostgreSQL: CREATE DATABASE"
                    + " … TEMPLATE; SQLite: a copy of the file), its tables read once before the clock starts");
            conditions.put("vacuum", kind == DbKind.POSTGRES ? "the server's autovacuum in force, as on a Prefect "
                    + "server (" + autovacuum(o) + ")" : "none (SQLite has no background vacuum)");
            conditions.put("order", o.capRatio() == null
                    ? "contenders alternate: db_vacuum first in odd repeats, flowsweep first in even"
                    : "flowsweep first, then db_vacuum stopped at " + o.capRatio() + " × flowsweep's time (--cap-ratio)");
            conditions.put("time_cap_s", o.timeCapSeconds());
            conditions.put("cap_ratio", o.capRatio());
            conditions.put("cutoff", "now minus 30 days, taken by each contender when it starts");
            result.put("conditions", conditions);
            double dv = median(seconds.get("db_vacuum"));
            double fs = median(seconds.get("flowsweep"));
            if (capped[1]) {
                result.figure("e2e_ratio", "flowsweep capped: no ratio");
            } else if (repeats >= 2 && !capped[0]) {
                result.ratio("e2e db_vacuum/flowsweep", toArray(seconds.get("db_vacuum")),
                        toArray(seconds.get("flowsweep")), Result.Target.atLeast(20));
            } else {
                result.target("e2e db_vacuum/flowsweep" + (capped[0] ? " (lower bound: db_vacuum capped)" : ""),
                        dv / fs, "x", Result.Target.atLeast(20));
            }
        }
        return result.finish();
    }

    private static Map<String, Object> runOne(String name, PrefectDatabase db, Options o, Double vacuumCapSeconds,
                                              Map<String, Long> expected, Progress progress, String label,
                                              Result result) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        try (PrefectDatabase.Copy copy = db.copy(4)) {
            PrefectBulkWorkload.prepare(copy, false);
            Map<String, Long> before = rows(copy);
            double seconds;
            boolean capped;
            List<Double> batches;
            if (name.equals("db_vacuum")) {
                double capSeconds = Math.min(o.timeCapSeconds() == null ? Double.MAX_VALUE : o.timeCapSeconds(),
                        vacuumCapSeconds == null ? Double.MAX_VALUE : vacuumCapSeconds);
                long deadline = capSeconds == Double.MAX_VALUE ? Long.MAX_VALUE
                        : System.nanoTime() + (long) (capSeconds * 1e9);
                Instant cutoff = Instant.now().minus(Duration.ofDays(PrefectSeed.OLDER_THAN_DAYS));
                DbVacuumContender.Outcome out = DbVacuumContender.run(copy, cutoff, deadline, progress,
                        label + " db_vacuum");
                seconds = out.seconds();
                capped = out.capped();
                batches = out.allBatches();
                m.put("batches_runs", batchStats(out.runBatches()));
                m.put("batches_orphaned_logs", batchStats(out.logBatches()));
                m.put("batches_orphaned_artifacts", batchStats(out.artifactBatches()));
            } else {
                RetentionContender.Outcome out = RetentionContender.run(copy, o.timeCapSeconds(), progress,
                        label + " flowsweep");
                seconds = out.seconds();
                capped = out.capped();
                batches = out.batches();
                m.put("retention_s", round(out.retentionSeconds()));
                m.put("batches_retention", batchStats(out.batches()));
                m.put("purge_transactions", batchStats(out.purges()));
                m.put("orphaned_logs_swept", out.sweptLogs());
                m.put("outcome", out.message());
                List<Double> all = new ArrayList<>(out.batches());
                all.addAll(out.purges());
                m.put("longest_transaction_ms", all.isEmpty() ? 0 : round(Collections.max(all)));
            }
            Map<String, Long> after = rows(copy);
            long removed = 0;
            long toRemove = 0;
            for (String t : TABLES) {
                removed += before.get(t) - after.get(t);
                toRemove += expected.get(t);
            }
            m.put("seconds", round(seconds));
            m.put("capped", capped);
            m.put("fraction_done", toRemove == 0 ? 1.0 : round(removed / (double) toRemove));
            m.put("rows_removed", removed);
            m.put("rows_per_s", Math.round(removed / seconds));
            m.putIfAbsent("longest_transaction_ms", batches.isEmpty() ? 0 : round(Collections.max(batches)));
            Map<String, Long> left = leftovers(copy);
            m.put("left", left);
            if (!capped) {
                result.problems(check(name, left, removed, toRemove));
            }
            if (name.equals("flowsweep") && !capped) {
                Map<String, Object> b = batchStats(batches);
                result.target("flowsweep retention batch p99/median", (Double) b.get("p99_ms")
                        / (Double) b.get("median_ms"), "x", Result.Target.atMost(3));
                result.target("flowsweep retention batch last/first tenth", (Double) b.get("last_tenth_median_ms")
                        / (Double) b.get("first_tenth_median_ms"), "x", Result.Target.atMost(FLAT));
            }
        }
        return m;
    }

    /** What must hold when a contender finished: nothing old, nothing orphaned, every row it should remove gone. */
    static List<String> check(String name, Map<String, Long> left, long removed, long toRemove) {
        List<String> p = new ArrayList<>();
        left.forEach((k, v) -> {
            if (v != 0) {
                p.add(name + ": " + v + " " + k.replace('_', ' ') + " left");
            }
        });
        if (removed != toRemove) {
            p.add(name + ": removed " + removed + " rows, " + toRemove + " expected");
        }
        return p;
    }

    /** Old runs still there and everything orphaned, counted in the database. */
    static Map<String, Long> leftovers(PrefectDatabase.Copy copy) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("old_runs", copy.count("SELECT COUNT(*) FROM flow_run WHERE " + oldRun(copy.db)));
        m.put("orphaned_logs", copy.count(PrefectLeftovers.ORPHANED_LOGS));
        m.put("orphaned_artifacts", copy.count(PrefectLeftovers.ORPHANED_ARTIFACTS));
        m.put("orphaned_task_runs", copy.count(PrefectLeftovers.ORPHANED_TASK_RUNS));
        m.put("orphaned_states", copy.count(PrefectLeftovers.ORPHANED_STATES));
        return m;
    }

    /** {@code db_vacuum}'s rule with the cutoff of now. */
    static String oldRun(PrefectDatabase db) {
        String cutoff = db.kind == DbKind.POSTGRES ? "now() - interval '" + PrefectSeed.OLDER_THAN_DAYS + " days'"
                : "strftime('%Y-%m-%d %H:%M:%f', 'now', '-" + PrefectSeed.OLDER_THAN_DAYS + " days') || '000'";
        return "flow_run.parent_task_run_id IS NULL AND flow_run.state_type IN " + DbVacuumContender.TERMINAL_STATES
                + " AND flow_run.end_time IS NOT NULL AND flow_run.end_time < " + cutoff;
    }

    /** Rows of the old runs, per table: what a complete clean-up removes. */
    static Map<String, Long> toDelete(PrefectDatabase.Copy copy) throws SQLException {
        String old = "(SELECT id FROM flow_run WHERE " + oldRun(copy.db) + ")";
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("flow_run", copy.count("SELECT COUNT(*) FROM flow_run WHERE " + oldRun(copy.db)));
        m.put("flow_run_state", copy.count("SELECT COUNT(*) FROM flow_run_state WHERE flow_run_id IN " + old));
        m.put("task_run", copy.count("SELECT COUNT(*) FROM task_run WHERE flow_run_id IN " + old));
        m.put("task_run_state", copy.count("SELECT COUNT(*) FROM task_run_state WHERE task_run_id IN (SELECT id FROM "
                + "task_run WHERE flow_run_id IN " + old + ")"));
        m.put("log", copy.count("SELECT COUNT(*) FROM log WHERE flow_run_id IN " + old));
        m.put("artifact", copy.count("SELECT COUNT(*) FROM artifact WHERE flow_run_id IN " + old));
        return m;
    }

    static Map<String, Long> rows(PrefectDatabase.Copy copy) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : TABLES) {
            m.put(t, copy.count("SELECT COUNT(*) FROM " + t));
        }
        return m;
    }

    /** Batches, median, p99 and longest (ms), and the medians of the first and last tenth of the batches. */
    static Map<String, Object> batchStats(List<Double> batches) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", batches.size());
        if (batches.isEmpty()) {
            return m;
        }
        double[] sorted = toArray(batches);
        java.util.Arrays.sort(sorted);
        m.put("median_ms", round(Stats.quantile(sorted, 0.5)));
        m.put("p99_ms", round(Stats.quantile(sorted, 0.99)));
        m.put("max_ms", round(sorted[sorted.length - 1]));
        int tenth = Math.max(1, batches.size() / 10);
        m.put("first_tenth_median_ms", round(median(batches.subList(0, tenth))));
        m.put("last_tenth_median_ms", round(median(batches.subList(batches.size() - tenth, batches.size()))));
        return m;
    }

    private static String autovacuum(Options o) {
        try (var c = java.sql.DriverManager.getConnection(o.pgUrl()); var st = c.createStatement();
             var rs = st.executeQuery("SHOW autovacuum")) {
            rs.next();
            return "autovacuum = " + rs.getString(1);
        } catch (SQLException e) {
            return "autovacuum unknown: " + e.getMessage();
        }
    }

    static double median(List<Double> x) {
        double[] a = toArray(x);
        java.util.Arrays.sort(a);
        return a.length == 0 ? Double.NaN : Stats.quantile(a, 0.5);
    }

    static double[] toArray(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
