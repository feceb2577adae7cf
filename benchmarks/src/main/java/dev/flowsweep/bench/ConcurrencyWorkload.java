package dev.flowsweep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * concurrency: 1, 2 and 4 threads, each deleting runs of its own tag (disjoint filters) in calls of 200, for each
 * contender. Throughput = runs deleted / wall time, until the calls returned and until the logs were gone too.
 * Runs carry 5 task runs and 20 logs (quick: 5); a quarter hold slots on 10 shared limits (so the calls do contend on the
 * limit rows). No target; the data is not restored (the calls drain their tags), so the server's vacuum setting is in
 * force. Default contenders: flowsweep, floor-1tx, prefect.
 */
final class ConcurrencyWorkload {
    static final int[] THREADS = {1, 2, 4};
    static final int LIMIT = 200;

    private ConcurrencyWorkload() {
    }

    static Result run(DbKind kind, Options o, Report report, Progress progress) throws Exception {
        int calls = o.quick() ? 1 : 10;
        Set<ContenderKind> kinds = o.contendersOr(java.util.EnumSet.of(ContenderKind.FLOWSWEEP,
                ContenderKind.FLOOR_1TX, ContenderKind.PREFECT));
        List<DataSpec.Group> groups = new ArrayList<>();
        for (ContenderKind k : kinds) {
            for (int threads : THREADS) {
                for (int t = 0; t < threads; t++) {
                    groups.add(new DataSpec.Group(tag(k, threads, t), calls * LIMIT, 5, o.quick() ? 5 : 20));
                }
            }
        }
        int grouped = groups.size() * calls * LIMIT;
        DataSpec spec = new DataSpec(o.quick() ? grouped + 5_000 : Math.max(grouped * 2, 100_000), 0, groups);
        progress.line("concurrency on " + kind.label + ": loading " + spec.totalRuns() + " runs");
        Result result = new Result("concurrency", kind, o).scale(o.quick() ? "(quick: " + calls
                + " calls of 200 per thread)" : "");
        try (Session s = Session.open(kind, o, spec, kinds, progress)) {
            result.put("server", Upkeep.serverInfo(s.db)).put("data", new java.util.LinkedHashMap<>(s.sizes));
            result.put("conditions", java.util.Map.of("vacuum", Upkeep.describe(kind, false), "calls_per_thread",
                    calls, "threads", List.of(1, 2, 4)));
            // one untimed call per contender to warm up the code paths (on the background runs: deletes nothing)
            for (Contender c : s.contenders.values()) {
                c.delete("no-such-tag", LIMIT).awaitLogsGone();
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (ContenderKind k : kinds) {
                    Contender c = s.contenders.get(k);
                    for (int threads : THREADS) {
                        double[] r;
                        try {
                            r = measure(pool, c, k, threads, calls);
                        } catch (java.util.concurrent.ExecutionException e) {
                            result.problems(List.of(k.label + " at " + threads + " thread(s) failed: " + e.getCause()));
                            continue;
                        }
                        report.detail(String.format(Locale.ROOT, "concurrency %-8s %-11s %d thread(s): %,.0f runs/s "
                                + "calls, %,.0f runs/s with logs gone%s", kind.label, k.label, threads, r[0], r[1],
                                c.retries() == 0 ? "" : " (" + c.retries() + " deadlock/lock-timeout retries)"));
                        result.figure(k.label + " runs/s at " + threads + " thread(s), calls / logs gone",
                                List.of(Math.round(r[0]), Math.round(r[1])));
                    }
                    result.figure(k.label + " retries", c.retries());
                }
            } finally {
                pool.shutdownNow();
            }
            result.problems(s.db.verify());
        }
        return result.finish();
    }

    /** {runs/s until the calls returned, runs/s until the logs were gone}. */
    private static double[] measure(ExecutorService pool, Contender c, ContenderKind k, int threads, int calls)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Contender.Deletion>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String tag = tag(k, threads, t);
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                List<Contender.Deletion> done = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    done.add(c.delete(tag, LIMIT));
                }
                return done;
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        long deleted = 0;
        List<Contender.Deletion> all = new ArrayList<>();
        for (Future<List<Contender.Deletion>> f : futures) {
            for (Contender.Deletion d : f.get()) {
                deleted += d.deleted();
                all.add(d);
            }
        }
        long callsDone = System.nanoTime();
        List<Future<?>> logs = new ArrayList<>();
        for (Contender.Deletion d : all) {
            logs.add(pool.submit(() -> {
                d.awaitLogsGone();
                return null;
            }));
        }
        for (Future<?> f : logs) {
            f.get();
        }
        long logsDone = System.nanoTime();
        if (deleted != (long) threads * calls * LIMIT) {
            throw new IllegalStateException(k.label + " deleted " + deleted + " runs, expected " + threads * calls * LIMIT);
        }
        return new double[] {deleted / ((callsDone - start) / 1e9), deleted / ((logsDone - start) / 1e9)};
    }

    static String tag(ContenderKind k, int threads, int thread) {
        return "cc-" + k.label + "-" + threads + "-" + thread;
    }
}
