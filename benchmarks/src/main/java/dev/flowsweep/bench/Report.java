package dev.flowsweep.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Where results go. Without {@code --json}: detail lines and one summary line per workload and database on standard
 * output, the summaries repeated at the end. With {@code --json}: standard output holds one JSON object per workload
 * and database, one per line, and nothing else but {@code VERIFY FAILED} lines; detail lines go to standard error.
 * Either way every verification failure is printed on standard output as a line that starts with
 * {@code VERIFY FAILED}.
 */
final class Report {
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;
    private final List<String> summary = new ArrayList<>();
    private boolean failed;

    Report(boolean json) {
        this(json, System.out, System.err);
    }

    Report(boolean json, PrintStream out, PrintStream err) {
        this.json = json;
        this.out = out;
        this.err = err;
    }

    /** A detail line: standard output, or standard error with {@code --json}. */
    void detail(String line) {
        (json ? err : out).println("    " + line);
        (json ? err : out).flush();
    }

    /** A workload's result: its JSON object or summary line, then a {@code VERIFY FAILED} line per problem. */
    void result(Result r) {
        String line = r.summary();
        summary.add(line);
        if (json) {
            out.println(r.toJson());
            err.println(line);
        } else {
            out.println(line);
        }
        for (String problem : r.problems()) {
            String db = r.json().path("database").isTextual() ? " [" + r.json().path("database").asText() + "]" : "";
            out.println("VERIFY FAILED " + r.json().path("workload").asText() + db + ": " + problem);
            failed = true;
        }
        out.flush();
    }

    /** Whether any result failed verification. */
    boolean failed() {
        return failed;
    }

    /** The summary lines so far (printed again at the end without {@code --json}). */
    List<String> summaryLines() {
        return List.copyOf(summary);
    }
}
