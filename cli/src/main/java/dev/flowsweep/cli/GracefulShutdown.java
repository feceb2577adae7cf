package dev.flowsweep.cli;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.TransactionCallback;
import sun.misc.Signal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the command-line tool does on SIGINT (Ctrl-C) or SIGTERM. The first signal asks the command to stop: the
 * transaction in flight is finished (never interrupted: the worker thread is interrupted only between transactions,
 * so a drain or a retention run stops before its next batch), the purges it queued stay in the database's purge queue,
 * and the tool exits with {@value #EXIT_SIGINT} (SIGINT) or {@value #EXIT_SIGTERM} (SIGTERM) after a line saying what
 * was done. If it has not exited {@link #DEFAULT_BOUND} after the signal, or on a second signal, it exits at once
 * (the database then rolls back the transaction in flight). Installed by {@link FlowsweepCli#main} only; commands run
 * in-process (tests, embedding) are left alone.
 */
final class GracefulShutdown {
    /** Exit code after a SIGINT: {@value}. */
    static final int EXIT_SIGINT = 130;
    /** Exit code after a SIGTERM: {@value}. */
    static final int EXIT_SIGTERM = 143;
    /** How long after the first signal the tool may still run: the system property {@code flowsweep.shutdownBound}. */
    static final Duration DEFAULT_BOUND = Duration.ofSeconds(30);

    /** Ends the JVM at once; replaced in tests. */
    @FunctionalInterface
    interface Halter {
        void halt(int code);
    }

    private static volatile GracefulShutdown installed;

    private final Thread worker;
    private final PrintStream err;
    private final Halter halter;
    private final Duration bound;
    private final CountDownLatch done = new CountDownLatch(1);
    private String signal;
    private int inFlight;

    GracefulShutdown(Thread worker, PrintStream err, Halter halter, Duration bound) {
        this.worker = worker;
        this.err = err;
        this.halter = halter;
        this.bound = bound;
    }

    /** Handles SIGINT and SIGTERM for the calling (worker) thread from now on. */
    static GracefulShutdown install() {
        Duration bound = DEFAULT_BOUND;
        String b = System.getProperty("flowsweep.shutdownBound");
        if (b != null && !b.isBlank()) {
            bound = new DurationConverter().convert(b.strip());
        }
        GracefulShutdown s = new GracefulShutdown(Thread.currentThread(), System.err, Runtime.getRuntime()::halt, bound);
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), sig -> s.onSignal(sig.getName()));
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal
            }
        }
        installed = s;
        return s;
    }

    /** {@code storage} with its transactions counted, so that a stop never interrupts one; itself when not installed. */
    static FlowsweepStorage guard(FlowsweepStorage storage) {
        GracefulShutdown s = installed;
        return s == null ? storage : s.wrap(storage);
    }

    /** {@code storage} with its transactions counted by this instance. */
    FlowsweepStorage wrap(FlowsweepStorage storage) {
        return new FlowsweepStorage() {
            @Override
            public <T> T inTransaction(TransactionCallback<T> work) {
                enter();
                try {
                    return storage.inTransaction(work);
                } finally {
                    exit();
                }
            }

            @Override
            public String describe() {
                return storage.describe();
            }
        };
    }

    private synchronized void enter() {
        inFlight++;
    }

    /** After a transaction: a stop asked for meanwhile now interrupts this thread, so no new batch starts. */
    private synchronized void exit() {
        inFlight--;
        if (signal != null && inFlight == 0) {
            Thread.currentThread().interrupt();
        }
    }

    void onSignal(String name) {
        String first;
        synchronized (this) {
            first = signal;
            if (first == null) {
                signal = name;
                if (inFlight == 0) {
                    worker.interrupt(); // waiting, not in a transaction: stop now
                }
            }
        }
        if (first != null) {
            err.println("flowsweep: second signal (SIG" + name + "): exiting at once; the database rolls back the "
                    + "transaction in flight, if any; committed batches stay deleted and their log purges queued");
            err.flush();
            halter.halt(exitCode(first));
            return;
        }
        err.println("flowsweep: SIG" + name + " received: finishing the transaction in flight, starting no new "
                + "batch (send it again to exit at once)");
        err.flush();
        Thread watchdog = new Thread(() -> {
            try {
                if (!done.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                    err.println("flowsweep: still running " + DurationConverter.format(bound) + " after SIG" + name
                            + ": exiting now; the database rolls back the transaction in flight, committed batches "
                            + "stay deleted and their log purges queued");
                    err.flush();
                    halter.halt(exitCode(name));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flowsweep-shutdown-bound");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * The exit code once the command returned {@code commandCode}: itself without a signal; otherwise
     * {@value #EXIT_SIGINT} or {@value #EXIT_SIGTERM}, after a line saying what was done.
     */
    int finish(int commandCode) {
        String s;
        synchronized (this) {
            s = signal;
        }
        done.countDown();
        if (s == null) {
            return commandCode;
        }
        err.println("flowsweep: stopped by SIG" + s + ": the transaction in flight was finished and no new one started"
                + " (the command's output above says what was deleted; run it again to go on); the log purges of "
                + "deleted runs stay queued in the database (any Flowsweep LogPurger, or `flowsweep purge-status "
                + "--process`, carries them out)");
        err.flush();
        return exitCode(s);
    }

    private static int exitCode(String signal) {
        return "INT".equals(signal) ? EXIT_SIGINT : EXIT_SIGTERM;
    }
}
