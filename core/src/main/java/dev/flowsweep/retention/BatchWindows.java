package dev.flowsweep.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The batch windows of a retention policy ({@link BatchWindow}): a policy with none may run at any time; a policy with
 * some runs only while one of them is open, stops after the batch in flight when it closes, and resumes at the next
 * opening.
 */
public final class BatchWindows {
    private static final BatchWindows ALWAYS = new BatchWindows(List.of());

    private final List<BatchWindow> windows;

    private BatchWindows(List<BatchWindow> windows) {
        this.windows = List.copyOf(windows);
    }

    /** No window: any time. */
    public static BatchWindows always() {
        return ALWAYS;
    }

    /** These windows; none means any time. */
    public static BatchWindows of(Collection<BatchWindow> windows) {
        Objects.requireNonNull(windows, "windows");
        return windows.isEmpty() ? ALWAYS : new BatchWindows(new ArrayList<>(windows));
    }

    /**
     * Parses each text ({@link BatchWindow#parse}).
     *
     * @throws IllegalArgumentException naming the window and the part that is wrong
     */
    public static BatchWindows parse(Collection<String> texts) {
        List<BatchWindow> list = new ArrayList<>();
        for (String t : texts) {
            list.add(BatchWindow.parse(t));
        }
        return of(list);
    }

    /** The windows; empty when the policy may run at any time. */
    public List<BatchWindow> windows() {
        return windows;
    }

    /** Whether the policy may run at any time. */
    public boolean isAlways() {
        return windows.isEmpty();
    }

    /** Whether one window is open at {@code at} (always true without windows). */
    public boolean isOpen(Instant at) {
        if (windows.isEmpty()) {
            return true;
        }
        for (BatchWindow w : windows) {
            if (w.isOpen(at)) {
                return true;
            }
        }
        return false;
    }

    /** When one window next opens at or after {@code at}: {@code at} when one is open; never null. */
    public Instant nextOpening(Instant at) {
        Instant next = null;
        for (BatchWindow w : windows) {
            Instant o = w.nextOpening(at);
            if (next == null || o.isBefore(next)) {
                next = o;
            }
        }
        return next == null ? at : next;
    }

    /** When the windows open at {@code at} close (the latest of them); null when none is open or without windows. */
    public Instant closesAfter(Instant at) {
        Instant last = null;
        for (BatchWindow w : windows) {
            Instant c = w.closesAfter(at);
            if (c != null && (last == null || c.isAfter(last))) {
                last = c;
            }
        }
        return last;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchWindows other && windows.equals(other.windows);
    }

    @Override
    public int hashCode() {
        return windows.hashCode();
    }

    /** The windows' text forms separated by {@code "; "}, or {@code always}. */
    @Override
    public String toString() {
        if (windows.isEmpty()) {
            return "always";
        }
        StringBuilder s = new StringBuilder();
        for (BatchWindow w : windows) {
            if (s.length() > 0) {
                s.append("; ");
            }
            s.append(w);
        }
        return s.toString();
    }
}
