package dev.flowsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code flowsweep delete}: the dry run and the delete, JSON and the audit trail, purging the logs, the filter (from
 * the option or a file, refused when it matches everything or is invalid), the limit, the database from the
 * environment.
 */
abstract class CliDeleteSuite extends CliSuite {
    @Test
    void aDeleteDryRunChangesNothingAndListsWhatTheDeleteThenDeletes() {
        List<FlowRun> tests = insertMany(5, "test-", b -> b.tags("test").state(StateType.COMPLETED));
        List<FlowRun> others = insertMany(3, "prod-", b -> b.tags("prod").state(StateType.COMPLETED));
        logs(tests.get(0).id(), 4, now());

        Result dry = cli("delete", "--filter", TEST_TAG, "--limit", "3", "--dry-run");

        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().startsWith("dry run: would delete 3 of 5 matching run(s); nothing was changed"),
                dry.toString());
        List<UUID> wouldDelete = printedIds(dry.out());
        assertEquals(3, wouldDelete.size());
        assertEquals(8, countRuns());
        assertEquals(0, pendingPurges());

        Result real = cli("delete", "--filter", TEST_TAG, "--limit", "3");

        assertEquals(0, real.code(), real.toString());
        assertTrue(real.out().startsWith("deleted 3 run(s), released 0 concurrency slot(s), queued 3 log purge(s)"),
                real.toString());
        assertEquals(wouldDelete, printedIds(real.out()), "the real delete deletes what the dry run listed");
        Set<UUID> remaining = runIds();
        for (UUID id : wouldDelete) {
            assertFalse(remaining.contains(id));
        }
        assertTrue(remaining.containsAll(ids(others)));
        assertEquals(5, remaining.size());
        assertEquals(3, pendingPurges());
    }

    @Test
    void deleteWritesJsonAndTheAuditTrailOnRequest() throws Exception {
        List<FlowRun> tests = insertMany(2, "test-", b -> b.tags("test"));

        Result r = cli("delete", "--filter", TEST_TAG, "--json", "--audit", "--actor", "ops-oncall");

        assertEquals(0, r.code(), r.toString());
        JsonNode out = json(r.out());
        Set<UUID> deleted = new HashSet<>();
        out.get("deleted").forEach(n -> deleted.add(UUID.fromString(n.asText())));
        assertEquals(ids(tests), deleted);
        assertEquals(2, out.get("purges_enqueued").asInt());
        assertTrue(r.err().contains("flowsweep deletion reason=BULK_DELETE actor=\"ops-oncall\" runs=2"), r.toString());
    }

    @Test
    void theActorDefaultsToTheEnvironmentThenTheUser() {
        insertMany(1, "test-", b -> b.tags("test"));
        env.put(DeletionOptions.ACTOR_ENV, "from-env");

        Result r = cli("delete", "--filter", TEST_TAG, "--audit");

        assertTrue(r.err().contains("actor=\"from-env\""), r.toString());
    }

    @Test
    void deleteWithPurgeLogsLeavesNoLogOfTheDeletedRuns() {
        List<FlowRun> tests = insertMany(2, "test-", b -> b.tags("test"));
        FlowRun kept = insert("kept", b -> b.tags("prod"));
        logs(tests.get(0).id(), 30, now());
        logs(tests.get(1).id(), 5, now());
        logs(kept.id(), 3, now());

        Result r = cli("delete", "--filter", TEST_TAG, "--purge-logs", "--purge-timeout", "60s");

        assertEquals(0, r.code(), r.toString());
        assertEquals(3, countLogs());
        assertEquals(0, pendingPurges());
        assertTrue(r.err().contains("log purges: 0 pending, 0 failed"), r.toString());
    }

    @Test
    void aFilterThatMatchesEverythingIsRefusedUnlessAllowed() {
        insertMany(3, "any-", b -> { });

        Result refused = cli("delete", "--filter", "{\"name\": {}}");
        assertEquals(FlowsweepCli.EXIT_REFUSED, refused.code(), refused.toString());
        assertTrue(refused.err().contains("matches every run"), refused.toString());
        assertEquals(3, countRuns());

        Result allowed = cli("delete", "--filter", "{}", "--allow-match-all");
        assertEquals(0, allowed.code(), allowed.toString());
        assertEquals(0, countRuns());
    }

    @Test
    void anInvalidFilterIsRefusedNamingWhereAndNothingIsDeleted() {
        insertMany(2, "test-", b -> b.tags("test"));

        Result r = cli("delete", "--filter", "{\"state\": {\"type\": {\"any_\": [\"DONE\"]}}, \"colour\": 1}");

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code(), r.toString());
        assertTrue(r.err().contains("invalid filter in --filter"), r.toString());
        // the binding reports one problem per input, the first: the unknown key "colour" comes after it
        assertTrue(r.err().contains("at state.type.any_[0]"), r.toString());
        assertEquals(2, countRuns());
    }

    @Test
    void aLimitOutsideTheCapIsRefusedBeforeAnythingIsTouched() {
        insertMany(2, "test-", b -> b.tags("test"));

        Result r = cli("delete", "--filter", TEST_TAG, "--limit", "201");

        assertEquals(FlowsweepCli.EXIT_REFUSED, r.code(), r.toString());
        assertTrue(r.err().contains("limit must be between 1 and 200, was 201"), r.toString());
        assertEquals(2, countRuns());
    }

    @Test
    void theFilterCanComeFromAFile(@TempDir Path dir) throws Exception {
        insertMany(2, "test-", b -> b.tags("test"));
        insertMany(1, "prod-", b -> b.tags("prod"));
        Path file = dir.resolve("filter.json");
        Files.writeString(file, TEST_TAG);

        Result r = cli("delete", "--filter-file", file.toString());
        Result missing = cli("delete", "--filter-file", dir.resolve("nope.json").toString());

        assertEquals(0, r.code(), r.toString());
        assertEquals(1, countRuns());
        assertEquals(FlowsweepCli.EXIT_REFUSED, missing.code(), missing.toString());
        assertTrue(missing.err().contains("no such file"), missing.toString());
    }

    @Test
    void theDatabaseMayComeFromTheEnvironment() {
        insertMany(2, "test-", b -> b.tags("test"));
        databaseFromEnvironment();

        Result r = run(false, "delete", "--filter", TEST_TAG);

        assertEquals(0, r.code(), r.toString());
        assertEquals(0, countRuns());
    }
}
