package dev.flowsweep.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for a condition with a deadline, for tests that watch something they do not control (another process, a
 * background purge, a database's lock table). The condition is checked, then checked again every {@code poll} until
 * it holds; at the deadline the test fails naming what it waited for. A condition may throw (an
 * {@link AssertionError} for a state that can never come right, such as a dead child process) to stop at once.
 * This is the one place the tests poll; nothing waits a fixed time.
 */
public final class Await {
    /** How often a condition is checked by default. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(10);

    private Await() {
    }

    /** Waits until {@code condition} holds, checking every {@link #DEFAULT_POLL}, failing after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        until(timeout, DEFAULT_POLL, what, condition, () -> "");
    }

    /**
     * Waits until {@code condition} holds, checking every {@code poll}; after {@code timeout} fails with {@code what}
     * and {@code context} (e.g. a process's output).
     */
    public static void until(Duration timeout, Duration poll, String what, BooleanSupplier condition,
                             Supplier<String> context) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                String more = context.get();
                throw new AssertionError("not within " + timeout + ": " + what + (more.isEmpty() ? "" : "; " + more));
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
