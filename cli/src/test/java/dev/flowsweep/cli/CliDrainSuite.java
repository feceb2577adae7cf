package dev.flowsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code flowsweep drain}: the dry run, deleting in batches with a progress line per batch, a bar on a console, JSON.
 */
abstract class CliDrainSuite extends CliSuite {
    @Test
    void aDrainDryRunCountsWhatTheDrainThenDeletesInBatchesWithProgressLines() {
        List<FlowRun> tests = insertMany(25, "test-", b -> b.tags("test").state(StateType.FAILED));
        List<FlowRun> others = insertMany(4, "prod-", b -> b.tags("prod"));

        Result dry = cli("drain", "--filter", TEST_TAG, "--batch-size", "10", "--dry-run");

        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().startsWith("dry run: 25 matching run(s) would be deleted in 3 batch(es) of 10"),
                dry.toString());
        assertEquals(10, printedIds(dry.out()).size());
        assertEquals(29, countRuns());

        Result real = cli("drain", "--filter", TEST_TAG, "--batch-size", "10");

        assertEquals(0, real.code(), real.toString());
        assertTrue(real.out().contains("batch 1: 10 run(s) deleted of ~25"), real.toString());
        assertTrue(real.out().contains("batch 3: 25 run(s) deleted of ~25"), real.toString());
        assertTrue(real.out().contains("deleted 25 run(s) in 3 batch(es)"), real.toString());
        assertTrue(real.out().contains("nothing matching is left"), real.toString());
        assertFalse(real.out().contains("\r"), "no bar when stdout is not a console");
        assertEquals(ids(others), runIds());
        assertTrue(ids(tests).stream().noneMatch(runIds()::contains));
    }

    @Test
    void aDrainOnAConsoleDrawsABarInPlace() {
        insertMany(12, "test-", b -> b.tags("test"));

        Result r = cliOnConsole("drain", "--filter", TEST_TAG, "--batch-size", "6");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("\r[###############---------------]  50%  6/12 runs  batch 1 "), r.out());
        assertTrue(r.out().contains("\r[##############################] 100%  12/12 runs  batch 2 "), r.out());
        assertTrue(r.out().contains("deleted 12 run(s) in 3 batch(es)"), r.out());
        assertFalse(r.out().contains("batch 1: "), "no plain lines on a console");
    }

    @Test
    void aDrainWithJsonKeepsStdoutForTheResult() throws Exception {
        insertMany(7, "test-", b -> b.tags("test"));

        Result r = cli("drain", "--filter", TEST_TAG, "--batch-size", "3", "--json");

        assertEquals(0, r.code(), r.toString());
        JsonNode out = json(r.out());
        assertEquals(7, out.get("deleted").asInt());
        assertEquals(3, out.get("batches").asInt());
        assertEquals("EXHAUSTED", out.get("stop_reason").asText());
        assertTrue(r.err().contains("batch 1: 3 run(s) deleted"), r.toString());
    }
}
