package dev.flowsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dry runs of {@code delete}, {@code drain} and {@code retention} with per-table counts: how many rows each table
 * would lose, in text and JSON, nothing changed, and the delete that follows removing exactly that.
 */
abstract class CliDryRunSuite extends CliSuite {
    private static final String TEST_TAG = "{\"tags\": {\"all_\": [\"test\"]}}";

    /** Four test runs, each with two task runs and three logs; one prod run with the same. */
    private List<FlowRun> seed(Instant endTime) {
        List<FlowRun> tests = insertMany(4, "test-", b -> b.tags("test").state(StateType.COMPLETED).endTime(endTime));
        List<FlowRun> prod = insertMany(1, "prod-", b -> b.tags("prod").state(StateType.COMPLETED).endTime(endTime));
        for (FlowRun r : List.of(tests.get(0), tests.get(1), tests.get(2), tests.get(3), prod.get(0))) {
            for (int i = 0; i < 2; i++) {
                TaskRun t = new TaskRun(UUID.randomUUID(), r.id(), "t" + i, "0", "t" + i, StateType.COMPLETED,
                        "Completed");
                storage.inTransaction(tx -> {
                    tx.taskRuns().insert(t);
                    return null;
                });
            }
            logs(r.id(), 3, now());
        }
        return tests;
    }

    private void assertTables(JsonNode tables, int runs) {
        assertEquals(runs, tables.get("flow_run").asInt(), tables.toString());
        assertEquals(2 * runs, tables.get("task_run").asInt(), tables.toString());
        assertEquals(3 * runs, tables.get("log").asInt(), tables.toString());
        if (layout() == dev.flowsweep.jdbc.Layout.PREFECT) {
            assertEquals(runs, tables.get("flow_run_state").asInt(), "one state row per run: " + tables);
            assertEquals(2 * runs, tables.get("task_run_state").asInt(), "one per task run: " + tables);
            assertEquals(0, tables.get("artifact").asInt(), tables.toString());
            assertEquals(0, tables.get("artifact_collection").asInt(), tables.toString());
        } else {
            assertFalse(tables.has("flow_run_state"), "no state table in Flowsweep's layout: " + tables);
        }
    }

    @Test
    void aDeleteDryRunCountsEveryTableAsJsonAndTheDeleteRemovesThat() throws Exception {
        seed(now());

        Result dry = cli("delete", "--filter", TEST_TAG, "--limit", "3", "--dry-run", "--json");

        assertEquals(0, dry.code(), dry.toString());
        JsonNode preview = json(dry.out());
        assertEquals(4, preview.get("matching").asInt());
        assertEquals(3, preview.get("would_delete").size());
        assertTables(preview.get("tables"), 3);
        assertEquals(0, preview.get("released_slots").size());
        assertEquals(5, countRuns(), "nothing changed");
        assertEquals(15, countLogs(), "nothing changed");

        Result real = cli("delete", "--filter", TEST_TAG, "--limit", "3", "--purge-logs");
        assertEquals(0, real.code(), real.toString());
        assertEquals(2, countRuns());
        assertEquals(15 - 9, countLogs(), "the logs the dry run counted were purged");
    }

    @Test
    void aDrainDryRunPrintsTheRowsEachTableWouldLose() {
        seed(now());

        Result dry = cli("drain", "--filter", TEST_TAG, "--batch-size", "3", "--dry-run");

        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().contains("rows each table would lose:"), dry.toString());
        assertTrue(dry.out().matches("(?s).*\\n  flow_run +4\\n.*"), dry.toString());
        assertTrue(dry.out().matches("(?s).*\\n  task_run +8\\n.*"), dry.toString());
        assertTrue(dry.out().matches("(?s).*\\n  log +12 \\(by the log purge, after the delete\\)\\n.*"),
                dry.toString());
        assertTrue(dry.out().contains("concurrency slots    0 released"), dry.toString());
        assertEquals(3, printedIds(dry.out()).size(), "the first batch");
        assertEquals(5, countRuns());
    }

    @Test
    void aRetentionDryRunCountsEveryTableOfEveryMatchingRun() throws Exception {
        seed(now().minus(Duration.ofDays(40)));

        Result dry = cli("retention", "--older-than", "30d", "--batch-size", "2", "--dry-run", "--json");

        assertEquals(0, dry.code(), dry.toString());
        JsonNode preview = json(dry.out());
        assertEquals(5, preview.get("matching").asInt());
        assertTables(preview.get("tables"), 5);
        assertEquals(5, countRuns());
    }
}
