package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.PurgeQueueStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The purge queue is a table: it survives a restart, and instances sharing it split the work. */
abstract class PurgeTests extends JdbcTestSupport {

    @Test
    void aPurgeQueuedBeforeARestartIsCarriedOutByTheNextProcess() throws Exception {
        String p = freshPrefix();
        JdbcStorage before = storage(p);
        Flow flow = flow(before, "flow");
        FlowRun run = FlowRun.builder(flow.id()).name("doomed").build();
        FlowRun kept = FlowRun.builder(flow.id()).name("kept").build();
        insertRuns(before, List.of(run, kept));
        insertLogs(before, run.id(), 120);
        insertLogs(before, kept.id(), 7);
        BulkDeleteResult result = new BulkDeleteService(before).bulkDelete(BulkDeleteRequest.of(
                FlowRunFilter.builder().idAny(run.id()).build()));
        assertEquals(List.of(run.id()), result.deleted());
        assertEquals(127, countLogs(before), "no purger ran: the logs are still there");
        assertEquals(1, before.inTransaction(tx -> tx.purgeQueue().stats()).pending());
        before.close();

        JdbcStorage after = storage(p);
        try (LogPurger purger = LogPurger.builder(after).maxRowsPerStatement(50).pollInterval(Duration.ofMillis(100))
                .build().start()) {
            assertTrue(purger.awaitIdle(Duration.ofSeconds(30)), "the purge queued before the restart was done");
        }
        assertEquals(7, countLogs(after), "the deleted run's logs are gone, the other run's are kept");
        assertEquals(new PurgeQueueStats(0, 0, null), after.inTransaction(tx -> tx.purgeQueue().stats()));
    }

    @Test
    void twoInstancesPurgingOneDatabaseNeverDoTheSameWorkTwiceAndLoseNothing() throws Exception {
        String p = freshPrefix();
        JdbcStorage setup = storage(p);
        Flow flow = flow(setup, "flow");
        int runs = 120;
        int logsPerRun = 15;
        List<FlowRun> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(FlowRun.builder(flow.id()).name("run-" + i).tags("purge-me").build());
        }
        insertRuns(setup, all);
        for (FlowRun r : all) {
            insertLogs(setup, r.id(), logsPerRun);
        }
        BulkDeleteService service = new BulkDeleteService(setup);
        assertEquals(runs, service.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAny("purge-me").build(),
                200)).deleted().size());
        assertEquals(runs, setup.inTransaction(tx -> tx.purgeQueue().stats()).pending());

        RecordingStorage a = new RecordingStorage(storage(p));
        RecordingStorage b = new RecordingStorage(storage(p));
        try (LogPurger pa = LogPurger.builder(a).runsPerBatch(7).maxRowsPerStatement(40)
                .pollInterval(Duration.ofMillis(50)).build();
             LogPurger pb = LogPurger.builder(b).runsPerBatch(7).maxRowsPerStatement(40)
                     .pollInterval(Duration.ofMillis(50)).build()) {
            pa.start();
            pb.start();
            assertTrue(pa.awaitIdle(Duration.ofSeconds(60)), "instance a finished");
            assertTrue(pb.awaitIdle(Duration.ofSeconds(60)), "instance b finished");
        }

        Set<UUID> claimedByA = new HashSet<>(a.claimed());
        Set<UUID> claimedByB = new HashSet<>(b.claimed());
        assertEquals(a.claimed().size(), claimedByA.size(), "a claimed no entry twice");
        assertEquals(b.claimed().size(), claimedByB.size(), "b claimed no entry twice");
        Set<UUID> both = new HashSet<>(claimedByA);
        both.retainAll(claimedByB);
        assertEquals(Set.of(), both, "no entry was claimed by both instances in committed transactions");
        Set<UUID> completed = new HashSet<>(a.completed());
        completed.addAll(b.completed());
        assertEquals(a.completed().size() + b.completed().size(), completed.size(), "each purge completed once");
        Set<UUID> expected = new HashSet<>();
        for (FlowRun r : all) {
            expected.add(r.id());
        }
        assertEquals(expected, completed, "every queued purge was completed: none lost");
        assertEquals((long) runs * logsPerRun, a.logRowsDeleted() + b.logRowsDeleted(),
                "every log row deleted exactly once");
        assertEquals(0, countLogs(setup));
        assertEquals(new PurgeQueueStats(0, 0, null), setup.inTransaction(tx -> tx.purgeQueue().stats()));
    }
}
