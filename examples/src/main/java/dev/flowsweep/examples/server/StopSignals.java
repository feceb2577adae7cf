package dev.flowsweep.examples.server;

import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM and SIGINT (Ctrl-C) for the launcher: the first starts the clean stop (the JVM's exit, which runs the
 * shutdown hook that closes the server and the storage); a second one, while that is under way, ends the process at
 * once ({@link Runtime#halt}) with 128 + the signal's number. The JVM alone ignores a second signal while its shutdown
 * hooks run, so a stop waiting on a slow request could not be cut short.
 */
final class StopSignals {
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private StopSignals() {
    }

    static void install() {
        for (String name : new String[]{"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), StopSignals::onSignal);
            } catch (IllegalArgumentException unsupported) {
                // not on this platform (or the JVM keeps it, -Xrs): the JVM's own handling stays
            }
        }
    }

    private static void onSignal(Signal signal) {
        int code = 128 + signal.getNumber();
        if (STOPPING.compareAndSet(false, true)) {
            Thread exit = new Thread(() -> System.exit(code), "flowsweep-stop");
            exit.start();
        } else {
            System.err.println("Second SIG" + signal.getName() + ": stopping now, without waiting for requests in flight");
            Runtime.getRuntime().halt(code);
        }
    }
}
