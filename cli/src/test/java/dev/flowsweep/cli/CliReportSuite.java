package dev.flowsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code flowsweep report}: per table rows and size (the database's own catalogue), the purge queue, no archive, the
 * advice to VACUUM where deleted rows left space (PostgreSQL's dead rows, SQLite's free pages); nothing changed.
 */
abstract class CliReportSuite extends CliSuite {
    private static final String TEST_TAG = "{\"tags\": {\"all_\": [\"test\"]}}";

    private String table(String name) {
        return layout() == dev.flowsweep.jdbc.Layout.PREFECT ? name : storage.tablePrefix() + name;
    }

    private static JsonNode row(JsonNode report, String name) {
        for (JsonNode t : report.get("tables")) {
            if (t.get("name").asText().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return fail("no table " + name + " in " + report);
    }

    @Test
    void theReportCountsEachTableSaysItsSizeAndShowsThePurgeQueue() throws Exception {
        List<FlowRun> runs = insertMany(5, "test-", b -> b.tags("test").state(StateType.COMPLETED));
        logs(runs.get(0).id(), 7, now());
        assertEquals(0, cli("delete", "--filter", TEST_TAG, "--limit", "2").code());

        Result r = cli("report", "--json");

        assertEquals(0, r.code(), r.toString());
        JsonNode report = json(r.out());
        assertEquals(db.kind().dialect(), report.get("database").asText());
        JsonNode flowRun = row(report, table("flow_run"));
        assertEquals(3, flowRun.get("rows").asInt(), flowRun.toString());
        assertTrue(flowRun.get("rows_exact").asBoolean());
        assertEquals(layout() == dev.flowsweep.jdbc.Layout.PREFECT ? "prefect" : "flowsweep",
                flowRun.get("owner").asText());
        if (db.kind().dialect().equals("h2") && db.jdbcUrl().startsWith("jdbc:h2:mem:")) {
            assertTrue(flowRun.get("bytes").isNull(), "no size on disk in memory: " + flowRun);
        } else {
            assertTrue(flowRun.get("bytes").asLong() > 0, "a size for " + flowRun);
        }
        assertEquals(7, row(report, table("log")).get("rows").asInt(), "the purge has not run");
        assertEquals("flowsweep", row(report, storage.tablePrefix() + "log_purge_queue").get("owner").asText());
        assertEquals(2, report.get("purge_queue").get("pending").asInt());
        assertEquals(0, report.get("purge_queue").get("failed").asInt());
        assertEquals(storage.tablePrefix() + "archive", report.get("archive").asText(), report.toString());
        assertEquals(0, row(report, storage.tablePrefix() + "archive").get("rows").asInt(), "nothing was archived");
        if (layout() == dev.flowsweep.jdbc.Layout.PREFECT) {
            assertEquals(3, row(report, "flow_run_state").get("rows").asInt(), "one state per remaining run");
            row(report, "artifact");
        }
        if (db.kind().dialect().equals("postgresql")) {
            assertTrue(flowRun.has("dead_rows") && !flowRun.get("dead_rows").isNull(), flowRun.toString());
        }
        if (db.kind().dialect().equals("sqlite")) {
            assertTrue(report.get("file_bytes").asLong() > 0, report.toString());
        }
        assertEquals(3, countRuns(), "the report changes nothing");
        assertEquals(7, countLogs(), "the report changes nothing");

        Result text = cli("report");
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.out().contains("log purge queue: 2 pending, 0 failed, oldest queued"), text.toString());
        assertTrue(text.out().matches("(?s).*\\n" + table("flow_run") + " +(prefect|flowsweep) +3 .*"),
                text.toString());
        assertTrue(text.out().contains("archive: " + storage.tablePrefix() + "archive, 0 row(s)"), text.toString());
    }

    @Test
    void theReportAdvisesAVacuumWhereDeletedRowsLeftSpace() throws Exception {
        List<FlowRun> runs = insertMany(1, "test-", b -> b.tags("test"));
        String line = "x".repeat(2_000);
        for (int i = 0; i < 4; i++) {
            logs(runs.get(0).id(), 100, now());
        }
        JsonNode before = json(cli("report", "--json").out());
        assertEquals(0, before.get("advice").size(), before.toString());
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + table("log") + " SET message = '" + line + "'");
            st.executeUpdate("DELETE FROM " + table("log"));
        }
        String dialect = db.kind().dialect();
        if (!dialect.equals("postgresql") && !dialect.equals("sqlite")) {
            JsonNode after = json(cli("report", "--json").out());
            assertEquals(0, row(after, table("log")).get("rows").asInt());
            return;
        }
        // PostgreSQL's statistics reach other sessions a moment after the deleting one ends.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode after;
        while (true) {
            Result r = cli("report", "--json");
            assertEquals(0, r.code(), r.toString());
            after = json(r.out());
            if (after.get("advice").size() > 0 || System.nanoTime() > deadline) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        assertEquals(1, after.get("advice").size(), after.toString());
        String advice = after.get("advice").get(0).asText();
        assertTrue(advice.startsWith(dialect.equals("sqlite") ? "VACUUM would give back" : "VACUUM (ANALYZE) "
                + table("log")), advice);
        if (dialect.equals("postgresql")) {
            assertTrue(row(after, table("log")).get("dead_rows").asLong() >= 400, after.toString());
        } else {
            assertTrue(after.get("free_bytes").asLong() > 0, after.toString());
        }
        Result text = cli("report");
        assertTrue(text.out().contains(advice), text.toString());
        assertFalse(text.out().contains("no VACUUM would give space back now"), text.toString());
    }
}
