package dev.flowsweep.purge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs handed over in process ({@link LogPurger#purgesQueued}) and not purged yet, in the order they came. Only a
 * shortcut: their queue rows are the durable record, so what is dropped here (over {@link #MAX_PENDING}, or when the
 * purger closes) is still found by a scan of the queue. Thread-safe.
 */
final class HandOff {
    /** Most runs kept: {@value}; beyond it, a hand-off is dropped and the purger scans the queue instead. */
    static final int MAX_PENDING = 100_000;

    private final ArrayDeque<UUID> pending = new ArrayDeque<>();

    /** Keeps these runs; false (nothing kept) when that would pass {@link #MAX_PENDING}. */
    synchronized boolean add(List<UUID> runs) {
        if (pending.size() + runs.size() > MAX_PENDING) {
            return false;
        }
        pending.addAll(runs);
        return true;
    }

    /** Up to {@code max} runs, the oldest first, removed from here; empty when none is pending. */
    synchronized List<UUID> poll(int max) {
        List<UUID> runs = new ArrayList<>(Math.min(max, pending.size()));
        while (runs.size() < max && !pending.isEmpty()) {
            runs.add(pending.poll());
        }
        return runs;
    }

    synchronized boolean isEmpty() {
        return pending.isEmpty();
    }
}
