package dev.flowsweep.bench;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.flowsweep.bench.ContenderKind.FLOWSWEEP;
import static dev.flowsweep.bench.ContenderKind.MINIMAL_SQL;
import static dev.flowsweep.bench.ContenderKind.PER_RUN;

/**
 * bulk-200: 100,000 runs, 10% tagged {@code purge}, each of those with 5 task runs and 100 logs; a quarter of all
 * runs hold slots across 10 limits. Each iteration is one delete of 200 by each contender (rotating who goes
 * first): the call's latency, and the latency until its logs are gone.
 */
final class Bulk200Workload {
    static final String TAG = "purge";
    static final int LIMIT = 200;

    static void run(DbKind kind, Options o, Report report, Progress progress) throws Exception {
        int totalRuns = o.quick() ? 30_000 : 100_000;
        int matching = totalRuns / 10;
        int warmup = o.warmupOr(1, 3);
        int iterations = o.iterationsOr(3, 10);
        Set<ContenderKind> kinds = o.contendersOr(ContenderKind.ALL);
        int needed = kinds.size() * (warmup + iterations) * LIMIT;
        if (needed > matching) {
            throw new IllegalArgumentException("bulk-200: " + needed + " matching runs needed for the iterations, only "
                    + matching + " loaded; lower --iterations");
        }
        DataSpec spec = new DataSpec(totalRuns, 0, List.of(new DataSpec.Group(TAG, matching, 5, 100)));
        progress.line("bulk-200 on " + kind.label + ": loading " + totalRuns + " runs");
        try (Session s = Session.open(kind, o, spec, kinds, progress)) {
            Timing t = new Timing();
            for (int round = 0; round < warmup + iterations; round++) {
                for (Contender c : s.rotation(round)) {
                    t.measure(c, TAG, LIMIT, round >= warmup);
                }
            }
            String scale = o.quick() ? String.format(Locale.ROOT, " (quick: %,d runs, %,d matching)", totalRuns,
                    matching) : "";
            for (ContenderKind k : kinds) {
                report.detail(String.format(Locale.ROOT, "bulk-200 %-8s %-11s call ms %s | end-to-end ms %s%s",
                        kind.label, k.label, t.call(k).describe(), t.endToEnd(k).describe(),
                        retries(s.contenders.get(k))));
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "bulk-200 [%s]%s medians:", kind.label,
                    scale));
            for (ContenderKind k : kinds) {
                line.append(String.format(Locale.ROOT, " %s call %s / e2e %s ms;", k.label,
                        Stats.fmt(t.call(k).median()), Stats.fmt(t.endToEnd(k).median())));
            }
            if (t.has(FLOWSWEEP) && t.has(MINIMAL_SQL)) {
                double r = t.endToEnd(FLOWSWEEP).median() / t.endToEnd(MINIMAL_SQL).median();
                line.append(" e2e flowsweep/minimal ").append(Report.ratio(r)).append(" (<= 1.25 ")
                        .append(Report.verdict(r <= 1.25)).append(")");
            }
            if (t.has(FLOWSWEEP) && t.has(PER_RUN)) {
                double r = t.call(PER_RUN).median() / t.call(FLOWSWEEP).median();
                line.append("; call per-run/flowsweep ").append(Report.ratio(r)).append("x (>= 3 ")
                        .append(Report.verdict(r >= 3)).append(")");
            }
            report.summary(line.toString());
            trace(s, TAG, LIMIT, report);
            verify(s, report);
        }
    }

    static String retries(Contender c) {
        return c.retries() == 0 ? "" : " (" + c.retries() + " deadlock/lock-timeout retries)";
    }

    /** With {@code --trace}: one more call per contender, its statements listed with their times. */
    static void trace(Session s, String tag, int limit, Report report) throws Exception {
        StatementTrace trace = s.db.trace();
        if (trace == null) {
            return;
        }
        for (Contender c : s.contenders.values()) {
            trace.start();
            long t0 = System.nanoTime();
            Contender.Deletion d = c.delete(tag, limit);
            long t1 = System.nanoTime();
            d.awaitLogsGone();
            long t2 = System.nanoTime();
            List<StatementTrace.Entry> entries = trace.stop();
            report.detail(String.format(Locale.ROOT, "trace %s %s: call %.1f ms, end-to-end %.1f ms, %d statements "
                    + "and commits:", s.db.kind.label, c.kind().label, (t1 - t0) / 1e6, (t2 - t0) / 1e6, entries.size()));
            java.util.Map<String, double[]> grouped = new java.util.LinkedHashMap<>();
            for (StatementTrace.Entry e : entries) {
                String sql = e.sql().length() > 150 ? e.sql().substring(0, 150) + "…" : e.sql();
                double[] agg = grouped.computeIfAbsent(sql, k -> new double[2]);
                agg[0]++;
                agg[1] += e.millis();
            }
            grouped.forEach((sql, agg) -> report.detail(String.format(Locale.ROOT, "  %4dx %8.2f ms  %s",
                    (int) agg[0], agg[1], sql)));
            if (entries.size() <= MAX_TIMELINE) {
                timeline(entries, t0, t1, t2, report);
            }
        }
    }

    private static final int MAX_TIMELINE = 60;

    /** The same call in time order: where each statement started, on which thread, and the gaps between them. */
    private static void timeline(List<StatementTrace.Entry> entries, long t0, long t1, long t2, Report report) {
        report.detail("  timeline (ms after the call started; thread; duration):");
        boolean returned = false;
        for (StatementTrace.Entry e : entries) {
            if (!returned && e.startNanos() >= t1) {
                report.detail(String.format(Locale.ROOT, "    +%7.2f  call returned", (t1 - t0) / 1e6));
                returned = true;
            }
            String sql = e.sql().length() > 90 ? e.sql().substring(0, 90) + "…" : e.sql();
            report.detail(String.format(Locale.ROOT, "    +%7.2f  %-20s %6.2f  %s", (e.startNanos() - t0) / 1e6,
                    e.thread(), e.millis(), sql));
        }
        report.detail(String.format(Locale.ROOT, "    +%7.2f  logs gone", (t2 - t0) / 1e6));
    }

    static void verify(Session s, Report report) throws Exception {
        List<String> problems = s.db.verify();
        if (!problems.isEmpty()) {
            report.summary("    VERIFY FAILED on " + s.db.kind.label + ": " + String.join("; ", problems));
        }
    }
}
