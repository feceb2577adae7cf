package dev.flowsweep.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard error, so that standard output holds only results. */
final class Progress {
    private final boolean enabled;

    Progress(boolean enabled) {
        this.enabled = enabled;
    }

    void line(String text) {
        if (enabled) {
            System.err.println("  [" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + text);
        }
    }
}
