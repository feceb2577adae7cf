package dev.flowsweep.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.flowsweep.bench.ContenderKind.FLOOR_1TX;
import static dev.flowsweep.bench.ContenderKind.FLOWSWEEP;
import static dev.flowsweep.bench.ContenderKind.PREFECT;

/**
 * log-independence: three tags whose runs carry 0, 100 or 1,000 logs each, beside 1,000,000 unrelated logs on the
 * other runs (quick: 20,000). Each call deletes the newest {@code limit} runs of one level's tag (200; quick: 5, so
 * that a quick run's purges and restores stay small) — the same runs every time ({@link Fixture}); one cell per
 * contender and level, in paired rounds ({@link Rounds}). Target: the library's call at 1,000 logs per run ≤ 1.2× its
 * call at 0 (the purge is asynchronous, so the call must not grow with the logs).
 */
final class LogIndependenceWorkload {
    static final int[] LEVELS = {0, 100, 1000};

    private LogIndependenceWorkload() {
    }

    static Result run(DbKind kind, Options o, Report report, Progress progress) throws Exception {
        int totalRuns = o.quick() ? 10_000 : 100_000;
        int unrelatedLogs = o.quick() ? 20_000 : 1_000_000;
        int limit = o.quick() ? 5 : 200;
        Set<ContenderKind> kinds = o.contendersOr(o.quick() ? EnumSet.of(FLOWSWEEP)
                : EnumSet.of(FLOWSWEEP, FLOOR_1TX, PREFECT));
        List<DataSpec.Group> groups = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (int level : LEVELS) {
            groups.add(new DataSpec.Group(tag(level), 2 * limit, 5, level));
            tags.add(tag(level));
        }
        int background = totalRuns - 2 * limit * LEVELS.length;
        DataSpec spec = new DataSpec(totalRuns, Math.max(1, unrelatedLogs / background), groups);
        Result result = new Result("log-independence", kind, o).scale(o.quick() ? String.format(Locale.ROOT,
                "(quick: %,d runs, %d runs per call)", totalRuns, limit) : "");
        progress.line("log-independence on " + kind.label + ": loading " + totalRuns + " runs");
        try (Session s = Session.open(kind, o, spec, kinds, progress)) {
            Fixture fixture = Fixture.stash(s.db, tags, limit);
            Map<String, Object> data = new LinkedHashMap<>(s.sizes);
            Map<String, Object> perCall = new LinkedHashMap<>();
            for (int i = 0; i < LEVELS.length; i++) {
                perCall.put("logs_per_call_at_" + LEVELS[i], fixture.targets().get(i).logs());
            }
            perCall.put("runs", limit);
            data.put("per_call", perCall);
            result.put("server", Upkeep.serverInfo(s.db)).put("data", data);
            List<Rounds.Cell> cells = new ArrayList<>();
            for (ContenderKind k : kinds) {
                for (int i = 0; i < LEVELS.length; i++) {
                    cells.add(new Rounds.Cell(cell(k, LEVELS[i]), fixture.targets().get(i), s.contenders.get(k)));
                }
            }
            Rounds.Settings settings = Rounds.Settings.of(o);
            Rounds.Result r = Rounds.run(fixture, cells, settings, progress, "log-independence on " + kind.label);
            result.put("conditions", Bulk200Workload.conditions(kind, settings, r, fixture));
            result.problems(r.problems());
            if (r.ok()) {
                for (ContenderKind k : kinds) {
                    for (int level : LEVELS) {
                        Rounds.Samples smp = r.samples().get(cell(k, level));
                        result.contender(cell(k, level), smp, s.contenders.get(k).retries());
                        report.detail(String.format(Locale.ROOT, "log-independence %-8s %-20s call ms %s | "
                                + "end-to-end ms %s", kind.label, cell(k, level), Stats.of(smp.call).describe(),
                                Stats.of(smp.endToEnd).describe()));
                    }
                }
                if (kinds.contains(FLOWSWEEP)) {
                    result.ratio("call flowsweep 1000/0 logs per run", r.samples().get(cell(FLOWSWEEP, 1000)).call(),
                            r.samples().get(cell(FLOWSWEEP, 0)).call(), Result.Target.atMost(1.2));
                }
            }
            result.problems(s.db.verify());
        }
        return result.finish();
    }

    static String tag(int level) {
        return "logs-" + level;
    }

    private static String cell(ContenderKind k, int level) {
        return k.label + "@" + level;
    }
}
