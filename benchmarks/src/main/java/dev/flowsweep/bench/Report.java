package dev.flowsweep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Result lines: printed at once on standard output and repeated as a summary at the end. */
final class Report {
    private final List<String> summary = new ArrayList<>();

    /** A detail line (printed only). */
    void detail(String line) {
        System.out.println("    " + line);
        System.out.flush();
    }

    /** A summary line: one per workload and database. */
    void summary(String line) {
        summary.add(line);
        System.out.println(line);
        System.out.flush();
    }

    List<String> summaryLines() {
        return List.copyOf(summary);
    }

    static String verdict(boolean ok) {
        return ok ? "OK" : "MISSED";
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }
}
