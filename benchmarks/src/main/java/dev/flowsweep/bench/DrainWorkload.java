package dev.flowsweep.bench;

import dev.flowsweep.service.DrainResult;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.flowsweep.bench.ContenderKind.FLOWSWEEP;

/**
 * drain: 1,000,000 runs with 2 logs each; the half tagged {@code drain} is drained in batches of 200 (the library
 * through {@code BulkDeleteService.drain}, its purger deleting logs meanwhile; the baselines by repeated calls).
 * Reports runs deleted per second, the median batch latency of the last tenth of the full batches against the first
 * tenth (the selection must use indexes, so cost must not grow as the table shrinks or with its size), and the
 * most heap in use after a batch. Before it, the same contender drains a warm-up tag (a quarter of the runs, at most
 * 10,000), untimed, so that the figures are of compiled code, as in a server that has been up a while. Run it
 * with {@code -Xmx256m}. Each contender gets a freshly loaded database;
 * by default only the library drains (add {@code --contenders flowsweep,floor-1tx} for the floor). Targets: batch
 * median of the last tenth ≤ 1.5× the first; on H2, ≥ {@value #H2_TARGET_RUNS_PER_SECOND} runs/s.
 */
final class DrainWorkload {
    static final String TAG = "drain";
    /** Runs drained first, untimed, so that the measured drain runs compiled code: a quarter, at most 10,000. */
    static final String WARMUP_TAG = "drain-warmup";
    static final int BATCH = 200;
    static final int H2_TARGET_RUNS_PER_SECOND = 5_000;

    private DrainWorkload() {
    }

    static List<Result> run(DbKind kind, Options o, Report report, Progress progress) throws Exception {
        int totalRuns = o.drainRuns() != null ? o.drainRuns() : o.quick() ? 10_000 : 1_000_000;
        Set<ContenderKind> kinds = o.contendersOr(EnumSet.of(FLOWSWEEP));
        int warmupRuns = Math.min(totalRuns / 4, 10_000);
        DataSpec spec = new DataSpec(totalRuns, 2, List.of(new DataSpec.Group(TAG, totalRuns / 2, 0, 2),
                new DataSpec.Group(WARMUP_TAG, warmupRuns, 0, 2)));
        List<Result> results = new ArrayList<>();
        for (ContenderKind k : kinds) {
            Result result = new Result("drain", kind, o).scale(totalRuns < 1_000_000
                    ? String.format(Locale.ROOT, "(%s: %,d runs)", o.quick() ? "quick" : "scaled", totalRuns) : "");
            progress.line("drain on " + kind.label + " (" + k.label + "): loading " + totalRuns + " runs");
            try (Session s = Session.open(kind, o, spec, EnumSet.of(k), progress)) {
                result.put("server", Upkeep.serverInfo(s.db)).put("data", new java.util.LinkedHashMap<>(s.sizes));
                result.put("conditions", java.util.Map.of("vacuum", Upkeep.describe(kind, false), "contender", k.label,
                        "batch", BATCH, "warm_up", String.format(Locale.ROOT, "%,d runs tagged %s drained first, "
                                + "untimed", warmupRuns, WARMUP_TAG)));
                drain(s, k, kind, o, totalRuns, report, progress, result);
                result.problems(s.db.verify());
            }
            results.add(result.finish());
        }
        return results;
    }

    private static void drain(Session s, ContenderKind k, DbKind kind, Options o, int totalRuns, Report report,
                              Progress progress, Result result) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Double> batchMillis = new ArrayList<>();
        long[] maxHeap = {memory.getHeapMemoryUsage().getUsed()};
        long[] lastReport = {System.nanoTime()};
        Contender c = s.contenders.get(k);
        warmUp(c);
        long start = System.nanoTime();
        long deleted = 0;
        if (c instanceof FlowsweepContender f) {
            double[] previous = {0};
            DrainResult drained = f.service().drain(FlowsweepContender.filter(TAG), BATCH, p -> {
                double elapsed = p.elapsed().toNanos() / 1e6;
                if (p.lastBatchSize() == BATCH) {
                    batchMillis.add(elapsed - previous[0]);
                }
                previous[0] = elapsed;
                maxHeap[0] = Math.max(maxHeap[0], memory.getHeapMemoryUsage().getUsed());
                report(progress, kind, p.deleted(), totalRuns / 2, start, lastReport);
            });
            deleted = drained.deleted();
        }
        List<Contender.Deletion> pendingLogs = new ArrayList<>();
        if (!(c instanceof FlowsweepContender)) {
            while (true) {
                long t0 = System.nanoTime();
                Contender.Deletion d = c.delete(TAG, BATCH);
                pendingLogs.add(d);
                int n = d.deleted();
                if (n == BATCH) {
                    batchMillis.add((System.nanoTime() - t0) / 1e6);
                }
                deleted += n;
                maxHeap[0] = Math.max(maxHeap[0], memory.getHeapMemoryUsage().getUsed());
                report(progress, kind, deleted, totalRuns / 2, start, lastReport);
                if (n < BATCH) {
                    break;
                }
            }
        }
        long callsDone = System.nanoTime();
        if (c instanceof FlowsweepContender f) {
            f.awaitPurged();
        }
        for (Contender.Deletion d : pendingLogs) {
            d.awaitLogsGone();
        }
        long logsDone = System.nanoTime();
        double seconds = (callsDone - start) / 1e9;
        double secondsWithLogs = (logsDone - start) / 1e9;
        int tenth = Math.max(1, batchMillis.size() / 10);
        Stats first = Stats.of(batchMillis.subList(0, tenth));
        Stats last = Stats.of(batchMillis.subList(batchMillis.size() - tenth, batchMillis.size()));
        Stats all = Stats.of(batchMillis);
        double ratio = last.median() / first.median();
        long heapCap = Runtime.getRuntime().maxMemory();
        report.detail(String.format(Locale.ROOT, "drain %-8s %-11s batch ms %s; first tenth %s; last tenth %s",
                kind.label, k.label, all.describe(), first.describe(), last.describe()));
        result.figure("contender", k.label).figure("runs_deleted", deleted).figure("batches", batchMillis.size())
                .figure("seconds", seconds).figure("seconds_until_logs_gone", secondsWithLogs)
                .figure("runs_per_s_until_logs_gone", deleted / secondsWithLogs)
                .figure("batch_median_first_tenth_ms", first.median()).figure("batch_median_last_tenth_ms", last.median())
                .figure("max_heap_used_mib", maxHeap[0] >> 20).figure("heap_cap_mib", heapCap >> 20);
        result.target("batch median last/first tenth", ratio, "x", Result.Target.atMost(1.5));
        if (kind == DbKind.H2 && k == FLOWSWEEP) {
            result.target("drain rate", deleted / seconds, "runs/s", Result.Target.atLeast(H2_TARGET_RUNS_PER_SECOND));
        } else {
            result.figure("runs_per_s", deleted / seconds);
        }
        if (heapCap <= (256L << 20)) {
            result.target("max heap used after a batch", maxHeap[0] >> 20, "MiB", Result.Target.atMost(256));
        }
    }

    /** Drains {@link #WARMUP_TAG} as the measured drain will drain {@link #TAG}, logs included; nothing is timed. */
    private static void warmUp(Contender c) throws Exception {
        if (c instanceof FlowsweepContender f) {
            f.service().drain(FlowsweepContender.filter(WARMUP_TAG), BATCH, null);
            f.awaitPurged();
            return;
        }
        while (true) {
            Contender.Deletion d = c.delete(WARMUP_TAG, BATCH);
            d.awaitLogsGone();
            if (d.deleted() < BATCH) {
                return;
            }
        }
    }

    private static void report(Progress progress, DbKind kind, long deleted, long total, long start, long[] last) {
        long now = System.nanoTime();
        if (now - last[0] > 10_000_000_000L) {
            last[0] = now;
            double s = (now - start) / 1e9;
            progress.line(String.format(Locale.ROOT, "drain on %s: %,d of %,d runs deleted, %.0f s, %,.0f runs/s",
                    kind.label, deleted, total, s, deleted / s));
        }
    }
}
