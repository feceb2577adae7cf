package dev.flowsweep.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.flowsweep.bench.ContenderKind.FLOOR_1TX;
import static dev.flowsweep.bench.ContenderKind.FLOOR_CALL;
import static dev.flowsweep.bench.ContenderKind.FLOWSWEEP;
import static dev.flowsweep.bench.ContenderKind.PER_RUN_200;
import static dev.flowsweep.bench.ContenderKind.PREFECT;

/**
 * bulk-200: 100,000 runs (quick: {@value #QUICK_RUNS}), 10 % tagged {@code purge}, each of those with 5 task runs and
 * 100 logs (quick: {@value #QUICK_LOGS_PER_RUN}); a quarter of each deployment's runs hold slots, over all 10 limits;
 * every 10th tagged run has a subflow. Every call deletes the same newest 200 tagged runs from the same data
 * ({@link Fixture}); the contenders take turns in paired rounds ({@link Rounds}). Reported: each contender's call and
 * end-to-end latency, and the ratios the project targets:
 * <ul>
 *   <li>end to end, flowsweep / the floor — {@code floor-1tx}, or the baseline that beat it end to end in this run
 *       (the best SQL a person would write on that database): ≤ 1.35 on PostgreSQL (aim 1.25);</li>
 *   <li>call, flowsweep / {@code floor-call}: ≤ 1.1 on every database;</li>
 *   <li>call, {@code prefect} / flowsweep: ≥ 3 on every database;</li>
 * </ul>
 * and, without a target, end to end against {@code floor-1tx} when another baseline was faster, and the seed's
 * {@code per-run-200} call against flowsweep's.
 */
final class Bulk200Workload {
    static final String TAG = "purge";
    static final int LIMIT = 200;
    static final int QUICK_RUNS = 10_000;
    static final int QUICK_LOGS_PER_RUN = 20;

    private Bulk200Workload() {
    }

    static Result run(DbKind kind, Options o, Report report, Progress progress) throws Exception {
        int totalRuns = o.quick() ? QUICK_RUNS : 100_000;
        int matching = totalRuns / 10;
        int logsPerRun = o.quick() ? QUICK_LOGS_PER_RUN : 100;
        Set<ContenderKind> kinds = o.contendersOr(ContenderKind.ALL);
        DataSpec spec = new DataSpec(totalRuns, 0, List.of(new DataSpec.Group(TAG, matching, 5, logsPerRun)));
        Result result = new Result("bulk-200", kind, o).scale(o.quick() ? String.format(Locale.ROOT,
                "(quick: %,d runs, %d logs per deleted run)", totalRuns, logsPerRun) : "");
        progress.line("bulk-200 on " + kind.label + ": loading " + totalRuns + " runs");
        try (Session s = o.trace() ? Session.openTraced(kind, o, spec, kinds, progress)
                : Session.open(kind, o, spec, kinds, progress)) {
            Fixture fixture = Fixture.stash(s.db, List.of(TAG), LIMIT);
            Fixture.Target target = fixture.targets().get(0);
            result.put("server", Upkeep.serverInfo(s.db)).put("data", data(s.sizes, target));
            if (o.trace()) {
                TraceRun.run(s, fixture, target, kinds, report, result);
                return result.finish();
            }
            List<Rounds.Cell> cells = new ArrayList<>();
            for (ContenderKind k : kinds) {
                cells.add(new Rounds.Cell(k.label, target, s.contenders.get(k)));
            }
            Rounds.Settings settings = Rounds.Settings.of(o);
            Rounds.Result r = Rounds.run(fixture, cells, settings, progress, "bulk-200 on " + kind.label);
            result.put("conditions", conditions(kind, settings, r, fixture));
            result.problems(r.problems());
            if (r.ok()) {
                Map<ContenderKind, Rounds.Samples> samples = new LinkedHashMap<>();
                for (ContenderKind k : kinds) {
                    samples.put(k, r.samples().get(k.label));
                    result.contender(k.label, samples.get(k), s.contenders.get(k).retries());
                    report.detail(String.format(Locale.ROOT, "bulk-200 %-8s %-11s call ms %s | end-to-end ms %s | GC %d "
                            + "collection(s), %d ms, in %d call(s)", kind.label, k.label,
                            Stats.of(samples.get(k).call).describe(), Stats.of(samples.get(k).endToEnd).describe(),
                            samples.get(k).gcCollections, samples.get(k).gcMillis, samples.get(k).callsWithGc));
                }
                ratios(kind, samples, result);
            }
            result.problems(s.db.verify());
        }
        return result.finish();
    }

    /** What was loaded and what one call deletes, all counted in the database. */
    static Map<String, Object> data(Map<String, Long> sizes, Fixture.Target target) {
        Map<String, Object> data = new LinkedHashMap<>(sizes);
        Map<String, Object> perCall = new LinkedHashMap<>();
        perCall.put("runs", target.ids().size());
        perCall.put("task_runs", target.taskRuns());
        perCall.put("logs", target.logs());
        perCall.put("subflows", target.subflowParents().size());
        perCall.put("slot_holders", target.released().values().stream().mapToInt(Integer::intValue).sum());
        perCall.put("limits_released", target.released().size());
        data.put("per_call", perCall);
        return data;
    }

    static Map<String, Object> conditions(DbKind kind, Rounds.Settings settings, Rounds.Result r, Fixture fixture) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("fresh_data", "every call deletes the same runs from the same data: what it deleted is restored after "
                + "it, untimed");
        c.put("vacuum", Upkeep.describe(kind, true));
        c.put("always_settled", fixture.alwaysSettled());
        c.put("warmup_rounds", r.warmupRounds());
        c.put("steady", r.steady());
        c.put("steady_rule", "median call latency of the last " + settings.window() + " warm-up rounds within "
                + Math.round(settings.tolerance() * 100) + " % of the " + settings.window() + " before, for every "
                + "contender (" + settings.minWarmup() + " to " + settings.maxWarmup() + " warm-up rounds)");
        c.put("measured_rounds", settings.measured());
        if (!r.upkeepMillis().isEmpty()) {
            c.put("check_and_restore_ms_median", Math.round(Stats.of(r.upkeepMillis()).median()));
        }
        c.put("order", "contenders rotated from round to round; sample i of every contender is from round i");
        c.put("trace", "none during measured calls (--trace is a separate run)");
        c.put("pool", "HikariCP, 10 connections, READ COMMITTED, shared by all contenders");
        return c;
    }

    private static void ratios(DbKind kind, Map<ContenderKind, Rounds.Samples> s, Result result) {
        if (s.containsKey(FLOWSWEEP) && s.containsKey(FLOOR_CALL)) {
            result.ratio("call flowsweep/floor-call", s.get(FLOWSWEEP).call(), s.get(FLOOR_CALL).call(),
                    Result.Target.atMost(1.1));
        }
        if (s.containsKey(FLOWSWEEP) && s.containsKey(PREFECT)) {
            result.ratio("call prefect/flowsweep", s.get(PREFECT).call(), s.get(FLOWSWEEP).call(),
                    Result.Target.atLeast(3));
        }
        ContenderKind best = null;
        for (Map.Entry<ContenderKind, Rounds.Samples> e : s.entrySet()) {
            if (e.getKey().baseline && (best == null
                    || Stats.of(e.getValue().endToEnd).median() < Stats.of(s.get(best).endToEnd).median())) {
                best = e.getKey();
            }
        }
        // The floor is the best a person would write on this database: floor-1tx, unless another baseline is faster
        // end to end here (then that one). The PostgreSQL target is against it.
        if (s.containsKey(FLOWSWEEP) && best != null) {
            result.figure("fastest_baseline_e2e", best.label);
            result.ratio("e2e flowsweep/floor (fastest baseline: " + best.label + ")", s.get(FLOWSWEEP).endToEnd(),
                    s.get(best).endToEnd(), kind == DbKind.POSTGRES ? new Result.Target(true, 1.35, 1.25) : null);
        }
        if (s.containsKey(FLOWSWEEP) && s.containsKey(FLOOR_1TX) && best != FLOOR_1TX) {
            result.ratio("e2e flowsweep/floor-1tx", s.get(FLOWSWEEP).endToEnd(), s.get(FLOOR_1TX).endToEnd(), null);
        }
        if (s.containsKey(FLOWSWEEP) && s.containsKey(PER_RUN_200)) {
            result.ratio("call per-run-200/flowsweep", s.get(PER_RUN_200).call(), s.get(FLOWSWEEP).call(), null);
        }
    }
}
