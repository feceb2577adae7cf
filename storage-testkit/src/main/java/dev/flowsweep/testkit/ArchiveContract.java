package dev.flowsweep.testkit;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeleteByIdResult;
import dev.flowsweep.service.DrainResult;
import dev.flowsweep.spi.ArchiveBatch;
import dev.flowsweep.spi.ArchiveBatchSummary;
import dev.flowsweep.spi.ArchivedDocument;
import dev.flowsweep.spi.FlowsweepStorage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archive before delete (docs/CONTRACT.md, "Archive"): what a delete that asks for it writes to the archive in its
 * transaction, what it leaves out (dry runs, deletes that do not ask, rolled-back transactions), the logs the purge
 * archives when the delete asked for it, and the archive's list, export and drop.
 */
public abstract class ArchiveContract extends StorageContractSupport {
    /** When the tests' services archive. */
    protected static final Instant AT = Instant.parse("2026-07-01T08:30:00.123456Z");
    private static final Duration PURGE_DEADLINE = Duration.ofSeconds(60);

    private BulkDeleteService service(Instant at) {
        return BulkDeleteService.builder(storage).clock(Clock.fixed(at, ZoneOffset.UTC)).build();
    }

    private List<ArchivedDocument> archived() {
        List<ArchivedDocument> all = new ArrayList<>();
        fx.tx(tx -> tx.archive().export(null, all::add));
        return all;
    }

    private static List<ArchivedDocument> ofKind(List<ArchivedDocument> docs, String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    private static Set<String> sourceIds(List<ArchivedDocument> docs) {
        return docs.stream().map(ArchivedDocument::sourceId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> strings(Object... ids) {
        Set<String> s = new TreeSet<>();
        for (Object id : ids) {
            s.add(id.toString());
        }
        return s;
    }

    @Test
    void aBulkDeleteThatAsksArchivesItsRunsAndTaskRunsWithTheirFields() {
        FlowRun full = fx.fullRun(null, null);
        TaskRun t1 = fx.taskRun(full);
        TaskRun t2 = fx.taskRun(full);
        FlowRun kept = fx.run("kept", b -> b.tags("keep"));
        fx.taskRun(kept);

        BulkDeleteResult r = service(AT).bulkDelete(BulkDeleteRequest.of(
                FlowRunFilter.builder().tagsAll("alpha").build(), 10).withActor("ops@example").withArchive(true));

        assertEquals(List.of(full.id()), r.deleted());
        assertFalse(fx.exists(full.id()), "the run is deleted");
        assertTrue(fx.exists(kept.id()));
        List<ArchivedDocument> docs = archived();
        List<ArchivedDocument> runs = ofKind(docs, "flow_run");
        List<ArchivedDocument> tasks = ofKind(docs, "task_run");
        assertEquals(strings(full.id()), sourceIds(runs), "the deleted run, and only it");
        assertEquals(strings(t1.id(), t2.id()), sourceIds(tasks), "its task runs, and only theirs");
        assertEquals(0, ofKind(docs, "log").size(), "logs are archived by the purge, not by the delete");
        UUID batch = docs.get(0).batchId();
        for (ArchivedDocument d : docs) {
            assertEquals(batch, d.batchId(), "one batch per deleting transaction");
            assertEquals("BULK_DELETE", d.reason());
            assertEquals("ops@example", d.actor());
            assertEquals(AT, d.archivedAt());
        }

        Map<String, Object> run = ArchiveDocuments.parse(runs.get(0).document());
        assertEquals(full.id().toString(), run.get("id"));
        assertEquals("full-run", run.get("name"));
        assertEquals(full.flowId().toString(), run.get("flow_id"));
        assertEquals("RUNNING", run.get("state_type"));
        assertEquals("Running hard", run.get("state_name"));
        assertEquals(List.of("alpha", "beta"), run.get("tags"));
        assertEquals("queue-1", run.get("work_queue_name"));
        assertEquals("1.2.3", run.get("flow_version"));
        assertEquals("idem-1", run.get("idempotency_key"));
        assertTrue(run.containsKey("deployment_id") && run.get("deployment_id") == null, "null columns are JSON null");
        assertTrue(run.containsKey("parent_task_run_id") && run.get("parent_task_run_id") == null);
        assertEquals("2026-06-01T10:01:00.123456Z", run.get("start_time"), "times: ISO-8601 UTC, microseconds");
        assertEquals("2026-06-01T10:02:00.000001Z", run.get("end_time"));
        assertEquals("2026-06-01T10:00:00.000000Z", run.get("expected_start_time"));
        assertEquals("2026-06-01T10:03:00.000000Z", run.get("next_scheduled_start_time"));

        Map<String, Object> task = ArchiveDocuments.parse(tasks.stream()
                .filter(d -> d.sourceId().equals(t1.id().toString())).findFirst().orElseThrow().document());
        assertEquals(t1.id().toString(), task.get("id"));
        assertEquals(full.id().toString(), task.get("flow_run_id"));
        assertEquals(t1.taskKey(), task.get("task_key"));
        assertEquals(t1.dynamicKey(), task.get("dynamic_key"));
        assertEquals(t1.name(), task.get("name"));
        assertEquals("COMPLETED", task.get("state_type"));
        assertEquals("Completed", task.get("state_name"));
    }

    @Test
    void deletesThatDoNotAskAndDryRunsArchiveNothing() throws InterruptedException {
        FlowRun a = fx.run("a", b -> b.tags("x"));
        fx.taskRun(a);
        fx.logs(a.id(), 3);
        FlowRun b = fx.run("b", x -> x.tags("x"));
        BulkDeleteService s = service(AT);

        assertEquals(List.of(Fixture.idDesc(List.of(a, b)).get(0)),
                s.dryRun(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("x").build(), 1).withArchive(true)));
        assertEquals(0L, count(null), "a dry run archives nothing");

        s.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("x").build(), 1));
        s.deleteById(fx.allRunIds().get(0));
        assertEquals(0, fx.countRuns());
        purgeAll();
        assertEquals(0, fx.countLogs(null), "the logs are purged");
        assertEquals(0L, count(null), "nothing archived: no delete asked for it");
    }

    @Test
    void deleteByIdAndDrainArchiveWhenAsked() {
        FlowRun one = fx.run("one", b -> b.tags("one"));
        List<FlowRun> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.add(fx.run("many-" + i, b -> b.tags("many")));
        }
        BulkDeleteService s = service(AT);

        assertEquals(DeleteByIdResult.DELETED, s.deleteById(one.id(), "alice", true));
        DrainResult drained = s.drain(FlowRunFilter.builder().tagsAll("many").build(), 2, null, "bob", true, null);

        assertEquals(5, drained.deleted());
        List<ArchivedDocument> runs = ofKind(archived(), "flow_run");
        assertEquals(6, runs.size());
        ArchivedDocument byId = runs.stream().filter(d -> d.sourceId().equals(one.id().toString())).findFirst()
                .orElseThrow();
        assertEquals("DELETE_BY_ID", byId.reason());
        assertEquals("alice", byId.actor());
        List<ArchivedDocument> drainDocs = runs.stream().filter(d -> d.reason().equals("DRAIN")).toList();
        assertEquals(sourceIds(many.stream().map(r -> new ArchivedDocument(0, null, "", null, AT, "", r.id().toString(),
                "")).toList()), sourceIds(drainDocs), "every drained run, once");
        assertEquals(3, drainDocs.stream().map(ArchivedDocument::batchId).distinct().count(),
                "one archive batch per drain batch (2 + 2 + 1)");
        assertTrue(drainDocs.stream().allMatch(d -> "bob".equals(d.actor())));
    }

    @Test
    void aDeleteThatFailsAfterArchivingLeavesNoArchiveRowAndDeletesNothing() {
        FlowRun run = fx.run("doomed", b -> b.tags("doomed"));
        fx.taskRun(run);
        FlowsweepStorage failing = FailingEnqueueStorage.wrap(storage);
        BulkDeleteService s = BulkDeleteService.builder(failing).maxTransientRetries(0)
                .clock(Clock.fixed(AT, ZoneOffset.UTC)).build();

        RuntimeException e = assertThrows(RuntimeException.class, () -> s.bulkDelete(BulkDeleteRequest.of(
                FlowRunFilter.builder().tagsAll("doomed").build()).withArchive(true)));

        assertEquals(FailingEnqueueStorage.MESSAGE, e.getMessage());
        assertTrue(fx.exists(run.id()), "nothing deleted");
        assertEquals(0L, count(null), "the rollback took the archive rows with it");
    }

    @Test
    void aRolledBackTransactionLeavesNoArchiveRows() {
        FlowRun run = fx.run("r", b -> { });
        fx.taskRun(run);
        int[] written = new int[1];
        assertThrows(IllegalStateException.class, () -> fx.<Object>tx(tx -> {
            written[0] = tx.archive().archiveRuns(ArchiveBatch.create("BULK_DELETE", null),
                    List.of(run.id(), UUID.randomUUID()), AT);
            if (written[0] >= 0) {
                throw new IllegalStateException("roll back");
            }
            return null;
        }));
        assertTrue(written[0] >= 2, "the run and its task run (and the layout's own rows); an unknown id is skipped");
        assertEquals(0L, count(null));
    }

    @Test
    void thePurgeArchivesTheLogsOfDeletesThatAskedAndOnlyThoseEachOnce() throws InterruptedException {
        FlowRun asked = fx.run("asked", b -> b.tags("asked"));
        FlowRun notAsked = fx.run("not-asked", b -> b.tags("not-asked"));
        List<Log> askedLogs = fx.logs(asked.id(), 9);
        fx.logs(notAsked.id(), 4);
        BulkDeleteService s = service(AT);
        s.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("asked").build()).withActor("carol")
                .withArchive(true));
        s.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("not-asked").build()));
        assertEquals(0, ofKind(archived(), "log").size(), "logs wait for the purge");

        purgeAll();

        assertEquals(0, fx.countLogs(null), "every log purged");
        List<ArchivedDocument> docs = archived();
        List<ArchivedDocument> logs = ofKind(docs, "log");
        assertEquals(askedLogs.stream().map(l -> l.id().toString()).collect(Collectors.toCollection(TreeSet::new)),
                sourceIds(logs), "the logs of the run whose delete asked, and only those");
        assertEquals(askedLogs.size(), logs.size(), "each log once, although the purge took several transactions");
        UUID runBatch = ofKind(docs, "flow_run").get(0).batchId();
        for (ArchivedDocument d : logs) {
            assertEquals(runBatch, d.batchId(), "the logs join their run's batch");
            assertEquals("BULK_DELETE", d.reason());
            assertEquals("carol", d.actor());
        }
        Log first = askedLogs.get(0);
        Map<String, Object> doc = ArchiveDocuments.parse(logs.stream()
                .filter(d -> d.sourceId().equals(first.id().toString())).findFirst().orElseThrow().document());
        assertEquals(first.id().toString(), doc.get("id"));
        assertEquals(first.message(), doc.get("message"));
        assertEquals(first.name(), doc.get("name"));
        assertEquals(asked.id().toString(), doc.get("flow_run_id"));
    }

    @Test
    void batchesExportAndDrop() {
        Instant earlier = AT.minus(Duration.ofDays(40));
        FlowRun old1 = fx.run("old", b -> b.tags("old"));
        fx.taskRun(old1);
        FlowRun recent = fx.run("recent", b -> b.tags("recent"));
        service(earlier).bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("old").build())
                .withArchive(true));
        service(AT).bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("recent").build())
                .withActor("dave").withArchive(true));

        List<ArchiveBatchSummary> batches = fx.tx(tx -> tx.archive().batches(10));
        assertEquals(2, batches.size());
        assertEquals(AT, batches.get(0).firstAt(), "newest first");
        assertEquals("dave", batches.get(0).actor());
        assertEquals(1L, batches.get(0).countByKind().get("flow_run"));
        assertEquals(null, batches.get(0).countByKind().get("task_run"));
        assertEquals(1L, batches.get(1).countByKind().get("flow_run"));
        assertEquals(1L, batches.get(1).countByKind().get("task_run"));
        assertNull(batches.get(1).actor());
        assertEquals(1, fx.tx(tx -> tx.archive().batches(1)).size());

        List<ArchivedDocument> all = archived();
        long total = batches.get(0).total() + batches.get(1).total();
        assertEquals(total, all.size());
        assertEquals(all.stream().sorted(Comparator.comparingLong(ArchivedDocument::id)).toList(), all,
                "export streams in id order");
        long older = batches.get(1).total();
        assertEquals(older, count(AT), "count before a time");
        List<ArchivedDocument> exported = new ArrayList<>();
        assertEquals(older, (long) fx.tx(tx -> tx.archive().export(AT, exported::add)));
        assertTrue(exported.stream().allMatch(d -> d.archivedAt().isBefore(AT)));

        assertEquals(1, drop(1), "at most maxRows");
        assertEquals((int) (older - 1), drop(100), "fewer than maxRows: none left");
        assertEquals(0, drop(100));
        List<ArchivedDocument> left = archived();
        assertEquals(batches.get(0).total(), left.size());
        assertEquals(List.of(recent.id().toString()), ofKind(left, "flow_run").stream()
                .map(ArchivedDocument::sourceId).toList());
    }

    private long count(Instant before) {
        return fx.tx(tx -> tx.archive().count(before));
    }

    private int drop(int maxRows) {
        return fx.tx(tx -> tx.archive().drop(AT, maxRows));
    }

    /** Runs a purger until nothing is queued; small statements so that a run's logs take several transactions. */
    private void purgeAll() throws InterruptedException {
        try (LogPurger purger = LogPurger.builder(storage).maxRowsPerStatement(2).maxRowsPerTransaction(4)
                .clock(Clock.fixed(AT.plusSeconds(5), ZoneOffset.UTC)).build().start()) {
            purger.wakeUp();
            Await.until(PURGE_DEADLINE, "the purge queue to empty",
                    () -> purger.pendingCount() == 0 && purger.failedCount() == 0);
            assertTrue(purger.awaitIdle(PURGE_DEADLINE));
        }
    }
}
