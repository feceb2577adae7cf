package dev.flowsweep.cli;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.TransactionCallback;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GracefulShutdown} without real signals: its handler called as a signal would call it. */
class GracefulShutdownTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final List<Integer> halts = new ArrayList<>();
    private final AtomicInteger halted = new AtomicInteger(-1);

    private String err() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A storage whose transaction receives a signal in the middle. */
    private static FlowsweepStorage signalledInside(GracefulShutdown s, String signal, List<Boolean> interruptedInside) {
        return new FlowsweepStorage() {
            @Override
            public <T> T inTransaction(TransactionCallback<T> work) {
                s.onSignal(signal);
                interruptedInside.add(Thread.currentThread().isInterrupted());
                return null;
            }
        };
    }

    @Test
    void aSignalDuringATransactionLetsItFinishThenInterruptsAndExitsWith143() {
        GracefulShutdown s = new GracefulShutdown(Thread.currentThread(), err, halts::add, Duration.ofMinutes(5));
        List<Boolean> inside = new ArrayList<>();
        FlowsweepStorage guarded = s.wrap(signalledInside(s, "TERM", inside));
        guarded.inTransaction(tx -> null);
        assertEquals(List.of(false), inside, "the transaction in flight is not interrupted");
        assertTrue(Thread.interrupted(), "after it, the worker is interrupted: no new batch starts");
        assertEquals(143, s.finish(0));
        assertTrue(err().contains("SIGTERM received: finishing the transaction in flight"), err());
        assertTrue(err().contains("stopped by SIGTERM: the transaction in flight was finished"), err());
        assertEquals(List.of(), halts, "a graceful stop halts nothing");
    }

    @Test
    void aSignalOutsideATransactionInterruptsAtOnceAndCtrlCExitsWith130() {
        Thread worker = new Thread(() -> { });
        GracefulShutdown s = new GracefulShutdown(worker, err, halts::add, Duration.ofMinutes(5));
        s.onSignal("INT");
        assertTrue(worker.isInterrupted(), "a worker waiting outside any transaction is interrupted");
        assertEquals(130, s.finish(2));
    }

    @Test
    void aSecondSignalExitsAtOnce() {
        GracefulShutdown s = new GracefulShutdown(new Thread(() -> { }), err, halts::add, Duration.ofMinutes(5));
        s.onSignal("INT");
        assertEquals(List.of(), halts);
        s.onSignal("INT");
        assertEquals(List.of(130), halts, "the second signal halts with the first signal's code");
        assertTrue(err().contains("second signal (SIGINT): exiting at once"), err());
    }

    @Test
    void aCommandStillRunningPastTheBoundIsEnded() {
        GracefulShutdown s = new GracefulShutdown(new Thread(() -> { }), err, halted::set, Duration.ofMillis(50));
        s.onSignal("TERM");
        Awaits.until(Duration.ofSeconds(30), "the bound ends the tool", () -> halted.get() == 143);
        assertTrue(err().contains("still running 50 ms after SIGTERM: exiting now"), err());
    }

    @Test
    void withoutASignalTheCommandsCodeStandsAndNothingIsGuarded() {
        GracefulShutdown s = new GracefulShutdown(Thread.currentThread(), err, halts::add, Duration.ofMinutes(5));
        assertEquals(2, s.finish(2));
        assertEquals("", err());
        assertFalse(Thread.currentThread().isInterrupted());
        FlowsweepStorage storage = new FlowsweepStorage() {
            @Override
            public <T> T inTransaction(TransactionCallback<T> work) {
                return null;
            }
        };
        assertSame(storage, GracefulShutdown.guard(storage), "not installed (in-process commands): left as it is");
    }
}
