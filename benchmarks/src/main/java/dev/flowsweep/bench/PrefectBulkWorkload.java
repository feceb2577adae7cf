package dev.flowsweep.bench;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.Layout;
import dev.flowsweep.jdbc.SchemaMode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * prefect-bulk-200: bulk-200 on a Prefect database (PostgreSQL or SQLite) built from Prefect's shipped schema and
 * seeded as a Prefect server writes ({@link PrefectSeed}; quick {@value #QUICK_RUNS} runs, full {@value #FULL_RUNS},
 * {@value #LOGS_PER_RUN} logs each). Every measured call deletes the newest 200 runs tagged {@code purge} from a fresh
 * copy of the same template ({@link PrefectDatabase#copy}), made, opened and read once (so its pages are cached)
 * before the clock starts. Three contenders take turns in paired rounds (the order rotated each round), warmed up until
 * steady ({@link Rounds#steady}):
 * <ul>
 *   <li>{@code flowsweep}: {@link JdbcStorage} on {@link Layout#PREFECT}, a {@code BulkDeleteService} with its
 *       {@code LogPurger} ({@link FlowsweepContender}) — the call, then the purge of the logs;</li>
 *   <li>{@code prefect}: Prefect's merged path, 4 API calls of 50 then a transaction per run for its logs
 *       ({@link PrefectApiContender});</li>
 *   <li>{@code hand-delete}: the statement people run by hand, {@code DELETE FROM flow_run WHERE id IN (SELECT id …
 *       ORDER BY id DESC LIMIT 200)} in one transaction: cascades take task runs and states; logs, artifacts and held
 *       concurrency slots stay, and are counted.</li>
 * </ul>
 * After every call the copy is checked ({@link PrefectLeftovers}): flowsweep must leave nothing; prefect must leave no
 * log and no held slot (its artifacts stay, as in Prefect); the hand delete's leftovers are reported.
 */
final class PrefectBulkWorkload {
    static final int QUICK_RUNS = 5_000;
    static final int FULL_RUNS = 20_000;
    static final int LOGS_PER_RUN = 20;
    static final int LIMIT = 200;
    static final List<String> CONTENDERS = List.of("flowsweep", "prefect", "hand-delete");

    private PrefectBulkWorkload() {
    }

    /** One contender on one copy. */
    interface Side extends AutoCloseable {
        Contender.Deletion delete(String tag, int limit) throws Exception;

        @Override
        void close();
    }

    static Result run(DbKind kind, Options o, Report report, Progress progress) throws Exception {
        int runs = o.prefectRunsOr(QUICK_RUNS, FULL_RUNS);
        Result result = new Result("prefect-bulk-200", kind, o).scale(String.format(Locale.ROOT,
                "(%,d runs on Prefect's schema)", runs));
        String label = "prefect-bulk-200 on " + kind.label;
        progress.line(label + ": building the template (" + runs + " runs)");
        try (PrefectDatabase db = PrefectDatabase.create(kind, o, "bulk")) {
            Map<String, Object> data = new LinkedHashMap<>(PrefectSeed.seed(db, runs, LOGS_PER_RUN, runs / 5));
            data.put("template_mb", db.templateMegabytes());
            PrefectLeftovers.Target target;
            try (PrefectDatabase.Copy copy = db.copy(2)) {
                target = PrefectLeftovers.target(copy, PrefectSeed.TAG, LIMIT);
            }
            data.put("per_call", target.describe());
            result.put("data", data);
            Rounds.Settings settings = Rounds.Settings.of(o);
            Map<String, List<Double>> warm = new LinkedHashMap<>();
            Map<String, Rounds.Samples> samples = new LinkedHashMap<>();
            Map<String, Map<String, Long>> leftovers = new LinkedHashMap<>();
            for (String c : CONTENDERS) {
                warm.put(c, new ArrayList<>());
                samples.put(c, new Rounds.Samples());
            }
            List<String> problems = new ArrayList<>();
            int round = 0;
            boolean steady = false;
            while (round < settings.maxWarmup() && !steady && problems.isEmpty()) {
                round(db, target, round, null, warm, leftovers, problems);
                round++;
                steady = round >= Math.max(settings.minWarmup(), 2 * settings.window())
                        && Rounds.steady(warm, settings);
            }
            int warmup = round;
            progress.line(label + ": " + warmup + " warm-up round(s)" + (steady ? ", steady" : ", NOT steady")
                    + "; measuring " + settings.measured() + " rounds");
            for (int r = 0; r < settings.measured() && problems.isEmpty(); r++) {
                round(db, target, warmup + r, samples, null, leftovers, problems);
            }
            result.problems(problems);
            Map<String, Object> conditions = new LinkedHashMap<>();
            conditions.put("fresh_data", "every call on its own copy of one template (PostgreSQL: CREATE DATABASE … "
                    + "TEMPLATE; SQLite: a copy of the file), opened and its tables read once before the clock starts");
            conditions.put("vacuum", kind == DbKind.POSTGRES ? "autovacuum off on the copy's tables "
                    + "(autovacuum_enabled = false, set before the call): a fresh copy has nothing to vacuum"
                    : Upkeep.describe(kind, false));
            conditions.put("warmup_rounds", warmup);
            conditions.put("steady", steady);
            conditions.put("measured_rounds", settings.measured());
            conditions.put("order", "contenders rotated from round to round; sample i of every contender is from "
                    + "round i");
            conditions.put("index", "Prefect's schema as shipped (no index added)");
            result.put("conditions", conditions);
            result.put("leftovers", leftovers);
            if (problems.isEmpty()) {
                for (String c : CONTENDERS) {
                    result.contender(c, samples.get(c), 0);
                    report.detail(String.format(Locale.ROOT, "%s %-11s call ms %s | end-to-end ms %s", label, c,
                            Stats.of(samples.get(c).call).describe(), Stats.of(samples.get(c).endToEnd).describe()));
                }
                result.ratio("call prefect/flowsweep", samples.get("prefect").call(), samples.get("flowsweep").call(),
                        Result.Target.atLeast(3));
                result.ratio("e2e prefect/flowsweep", samples.get("prefect").endToEnd(),
                        samples.get("flowsweep").endToEnd(), null);
                result.ratio("e2e flowsweep/hand-delete", samples.get("flowsweep").endToEnd(),
                        samples.get("hand-delete").endToEnd(), null);
            }
        }
        return result.finish();
    }

    private static void round(PrefectDatabase db, PrefectLeftovers.Target target, int round,
                              Map<String, Rounds.Samples> measured, Map<String, List<Double>> warm,
                              Map<String, Map<String, Long>> leftovers, List<String> problems) throws Exception {
        for (int i = 0; i < CONTENDERS.size(); i++) {
            String name = CONTENDERS.get((i + round) % CONTENDERS.size());
            try (PrefectDatabase.Copy copy = db.copy(4)) {
                prepare(copy, true);
                long t0;
                long t1;
                long t2;
                Gc gc0;
                Contender.Deletion d;
                try (Side side = open(name, copy)) {
                    gc0 = Gc.now();
                    t0 = System.nanoTime();
                    d = side.delete(PrefectSeed.TAG, LIMIT);
                    t1 = System.nanoTime();
                    d.awaitLogsGone();
                    t2 = d.logsGoneAt(System.nanoTime());
                }
                Gc gc = Gc.now().since(gc0);
                Map<String, Long> left = PrefectLeftovers.count(copy, target);
                leftovers.put(name, left);
                for (String p : check(name, d.deleted(), left, target)) {
                    problems.add(name + " (round " + (round + 1) + "): " + p);
                }
                if (measured != null) {
                    Rounds.Samples s = measured.get(name);
                    s.call.add((t1 - t0) / 1e6);
                    s.endToEnd.add((t2 - t0) / 1e6);
                    s.gcCollections += gc.collections();
                    s.gcMillis += gc.millis();
                    s.callsWithGc += gc.collections() > 0 ? 1 : 0;
                } else {
                    warm.get(name).add((t1 - t0) / 1e6);
                }
            }
        }
    }

    /** What must hold after a contender's call; the hand delete only has to delete the runs. */
    static List<String> check(String name, int deleted, Map<String, Long> left, PrefectLeftovers.Target target) {
        List<String> p = new ArrayList<>();
        if (deleted != target.ids().size()) {
            p.add("reported " + deleted + " runs deleted, " + target.ids().size() + " expected");
        }
        if (left.get("runs_left") != 0) {
            p.add(left.get("runs_left") + " runs more than expected left (the target not deleted, or others deleted)");
        }
        for (String always : new String[] {"orphaned_task_runs", "orphaned_states", "dangling_subflows"}) {
            if (left.get(always) != 0) {
                p.add(left.get(always) + " " + always.replace('_', ' '));
            }
        }
        if (!name.equals("hand-delete")) {
            if (left.get("orphaned_logs") != 0) {
                p.add(left.get("orphaned_logs") + " orphaned logs");
            }
            if (left.get("held_slots") != 0) {
                p.add(left.get("held_slots") + " slots still held for deleted runs");
            }
        }
        if (name.equals("flowsweep") && left.get("orphaned_artifacts") != 0) {
            p.add(left.get("orphaned_artifacts") + " orphaned artifacts");
        }
        return p;
    }

    /** Untimed: autovacuum off if asked (PostgreSQL), every table read once. */
    static void prepare(PrefectDatabase.Copy copy, boolean autovacuumOff) throws SQLException {
        try (Connection c = copy.connection(); var st = c.createStatement()) {
            for (String t : new String[] {"flow_run", "flow_run_state", "task_run", "task_run_state", "log", "artifact",
                    "deployment", "concurrency_limit_v2"}) {
                if (autovacuumOff && copy.db.kind == DbKind.POSTGRES) {
                    st.execute("ALTER TABLE " + t + " SET (autovacuum_enabled = false)");
                }
                st.executeQuery("SELECT COUNT(*) FROM " + t).close();
            }
        }
    }

    static Side open(String name, PrefectDatabase.Copy copy) {
        return switch (name) {
            case "flowsweep" -> {
                JdbcStorage storage = JdbcStorage.builder(copy.dataSource).layout(Layout.PREFECT)
                        .schemaMode(SchemaMode.CREATE).build();
                FlowsweepContender f = new FlowsweepContender(storage);
                yield new Side() {
                    @Override
                    public Contender.Deletion delete(String tag, int limit) {
                        return f.delete(tag, limit);
                    }

                    @Override
                    public void close() {
                        f.close();
                        storage.close();
                    }
                };
            }
            case "prefect" -> {
                PrefectApiContender p = new PrefectApiContender(copy);
                yield new Side() {
                    @Override
                    public Contender.Deletion delete(String tag, int limit) throws SQLException {
                        return p.delete(tag, limit);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            case "hand-delete" -> new Side() {
                @Override
                public Contender.Deletion delete(String tag, int limit) throws SQLException {
                    return new Contender.Done(handDelete(copy, tag, limit));
                }

                @Override
                public void close() {
                }
            };
            default -> throw new IllegalArgumentException("unknown contender " + name);
        };
    }

    /** {@code DELETE FROM flow_run WHERE id IN (SELECT id … LIMIT n)}, one transaction (autocommit). */
    static int handDelete(PrefectDatabase.Copy copy, String tag, int limit) throws SQLException {
        try (Connection c = copy.connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM flow_run WHERE id"
                + " IN (SELECT id FROM flow_run WHERE " + copy.db.hasTag("flow_run", tag) + " ORDER BY id DESC LIMIT ?)")) {
            ps.setInt(1, limit);
            return ps.executeUpdate();
        }
    }
}
