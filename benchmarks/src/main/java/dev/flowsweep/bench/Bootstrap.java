package dev.flowsweep.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals ({@value #RESAMPLES} resamples, seeded, so a run's intervals can be recomputed from
 * its samples): of a median, and of the ratio of two medians over <em>paired</em> samples — sample {@code i} of both
 * contenders comes from the same round, on the same data, so a resample draws rounds, keeping each pair together.
 * With 20 samples the percentile interval of a ratio of medians errs on the wide side (98–99 % coverage in
 * {@code BootstrapTest}'s simulation), so "the whole interval meets the target" is a cautious verdict.
 */
final class Bootstrap {
    static final int RESAMPLES = 4000;
    /** The interval's coverage: 95 %. */
    static final double LEVEL = 0.95;
    static final long SEED = 20_261_125L;

    private Bootstrap() {
    }

    /** A point estimate with its 95 % interval. */
    record Interval(double estimate, double low, double high) {
        Interval {
            if (!(low <= high)) {
                throw new IllegalArgumentException("interval [" + low + ", " + high + "]");
            }
        }

        boolean contains(double v) {
            return low <= v && v <= high;
        }
    }

    /** The median of {@code x} and its bootstrap interval. */
    static Interval median(double[] x) {
        return median(x, SEED);
    }

    static Interval median(double[] x, long seed) {
        check(x);
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[RESAMPLES];
        double[] resample = new double[x.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < x.length; i++) {
                resample[i] = x[random.nextInt(x.length)];
            }
            stats[b] = medianInPlace(resample);
        }
        return interval(medianInPlace(x.clone()), stats);
    }

    /** {@code median(num) / median(den)} over paired samples, and its bootstrap interval (rounds resampled). */
    static Interval ratioOfMedians(double[] num, double[] den) {
        return ratioOfMedians(num, den, SEED);
    }

    static Interval ratioOfMedians(double[] num, double[] den, long seed) {
        check(num);
        check(den);
        if (num.length != den.length) {
            throw new IllegalArgumentException("paired samples of different sizes: " + num.length + " and "
                    + den.length);
        }
        int n = num.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[RESAMPLES];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(n);
                a[i] = num[k];
                b[i] = den[k];
            }
            stats[r] = medianInPlace(a) / medianInPlace(b);
        }
        return interval(medianInPlace(num.clone()) / medianInPlace(den.clone()), stats);
    }

    /** The median (mean of the two middle values of an even sample); sorts {@code x}. */
    static double medianInPlace(double[] x) {
        Arrays.sort(x);
        int n = x.length;
        return n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
    }

    private static Interval interval(double estimate, double[] stats) {
        Arrays.sort(stats);
        double tail = (1 - LEVEL) / 2;
        return new Interval(estimate, Stats.quantile(stats, tail), Stats.quantile(stats, 1 - tail));
    }

    private static void check(double[] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("sample holds " + v);
            }
        }
    }
}
