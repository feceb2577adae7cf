package dev.flowsweep.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Order statistics of a sample (milliseconds or any unit): median, quartiles, extremes. */
record Stats(int n, double median, double p25, double p75, double min, double max) {

    static Stats of(List<Double> sample) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("empty sample");
        }
        List<Double> s = new ArrayList<>(sample);
        Collections.sort(s);
        return new Stats(s.size(), quantile(s, 0.5), quantile(s, 0.25), quantile(s, 0.75), s.get(0),
                s.get(s.size() - 1));
    }

    /** Linear interpolation between closest ranks (the usual "type 7" quantile). */
    static double quantile(List<Double> sorted, double q) {
        double[] a = new double[sorted.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = sorted.get(i);
        }
        return quantile(a, q);
    }

    /** The same on a sorted array. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** {@code 12.3 [11.9–13.0] (min 11.5, max 15.2, n 10)}. */
    String describe() {
        return String.format(Locale.ROOT, "%s [%s-%s] (min %s, max %s, n %d)", fmt(median), fmt(p25), fmt(p75),
                fmt(min), fmt(max), n);
    }

    static String fmt(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
