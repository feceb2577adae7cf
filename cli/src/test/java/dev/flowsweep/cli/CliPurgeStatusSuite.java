package dev.flowsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.model.FlowRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code flowsweep purge-status}: the log purge queue, and {@code --process} to empty it.
 */
abstract class CliPurgeStatusSuite extends CliSuite {
    @Test
    void purgeStatusShowsTheQueueAndProcessEmptiesIt() throws Exception {
        List<FlowRun> tests = insertMany(3, "test-", b -> b.tags("test"));
        for (FlowRun t : tests) {
            logs(t.id(), 10, now());
        }
        assertEquals(0, cli("delete", "--filter", TEST_TAG).code());

        Result before = cli("purge-status");
        Result processed = cli("purge-status", "--process", "--timeout", "60s", "--json");

        assertEquals(0, before.code(), before.toString());
        assertTrue(before.out().contains("pending: 3"), before.toString());
        assertTrue(before.out().contains("failed: 0"), before.toString());
        assertTrue(before.out().contains("oldest: queued at "), before.toString());
        assertEquals(0, processed.code(), processed.toString());
        JsonNode status = json(processed.out());
        assertEquals(0, status.get("pending").asInt());
        assertTrue(status.get("idle").asBoolean());
        assertEquals(0, countLogs());
    }
}
