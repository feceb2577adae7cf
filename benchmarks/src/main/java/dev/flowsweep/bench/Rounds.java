package dev.flowsweep.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paired rounds on restored data. A <em>cell</em> is one contender deleting one {@link Fixture.Target}. Every round
 * runs every cell once (the order rotated from round to round, so no cell always goes first); after each call the
 * harness checks the work and restores the data ({@link Fixture}), untimed. Warm-up rounds go on until every cell's
 * call latency is steady — the median of its last {@code window} warm-up calls within {@code tolerance} of the median
 * of the {@code window} before — or until {@code maxWarmup}; then {@code measured} rounds are recorded: sample
 * {@code i} of every cell comes from round {@code i}, which makes them pairs. GC is logged for every measured call.
 */
final class Rounds {
    private Rounds() {
    }

    /** How many rounds. */
    record Settings(int minWarmup, int maxWarmup, int window, double tolerance, int measured) {
        static Settings of(Options o) {
            int measured = o.iterationsOr(20, 30);
            int maxWarmup = o.warmupOr(5, 30);
            return o.quick() ? new Settings(Math.min(4, maxWarmup), maxWarmup, 2, 0.15, measured)
                    : new Settings(Math.min(6, maxWarmup), maxWarmup, 3, 0.10, measured);
        }
    }

    /** One contender deleting one target. */
    record Cell(String name, Fixture.Target target, Contender contender) {
    }

    /** A cell's measured samples (milliseconds, index = round) and the GC seen during its measured calls. */
    static final class Samples {
        final List<Double> call = new ArrayList<>();
        final List<Double> endToEnd = new ArrayList<>();
        long gcCollections;
        long gcMillis;
        int callsWithGc;

        double[] call() {
            return call.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double[] endToEnd() {
            return endToEnd.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /**
     * What the rounds gave: samples per cell, warm-up rounds run, whether they ended steady, problems found, and the
     * untimed work between calls (check and restore, milliseconds per call).
     */
    record Result(Map<String, Samples> samples, int warmupRounds, boolean steady, List<String> problems,
                  List<Double> upkeepMillis) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    static Result run(Fixture fixture, List<Cell> cells, Settings settings, Progress progress, String label)
            throws Exception {
        Map<String, Samples> samples = new LinkedHashMap<>();
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        for (Cell c : cells) {
            samples.put(c.name(), new Samples());
            warm.put(c.name(), new ArrayList<>());
        }
        List<String> problems = new ArrayList<>();
        List<Double> upkeep = new ArrayList<>();
        int warmup = 0;
        boolean steady = false;
        while (warmup < settings.maxWarmup() && !steady) {
            if (!round(fixture, cells, warmup, null, warm, problems, upkeep)) {
                return new Result(samples, warmup, false, problems, upkeep);
            }
            warmup++;
            steady = warmup >= Math.max(settings.minWarmup(), 2 * settings.window()) && steady(warm, settings);
        }
        progress.line(label + ": " + warmup + " warm-up round(s)" + (steady ? ", steady" : ", NOT steady")
                + "; measuring " + settings.measured() + " rounds");
        long lastReport = System.nanoTime();
        for (int r = 0; r < settings.measured(); r++) {
            if (!round(fixture, cells, warmup + r, samples, null, problems, upkeep)) {
                break;
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                progress.line(label + ": round " + (r + 1) + " of " + settings.measured());
            }
        }
        return new Result(samples, warmup, steady, problems, upkeep);
    }

    /** One round; false when a check failed (the problems say what). */
    private static boolean round(Fixture fixture, List<Cell> cells, int round, Map<String, Samples> measured,
                                 Map<String, List<Double>> warm, List<String> problems, List<Double> upkeep)
            throws Exception {
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get((i + round) % cells.size());
            Gc gc0 = Gc.now();
            long t0 = System.nanoTime();
            Contender.Deletion d = cell.contender().delete(cell.target().tag(), cell.target().ids().size());
            long t1 = System.nanoTime();
            d.awaitLogsGone();
            long t2 = d.logsGoneAt(System.nanoTime());
            Gc gc = Gc.now().since(gc0);
            List<String> found = new ArrayList<>();
            if (d.deleted() != cell.target().ids().size()) {
                found.add("reported " + d.deleted() + " runs deleted, " + cell.target().ids().size() + " expected");
            }
            long u0 = System.nanoTime();
            found.addAll(fixture.check(cell.target()));
            if (!found.isEmpty()) {
                for (String p : found) {
                    problems.add(cell.name() + " (round " + (round + 1) + "): " + p);
                }
                return false;
            }
            fixture.restore(cell.target());
            upkeep.add((System.nanoTime() - u0) / 1e6);
            if (measured != null) {
                Samples s = measured.get(cell.name());
                s.call.add((t1 - t0) / 1e6);
                s.endToEnd.add((t2 - t0) / 1e6);
                s.gcCollections += gc.collections();
                s.gcMillis += gc.millis();
                s.callsWithGc += gc.collections() > 0 ? 1 : 0;
            } else {
                warm.get(cell.name()).add((t1 - t0) / 1e6);
            }
        }
        return true;
    }

    /** Every cell's last {@code window} warm-up calls have a median within {@code tolerance} of the window before. */
    static boolean steady(Map<String, List<Double>> warm, Settings settings) {
        int w = settings.window();
        for (List<Double> calls : warm.values()) {
            if (calls.size() < 2 * w) {
                return false;
            }
            double[] last = tail(calls, 0, w);
            double[] before = tail(calls, w, w);
            double ratio = Bootstrap.medianInPlace(last) / Bootstrap.medianInPlace(before);
            if (Math.abs(ratio - 1) > settings.tolerance()) {
                return false;
            }
        }
        return true;
    }

    private static double[] tail(List<Double> calls, int skip, int n) {
        double[] out = new double[n];
        int end = calls.size() - skip;
        for (int i = 0; i < n; i++) {
            out[i] = calls.get(end - n + i);
        }
        return out;
    }
}
