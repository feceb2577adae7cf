package dev.flowsweep.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.flowsweep.bench.ContenderKind.FLOWSWEEP;

/**
 * log-independence: like bulk-200, but the runs the measured calls delete carry 0, 100 or 1,000 logs each (one tag
 * per level), besides 1,000,000 unrelated logs on the other runs. Levels and contenders are interleaved round by
 * round; every call waits for its logs to be gone before the next one, so the purge queue is idle when a call
 * starts. The library's call latency must not grow with the logs (the purge is asynchronous).
 */
final class LogIndependenceWorkload {
    static final int[] LEVELS = {0, 100, 1000};
    static final int LIMIT = 200;

    static void run(DbKind kind, Options o, Report report, Progress progress) throws Exception {
        int totalRuns = o.quick() ? 30_000 : 100_000;
        int unrelatedLogs = o.quick() ? 50_000 : 1_000_000;
        int warmup = o.warmupOr(1, 1);
        int iterations = o.iterationsOr(2, 4);
        Set<ContenderKind> kinds = o.contendersOr(o.quick() ? EnumSet.of(FLOWSWEEP) : ContenderKind.ALL);
        int perLevel = kinds.size() * (warmup + iterations) * LIMIT;
        List<DataSpec.Group> groups = new ArrayList<>();
        for (int level : LEVELS) {
            groups.add(new DataSpec.Group(tag(level), perLevel, 5, level));
        }
        int background = totalRuns - perLevel * LEVELS.length;
        DataSpec spec = new DataSpec(totalRuns, Math.max(1, unrelatedLogs / background), groups);
        progress.line("log-independence on " + kind.label + ": loading " + totalRuns + " runs, " + spec.totalLogs()
                + " logs");
        try (Session s = Session.open(kind, o, spec, kinds, progress)) {
            Map<Integer, Timing> byLevel = new LinkedHashMap<>();
            for (int level : LEVELS) {
                byLevel.put(level, new Timing());
            }
            for (int round = 0; round < warmup + iterations; round++) {
                for (int level : LEVELS) {
                    for (Contender c : s.rotation(round + level)) {
                        byLevel.get(level).measure(c, tag(level), LIMIT, round >= warmup);
                    }
                }
                progress.line("log-independence on " + kind.label + ": round " + (round + 1) + " of "
                        + (warmup + iterations));
            }
            for (ContenderKind k : kinds) {
                for (int level : LEVELS) {
                    Timing t = byLevel.get(level);
                    report.detail(String.format(Locale.ROOT, "log-independence %-8s %-11s %4d logs/run: call ms %s"
                                    + " | end-to-end ms %s", kind.label, k.label, level, t.call(k).describe(),
                            t.endToEnd(k).describe()));
                }
            }
            String scale = o.quick() ? String.format(Locale.ROOT, " (quick: %,d runs, %,d unrelated logs, %s only)",
                    totalRuns, unrelatedLogs, kinds.size() == 1 ? kinds.iterator().next().label : "all") : "";
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "log-independence [%s]%s call medians ms at 0/100/1000 logs:", kind.label, scale));
            for (ContenderKind k : kinds) {
                line.append(String.format(Locale.ROOT, " %s %s/%s/%s;", k.label,
                        Stats.fmt(byLevel.get(0).call(k).median()), Stats.fmt(byLevel.get(100).call(k).median()),
                        Stats.fmt(byLevel.get(1000).call(k).median())));
            }
            if (kinds.contains(FLOWSWEEP)) {
                double r = byLevel.get(1000).call(FLOWSWEEP).median() / byLevel.get(0).call(FLOWSWEEP).median();
                line.append(" flowsweep 1000/0 ").append(Report.ratio(r)).append(" (<= 1.2 ")
                        .append(Report.verdict(r <= 1.2)).append(")");
            }
            report.summary(line.toString());
            Bulk200Workload.verify(s, report);
        }
    }

    static String tag(int level) {
        return "logs-" + level;
    }
}
