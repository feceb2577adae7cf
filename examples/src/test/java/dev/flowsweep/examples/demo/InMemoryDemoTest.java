package dev.flowsweep.examples.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryDemoTest {

    @Test
    void defaultFilterDeletesNightlyAndSlotHoldingRunsAndPurgesTheirLogs() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = InMemoryDemo.run(InMemoryDemo.DEFAULT_FILTER, print(out), print(err));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        // 40 runs cycle through the 9 state types; even-numbered runs are nightly (20), and among the odd ones
        // the RUNNING/PENDING runs (i % 9 in {1, 2}) are added by the or_: i = 1, 11, 19, 29, 37 -> 5 more.
        assertTrue(text.contains("Deleted 25 runs"), text);
        assertTrue(text.contains("0 logs of deleted runs left"), text);
        assertTrue(text.contains("3750 logs of other runs kept"), text);
    }

    @Test
    void tagFilterReleasesNoSlotOfRunsThatHeldNone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = InMemoryDemo.run("{\"tags\": {\"all_\": [\"adhoc\"]}, \"state\": {\"type\": {\"any_\": [\"COMPLETED\"]}}}",
                print(out), print(new ByteArrayOutputStream()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code);
        // odd i with i % 9 == 3 (COMPLETED): 3, 21, 39
        assertTrue(text.contains("Deleted 3 runs"), text);
        assertTrue(text.contains("Released no concurrency slots."), text);
    }

    @Test
    void refusedFilterNamesTheProblemAndExitsWithOne() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = InMemoryDemo.run("{\"tags\": {\"bogus_\": 1}}", print(new ByteArrayOutputStream()), print(err));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bogus_"), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
