package dev.flowsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.retention.RetentionService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code flowsweep retention}: a 30-day policy over old finished runs (running runs and subflows kept), its dry run,
 * its filter and summary, states, refusals, the policy's lease, and orphaned logs.
 */
abstract class CliRetentionSuite extends CliSuite {
    /** Old finished runs (to delete), and runs a 30-day policy keeps. */
    private record Aged(List<FlowRun> old, List<FlowRun> kept) {
    }

    private Aged aged() {
        Instant old = now().minus(Duration.ofDays(45));
        List<FlowRun> doomed = new ArrayList<>();
        doomed.addAll(insertMany(5, "old-completed-", b -> b.state(StateType.COMPLETED).endTime(old)));
        doomed.addAll(insertMany(2, "old-failed-", b -> b.state(StateType.FAILED).endTime(old)));
        doomed.add(insert("old-crashed", b -> b.state(StateType.CRASHED).endTime(old)));
        List<FlowRun> kept = new ArrayList<>();
        kept.add(insert("recent", b -> b.state(StateType.COMPLETED).endTime(now().minus(Duration.ofDays(2)))));
        kept.add(insert("old-running", b -> b.state(StateType.RUNNING).startTime(old)));
        FlowRun parent = insert("parent", b -> b.state(StateType.RUNNING));
        kept.add(parent);
        TaskRun task = new TaskRun(UUID.randomUUID(), parent.id(), "t", "0", null, null, null);
        storage.inTransaction(tx -> {
            tx.taskRuns().insert(task);
            return null;
        });
        kept.add(insert("old-subflow", b -> b.state(StateType.COMPLETED).endTime(old).parentTaskRunId(task.id())));
        return new Aged(doomed, kept);
    }

    @Test
    void aRetentionDryRunChangesNothingAndItsCountsMatchTheRunThatFollows() throws Exception {
        Aged aged = aged();

        Result dry = cli("retention", "--older-than", "30d", "--batch-size", "3", "--dry-run", "--json");

        assertEquals(0, dry.code(), dry.toString());
        JsonNode preview = json(dry.out());
        assertEquals(8, preview.get("matching").asInt());
        assertEquals(3, preview.get("batches").asInt());
        assertEquals(8, preview.get("first_ids").size());
        assertTrue(preview.get("filter").asText().contains("\"end_time\":{\"before_\""), dry.toString());
        assertEquals(12, countRuns());

        Result real = cli("retention", "--older-than", "30d", "--batch-size", "3", "--json");

        assertEquals(0, real.code(), real.toString());
        JsonNode run = json(real.out());
        assertEquals("COMPLETED", run.get("outcome").asText());
        assertEquals(preview.get("matching").asInt(), run.get("deleted").asInt());
        assertEquals(preview.get("batches").asInt(), run.get("batches").asInt());
        assertEquals(ids(aged.kept()), runIds());
    }

    @Test
    void retentionPrintsTheFilterItUsesAndAHumanSummary() {
        aged();

        Result dry = cli("retention", "--older-than", "30d", "--dry-run", "--show", "2");
        Result real = cli("retention", "--older-than", "30d", "--name", "nightly-vacuum", "--audit");

        assertTrue(dry.out().startsWith("dry run of retention cli: 8 run(s) would be deleted in 1 batch(es) of 200"),
                dry.toString());
        assertTrue(dry.out().contains("cutoff: runs that ended before "), dry.toString());
        assertTrue(dry.out().contains("filter: {"), dry.toString());
        assertEquals(2, printedIds(dry.out()).size());
        assertTrue(real.out().contains("retention nightly-vacuum: deleted 8 run(s) in 1 batch(es)"), real.toString());
        assertTrue(real.out().contains("nothing old enough is left"), real.toString());
        assertTrue(real.err().contains("reason=RETENTION:nightly-vacuum"), real.toString());
    }

    @Test
    void retentionDeletesOnlyTheStatesAsked() {
        Aged aged = aged();

        Result r = cli("retention", "--older-than", "30d", "--state", "failed,crashed");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("deleted 3 run(s)"), r.toString());
        Set<UUID> remaining = runIds();
        assertTrue(remaining.containsAll(ids(aged.kept())));
        assertEquals(aged.kept().size() + 5, remaining.size(), "the 5 old COMPLETED runs stay");
    }

    @Test
    void retentionRefusesUnknownStatesAndMissingAges() {
        aged();

        Result badState = cli("retention", "--older-than", "30d", "--state", "DONE");
        Result noAge = cli("retention");
        Result badAge = cli("retention", "--older-than", "thirty days");

        assertEquals(FlowsweepCli.EXIT_REFUSED, badState.code(), badState.toString());
        assertTrue(badState.err().contains("DONE"), badState.toString());
        assertEquals(FlowsweepCli.EXIT_REFUSED, noAge.code(), noAge.toString());
        assertTrue(noAge.err().contains("--older-than"), noAge.toString());
        assertEquals(FlowsweepCli.EXIT_REFUSED, badAge.code(), badAge.toString());
        assertEquals(12, countRuns());
    }

    @Test
    void retentionIsSkippedWhileAnotherInstanceHoldsThePolicysLease() {
        aged();
        Instant now = now();
        assertTrue(storage.<Boolean>inTransaction(tx -> tx.leases().tryAcquire(RetentionService.LEASE_PREFIX + "cli",
                "server-1", now, now.plus(Duration.ofHours(1)))));

        Result r = cli("retention", "--older-than", "30d");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("skipped: held by server-1"), r.toString());
        assertTrue(r.err().contains("retention cli skipped"), r.toString());
        assertEquals(12, countRuns());
        Result otherName = cli("retention", "--older-than", "30d", "--name", "other");
        assertTrue(otherName.out().contains("deleted 8 run(s)"), otherName.toString());
    }

    @Test
    void retentionSweepsOrphanedLogsOnRequest() {
        aged();
        UUID gone = UUID.randomUUID();
        logs(gone, 6, now().minus(Duration.ofHours(5)));
        logs(gone, 2, now());

        Result r = cli("retention", "--older-than", "30d", "--orphan-logs", "--orphan-grace", "2h");

        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("orphaned logs: deleted 6 (COMPLETED)"), r.toString());
        assertEquals(2, countLogs());
    }
}
