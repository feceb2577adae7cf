package dev.flowsweep.cli;

import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failing loudly: a drain whose batch fails and a log purge that fails exit non-zero and say which batch or runs and
 * why; retention's batch windows (skipped outside them, run inside, a bad window refused naming the bad part).
 */
abstract class CliFailuresSuite extends CliSuite {
    /** Sorts last in ID_DESC: deleted in the last batch. */
    private static final UUID POISON_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");

    private String table(String name) {
        return layout() == dev.flowsweep.jdbc.Layout.PREFECT ? name : storage.tablePrefix() + name;
    }

    /** A trigger refusing to delete the rows of {@code table} whose {@code column} is {@code poison}. */
    private void poison(String table, String column) throws SQLException {
        List<String> ddl = switch (db.kind().dialect()) {
            case "postgresql" -> List.of("CREATE FUNCTION flowsweep_test_poison() RETURNS trigger AS $$ BEGIN IF OLD."
                            + column + " = 'poison' THEN RAISE EXCEPTION 'poisoned row'; END IF; RETURN OLD; END $$"
                            + " LANGUAGE plpgsql",
                    "CREATE TRIGGER flowsweep_test_poison BEFORE DELETE ON " + table
                            + " FOR EACH ROW EXECUTE FUNCTION flowsweep_test_poison()");
            case "sqlite" -> List.of("CREATE TRIGGER flowsweep_test_poison BEFORE DELETE ON " + table + " WHEN OLD."
                    + column + " = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END");
            case "mariadb" -> List.of("CREATE TRIGGER flowsweep_test_poison BEFORE DELETE ON " + table
                    + " FOR EACH ROW BEGIN IF OLD." + column + " = 'poison' THEN SIGNAL SQLSTATE '45000' SET"
                    + " MESSAGE_TEXT = 'poisoned row'; END IF; END");
            default -> List.of("CREATE TRIGGER flowsweep_test_poison BEFORE DELETE ON " + table
                    + " FOR EACH ROW CALL '" + PoisonTrigger.class.getName() + "'");
        };
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String s : ddl) {
                st.execute(s);
            }
        }
    }

    @Test
    void aDrainWhoseBatchFailsExitsNonZeroNamingTheBatchAndTheCause() throws Exception {
        insertMany(4, "test-", b -> b.tags("test").state(StateType.COMPLETED));
        insert("poison", b -> b.id(POISON_ID).tags("test").state(StateType.COMPLETED));
        poison(table("flow_run"), "name");

        Result r = cli("drain", "--filter", "{\"tags\": {\"all_\": [\"test\"]}}", "--batch-size", "2");

        assertEquals(FlowsweepCli.EXIT_FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("flowsweep: drain failed in batch 3, rolled back, after 2 committed batch(es) whose"
                + " 4 run(s) stay deleted: "), r.toString());
        assertTrue(r.err().contains("poisoned row"), "the cause: " + r);
        assertEquals(1, countRuns(), "the batches before the failure stay committed");
    }

    @Test
    void aLogPurgeThatFailsExitsNonZeroNamingTheRunsAndTheCause() throws Exception {
        FlowRun run = insert("test-0", b -> b.tags("test"));
        logs(run.id(), 2, now());
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + table("log") + " SET message = 'poison'");
        }
        poison(table("log"), "message");

        Result r = cli("delete", "--filter", "{\"tags\": {\"all_\": [\"test\"]}}", "--purge-logs");

        assertEquals(FlowsweepCli.EXIT_FAILURE, r.code(), r.toString());
        assertTrue(r.out().startsWith("deleted 1 run(s)"), r.toString());
        assertTrue(r.err().contains("flowsweep: log purge failed for run(s) " + run.id() + ": "), r.toString());
        assertTrue(r.err().contains("poisoned row"), r.toString());
        assertEquals(2, countLogs());

        Result status = cli("purge-status", "--process", "--timeout", "30s");
        assertEquals(FlowsweepCli.EXIT_OK, status.code(), "a failed purge is not retried before its time: " + status);
    }

    @Test
    void retentionRunsOnlyInsideItsWindows() throws Exception {
        Instant old = now().minus(Duration.ofDays(40));
        insertMany(3, "old-", b -> b.state(StateType.COMPLETED).endTime(old));
        DayOfWeek closedDay = Instant.now().atZone(ZoneOffset.UTC).getDayOfWeek().plus(3);
        String closed = closedDay.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " 00:00-24:00 UTC";

        Result skipped = cli("retention", "--older-than", "30d", "--window", closed, "--json");
        assertEquals(0, skipped.code(), skipped.toString());
        assertEquals("SKIPPED_OUTSIDE_WINDOW", json(skipped.out()).get("outcome").asText(), skipped.toString());
        assertEquals(closedDay.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " 00:00-24:00 UTC",
                json(skipped.out()).get("windows").get(0).asText());
        assertEquals(3, countRuns());

        Result dry = cli("retention", "--older-than", "30d", "--window", closed, "--dry-run");
        assertTrue(dry.out().contains("windows: " + closed + " (closed now; next opens at "), dry.toString());

        Result ran = cli("retention", "--older-than", "30d", "--window", closed, "--window", "* 00:00-24:00");
        assertEquals(0, ran.code(), ran.toString());
        assertTrue(ran.out().contains("deleted 3 run(s)"), ran.toString());
        assertEquals(0, countRuns());

        Result bad = cli("retention", "--older-than", "30d", "--window", "Mon-Fri 01:00-29:00 Europe/Berlin");
        assertEquals(FlowsweepCli.EXIT_REFUSED, bad.code(), bad.toString());
        assertTrue(bad.err().contains("batch window 'Mon-Fri 01:00-29:00 Europe/Berlin': the end time '29:00' is not"
                + " a time of day"), bad.toString());
    }
}
