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
 * most heap in use after a batch (run it with {@code -Xmx256m}). Each contender gets a freshly loaded database;
 * by default only the library drains (add {@code --contenders flowsweep,minimal-sql} for the floor).
 */
final class DrainWorkload {
    static final String TAG = "drain";
    static final int BATCH = 200;

    static void run(DbKind kind, Options o, Report report, Progress progress) throws Exception {
        int totalRuns = o.drainRuns() != null ? o.drainRuns() : o.quick() ? 40_000 : 1_000_000;
        Set<ContenderKind> kinds = o.contendersOr(EnumSet.of(FLOWSWEEP));
        DataSpec spec = new DataSpec(totalRuns, 2, List.of(new DataSpec.Group(TAG, totalRuns / 2, 0, 2)));
        for (ContenderKind k : kinds) {
            progress.line("drain on " + kind.label + " (" + k.label + "): loading " + totalRuns + " runs");
            try (Session s = Session.open(kind, o, spec, EnumSet.of(k), progress)) {
                drain(s, k, kind, o, totalRuns, report, progress);
                Bulk200Workload.verify(s, report);
            }
        }
    }

    private static void drain(Session s, ContenderKind k, DbKind kind, Options o, int totalRuns, Report report,
                              Progress progress) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Double> batchMillis = new ArrayList<>();
        long[] maxHeap = {memory.getHeapMemoryUsage().getUsed()};
        long[] lastReport = {System.nanoTime()};
        long start = System.nanoTime();
        long deleted = 0;
        Contender c = s.contenders.get(k);
        if (c instanceof FlowsweepContender f) {
            double[] previous = {0};
            DrainResult result = f.service().drain(FlowsweepContender.filter(TAG), BATCH, p -> {
                double elapsed = p.elapsed().toNanos() / 1e6;
                if (p.lastBatchSize() == BATCH) {
                    batchMillis.add(elapsed - previous[0]);
                }
                previous[0] = elapsed;
                maxHeap[0] = Math.max(maxHeap[0], memory.getHeapMemoryUsage().getUsed());
                report(progress, kind, p.deleted(), totalRuns / 2, start, lastReport);
            });
            deleted = result.deleted();
        } else {
            while (true) {
                long t0 = System.nanoTime();
                int n = c.delete(TAG, BATCH).deleted();
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
        report.summary(String.format(Locale.ROOT, "drain [%s] %s%s: %,d runs in %,d batches, %.1f s (%,.0f runs/s), "
                        + "logs gone after %.1f s (%,.0f runs/s); batch median first/last tenth %s/%s ms, ratio %s "
                        + "(<= 1.5 %s); max heap used %d MiB of %d MiB cap%s",
                kind.label, k.label, o.quick() || totalRuns < 1_000_000
                        ? String.format(Locale.ROOT, " (scaled: %,d runs)", totalRuns) : "",
                deleted, batchMillis.size(), seconds, deleted / seconds, secondsWithLogs, deleted / secondsWithLogs,
                Stats.fmt(first.median()), Stats.fmt(last.median()), Report.ratio(ratio), Report.verdict(ratio <= 1.5),
                maxHeap[0] >> 20, heapCap >> 20, heapCap > (256L << 20) ? " (run with -Xmx256m for the heap target)" : ""));
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
