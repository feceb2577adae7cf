package dev.flowsweep.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --trace}: a run of its own, with no measured calls. For each contender, {@value #WARMUP_CALLS} calls to warm it
 * up (so that the trace shows compiled code, not the interpreter: with one warm-up call the gaps between statements
 * were mostly the JIT's), then one traced call — every statement and commit listed with its time, grouped and, for short calls, as a timeline — each
 * followed by the usual check and restore. The trace wrapper adds its own cost to every statement, which is why no
 * figure of a traced run is ever reported as a measurement.
 */
final class TraceRun {
    private static final int MAX_TIMELINE = 80;
    /** Untraced calls before the traced one, each checked and restored: {@value}. */
    static final int WARMUP_CALLS = 20;

    private TraceRun() {
    }

    static void run(Session s, Fixture fixture, Fixture.Target target, Set<ContenderKind> kinds, Report report,
                    Result result) throws Exception {
        StatementTrace trace = s.db.trace();
        Map<String, Object> traces = new LinkedHashMap<>();
        for (ContenderKind k : kinds) {
            Contender c = s.contenders.get(k);
            for (int i = 0; i < WARMUP_CALLS; i++) {
                c.delete(target.tag(), target.ids().size()).awaitLogsGone();
                fixture.restore(target);
            }
            trace.start();
            long t0 = System.nanoTime();
            Contender.Deletion d = c.delete(target.tag(), target.ids().size());
            long t1 = System.nanoTime();
            d.awaitLogsGone();
            long t2 = System.nanoTime();
            List<StatementTrace.Entry> entries = trace.stop();
            result.problems(fixture.check(target).stream().map(p -> k.label + " (traced call): " + p).toList());
            fixture.restore(target);
            traces.put(k.label, describe(k, entries, t0, t1, t2, s.db.kind, report));
            result.figure(k.label + " statements and commits (traced)", entries.stream()
                    .filter(e -> !e.sql().startsWith("(")).count());
        }
        result.put("trace", traces);
    }

    private static Map<String, Object> describe(ContenderKind k, List<StatementTrace.Entry> entries, long t0, long t1,
                                                long t2, DbKind db, Report report) {
        int commits = 0;
        Map<String, double[]> grouped = new LinkedHashMap<>();
        for (StatementTrace.Entry e : entries) {
            commits += e.sql().equals("COMMIT") ? 1 : 0;
            String sql = e.sql().length() > 150 ? e.sql().substring(0, 150) + "…" : e.sql();
            double[] agg = grouped.computeIfAbsent(sql, x -> new double[2]);
            agg[0]++;
            agg[1] += e.millis();
        }
        report.detail(String.format(Locale.ROOT, "trace %s %s: call %.1f ms, end-to-end %.1f ms (traced, not a "
                + "measurement), %d statements and commits:", db.label, k.label, (t1 - t0) / 1e6, (t2 - t0) / 1e6,
                entries.size()));
        grouped.forEach((sql, agg) -> report.detail(String.format(Locale.ROOT, "  %4dx %8.2f ms  %s",
                (int) agg[0], agg[1], sql)));
        if (entries.size() <= MAX_TIMELINE) {
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
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("statements_and_commits", entries.stream().filter(e -> !e.sql().startsWith("(")).count());
        out.put("commits", commits);
        out.put("traced_call_ms", Math.round((t1 - t0) / 1e4) / 100.0);
        out.put("traced_e2e_ms", Math.round((t2 - t0) / 1e4) / 100.0);
        Map<String, Integer> counts = new LinkedHashMap<>();
        grouped.forEach((sql, agg) -> counts.put(sql, (int) agg[0]));
        out.put("statements", counts);
        return out;
    }
}
