package dev.flowsweep.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a batched deletion. On a console: one line redrawn in place ({@code \r}) with a bar, the count and
 * the elapsed time. Otherwise (a pipe, a file, a CI log): plain lines, about twenty for the whole job, so that a
 * log stays readable whatever the number of batches.
 */
final class Progress {
    private static final int BAR_WIDTH = 30;
    private static final int PLAIN_LINES = 20;

    private final PrintWriter out;
    private final boolean console;
    private final long expected;
    private final long batchesEvery;
    private final String unit;
    private final String done;
    private boolean drawn;

    /**
     * @param expected how many runs are expected in all (matching when the job started), 0 when unknown
     * @param batchSize runs per batch, to spread the plain lines
     */
    Progress(PrintWriter out, boolean console, long expected, int batchSize) {
        this(out, console, expected, batchSize, "runs", "run(s) deleted");
    }

    /**
     * Progress of another kind of item: {@code unit} on the console line (e.g. {@code documents}), {@code done} in the
     * plain lines (e.g. {@code document(s) exported}).
     */
    Progress(PrintWriter out, boolean console, long expected, int batchSize, String unit, String done) {
        this.unit = unit;
        this.done = done;
        this.out = out;
        this.console = console;
        this.expected = expected;
        long batches = Math.max(1, (expected + batchSize - 1) / batchSize);
        this.batchesEvery = Math.max(1, batches / PLAIN_LINES);
    }

    /** After a batch: {@code done} runs deleted so far in {@code batches} batches. */
    void update(long done, int batches, Duration elapsed) {
        if (console) {
            out.print("\r" + bar(done) + "  " + done + (expected > 0 ? "/" + expected : "") + " " + unit
                    + "  batch " + batches
                    + "  " + DurationConverter.format(elapsed) + "   ");
            drawn = true;
        } else if (batches % batchesEvery == 0) {
            out.println("batch " + batches + ": " + done + " " + this.done + (expected > 0 ? " of ~" + expected : "")
                    + " (" + DurationConverter.format(elapsed) + ")");
        }
        out.flush();
    }

    /** Ends the progress display (the console line is kept and the cursor moves on). */
    void finish() {
        if (drawn) {
            out.println();
            out.flush();
        }
    }

    String bar(long done) {
        double fraction = expected <= 0 ? 0 : Math.min(1.0, (double) done / expected);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100));
    }
}
