package dev.flowsweep.testkit;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunFilter.NameFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeleteByIdResult;
import dev.flowsweep.service.DrainProgress;
import dev.flowsweep.service.DrainResult;
import dev.flowsweep.spi.PurgeTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/CONTRACT.md's "Bulk delete" and "Log purge" over the storage under test, through the real
 * {@link BulkDeleteService} and {@link LogPurger}: what is deleted and reported, slot release for every state
 * type, cascade, orphaned subflows, the purge queue and the asynchronous log purge, dry run, delete by id, drain.
 */
public abstract class BulkDeleteContract extends StorageContractSupport {
    /** How long a test waits for the log purger before it fails. */
    protected static final Duration PURGE_DEADLINE = Duration.ofSeconds(30);

    protected BulkDeleteService service;

    @BeforeEach
    protected final void createService() {
        service = new BulkDeleteService(storage);
    }

    private BulkDeleteResult delete(FlowRunFilter filter, int limit) {
        return service.bulkDelete(BulkDeleteRequest.of(filter, limit));
    }

    private BulkDeleteResult deleteIds(FlowRun... runs) {
        List<UUID> ids = new ArrayList<>();
        for (FlowRun r : runs) {
            ids.add(r.id());
        }
        return delete(FlowRunFilter.builder().idAny(ids).build(), 200);
    }

    private Set<UUID> queuedPurges() {
        List<PurgeTask> tasks = fx.tx(tx -> tx.purgeQueue().claimDue(Instant.now().plusSeconds(86_400), 100_000));
        Set<UUID> ids = new HashSet<>();
        for (PurgeTask t : tasks) {
            ids.add(t.flowRunId());
        }
        return ids;
    }

    // ---------------------------------------------------------------- slots

    @Test
    void aDeletedRunReleasesASlotOnlyInPendingRunningOrCancelling() {
        List<StateType> states = new ArrayList<>(List.of(StateType.values()));
        states.add(null);
        Map<StateType, ConcurrencyLimit> limits = new HashMap<>();
        List<FlowRun> runs = new ArrayList<>();
        Map<UUID, Integer> expectedReleased = new HashMap<>();
        for (StateType state : states) {
            String name = state == null ? "no-state" : state.name();
            ConcurrencyLimit limit = fx.limit("limit-" + name, 10, true);
            Deployment d = fx.deployment(limit);
            limits.put(state, limit);
            runs.add(fx.run(name, b -> b.state(state).deploymentId(d.id())));
            if (state != null && (state == StateType.PENDING || state == StateType.RUNNING || state == StateType.CANCELLING)) {
                expectedReleased.put(limit.id(), 1);
            }
        }
        BulkDeleteResult result = deleteIds(runs.toArray(new FlowRun[0]));
        assertEquals(Fixture.idDesc(runs), result.deleted());
        assertEquals(expectedReleased, result.releasedSlots());
        assertEquals(3, result.totalReleasedSlots());
        for (StateType state : states) {
            boolean holds = state != null && state.holdsConcurrencySlot();
            assertEquals(holds ? 9 : 10, fx.activeSlots(limits.get(state)), "slots of the limit of a " + state + " run");
        }
    }

    @Test
    void anInactiveLimitIsNeitherReleasedNorReported() {
        ConcurrencyLimit inactive = fx.limit("inactive", 4, false);
        Deployment d = fx.deployment(inactive);
        FlowRun running = fx.run("running", b -> b.state(StateType.RUNNING).deploymentId(d.id()));
        BulkDeleteResult result = deleteIds(running);
        assertEquals(List.of(running.id()), result.deleted());
        assertEquals(Map.of(), result.releasedSlots());
        assertEquals(inactive, fx.readLimit(inactive.id()));
    }

    @Test
    void slotsNeverDropBelowZero() {
        ConcurrencyLimit limit = fx.limit("almost-empty", 1, true);
        Deployment d = fx.deployment(limit);
        FlowRun a = fx.run("a", b -> b.state(StateType.RUNNING).deploymentId(d.id()));
        FlowRun b = fx.run("b", x -> x.state(StateType.PENDING).deploymentId(d.id()));
        FlowRun c = fx.run("c", x -> x.state(StateType.CANCELLING).deploymentId(d.id()));
        BulkDeleteResult result = deleteIds(a, b, c);
        assertEquals(3, result.deleted().size());
        assertEquals(Map.of(limit.id(), 3), result.releasedSlots(), "three deleted runs released a slot each");
        assertEquals(0, fx.activeSlots(limit));
    }

    @Test
    void runsWithoutALimitedDeploymentReleaseNothing() {
        ConcurrencyLimit bystander = fx.limit("bystander", 6, true);
        fx.deployment(bystander);
        Deployment free = fx.deployment(null);
        FlowRun onFree = fx.run("onFree", b -> b.state(StateType.RUNNING).deploymentId(free.id()));
        FlowRun noDeployment = fx.run("noDeployment", b -> b.state(StateType.RUNNING));
        BulkDeleteResult result = deleteIds(onFree, noDeployment);
        assertEquals(Fixture.idDesc(List.of(onFree, noDeployment)), result.deleted());
        assertEquals(Map.of(), result.releasedSlots());
        assertEquals(6, fx.activeSlots(bystander));
    }

    @Test
    void releasedSlotsAreCountedPerLimit() {
        ConcurrencyLimit l1 = fx.limit("l1", 10, true);
        ConcurrencyLimit l2 = fx.limit("l2", 5, true);
        ConcurrencyLimit inactive = fx.limit("off", 5, false);
        Deployment d1 = fx.deployment(l1);
        Deployment d2 = fx.deployment(l2);
        Deployment d3 = fx.deployment(l1);
        Deployment d4 = fx.deployment(inactive);
        List<FlowRun> runs = List.of(
                fx.run("d1-running", b -> b.state(StateType.RUNNING).deploymentId(d1.id())),
                fx.run("d1-running-2", b -> b.state(StateType.RUNNING).deploymentId(d1.id())),
                fx.run("d3-pending", b -> b.state(StateType.PENDING).deploymentId(d3.id())),
                fx.run("d2-cancelling", b -> b.state(StateType.CANCELLING).deploymentId(d2.id())),
                fx.run("d2-completed", b -> b.state(StateType.COMPLETED).deploymentId(d2.id())),
                fx.run("d4-running", b -> b.state(StateType.RUNNING).deploymentId(d4.id())));
        FlowRun untouched = fx.run("d1-running-kept", b -> b.state(StateType.RUNNING).deploymentId(d1.id()).tags("keep"));
        BulkDeleteResult result = delete(FlowRunFilter.builder().tagsIsNull(true).build(), 200);
        assertEquals(Fixture.idDesc(runs), result.deleted());
        assertEquals(Map.of(l1.id(), 3, l2.id(), 1), result.releasedSlots());
        assertEquals(7, fx.activeSlots(l1));
        assertEquals(4, fx.activeSlots(l2));
        assertEquals(5, fx.activeSlots(inactive));
        assertTrue(fx.exists(untouched.id()));
    }

    // ---------------------------------------------------------------- what is deleted and reported

    @Test
    void theLimitIsRespectedAndIdsAreDeletedAndReportedInUnsignedIdDescOrder() {
        FlowRun ffff = fx.insert(fx.newRun().id(UUID.fromString("ffffffff-0000-4000-8000-000000000000")).name("ffff").build());
        FlowRun x8000 = fx.insert(fx.newRun().id(UUID.fromString("80000000-0000-4000-8000-000000000000")).name("8000").build());
        FlowRun x7fff = fx.insert(fx.newRun().id(UUID.fromString("7fffffff-ffff-4fff-bfff-ffffffffffff")).name("7fff").build());
        FlowRun x1234 = fx.insert(fx.newRun().id(UUID.fromString("12345678-0000-4000-8000-000000000000")).name("1234").build());
        FlowRun low = fx.insert(fx.newRun().id(UUID.fromString("00000000-0000-4000-8000-000000000001")).name("low").build());
        assertEquals(List.of(ffff.id(), x8000.id(), x7fff.id()), delete(null, 3).deleted());
        assertFalse(fx.exists(x8000.id()));
        assertEquals(List.of(x1234.id(), low.id()), fx.allRunIds());
        assertEquals(List.of(x1234.id()), delete(FlowRunFilter.matchAll(), 1).deleted());
        assertEquals(List.of(low.id()), delete(null, 200).deleted());
        assertEquals(BulkDeleteResult.empty(), delete(null, 200));
    }

    /**
     * A tag filter (which the JDBC adapters serve from the tag index) deletes the newest tagged runs that match the
     * rest of the filter too, in unsigned id order, each once even when it lists the tag twice.
     */
    @Test
    void aTagFilterDeletesTheNewestMatchingTaggedRunsEachOnce() {
        FlowRun ffff = fx.insert(fx.newRun().id(UUID.fromString("ffffffff-0000-4000-8000-000000000000"))
                .tags(List.of("t", "t")).state(StateType.COMPLETED).build());
        FlowRun x9 = fx.insert(fx.newRun().id(UUID.fromString("90000000-0000-4000-8000-000000000000"))
                .tags(List.of("a", "t")).state(StateType.FAILED).build());
        FlowRun x8 = fx.insert(fx.newRun().id(UUID.fromString("80000000-0000-4000-8000-000000000000"))
                .tags(List.of("t")).state(StateType.COMPLETED).build());
        FlowRun x7 = fx.insert(fx.newRun().id(UUID.fromString("7fffffff-ffff-4fff-bfff-ffffffffffff"))
                .tags(List.of("other")).state(StateType.COMPLETED).build());
        FlowRun x1 = fx.insert(fx.newRun().id(UUID.fromString("12345678-0000-4000-8000-000000000000"))
                .tags(List.of("t", "b", "t")).state(StateType.COMPLETED).build());
        FlowRunFilter completedAndTagged = FlowRunFilter.builder().tagsAny("t").stateTypeAny(StateType.COMPLETED).build();

        assertEquals(List.of(ffff.id(), x8.id()), delete(completedAndTagged, 2).deleted());
        assertEquals(List.of(x1.id()), delete(completedAndTagged, 200).deleted());
        assertEquals(List.of(), delete(completedAndTagged, 200).deleted());
        assertEquals(List.of(x9.id()), delete(FlowRunFilter.builder().tagsAll("t", "a").build(), 200).deleted());
        assertEquals(List.of(x7.id()), fx.allRunIds());
    }

    @Test
    void onlyMatchingRunsAreDeletedAndIdsThatDoNotExistAreNotReported() {
        FlowRun a = fx.run("a", b -> b.state(StateType.COMPLETED).endTime(Fixture.t(-60)));
        FlowRun b = fx.run("b", x -> x.state(StateType.COMPLETED).endTime(Fixture.t(60)));
        FlowRun c = fx.run("c", x -> x.state(StateType.FAILED).endTime(Fixture.t(-60)));
        UUID ghost = UUID.randomUUID();
        BulkDeleteResult result = delete(FlowRunFilter.builder().idAny(a.id(), ghost, c.id()).build(), 200);
        assertEquals(Fixture.idDesc(List.of(a, c)), result.deleted());
        assertEquals(List.of(), delete(FlowRunFilter.builder().idAny(a.id(), ghost).build(), 200).deleted());
        assertEquals(List.of(b.id()), delete(FlowRunFilter.builder()
                .stateTypeAny(StateType.COMPLETED).endTimeAfter(Fixture.t(0)).build(), 200).deleted());
        assertEquals(0, fx.countRuns());
    }

    @Test
    void anEmptySubFilterUnderOrNeverWidensABulkDelete() {
        FlowRun x = fx.run("x", b -> { });
        FlowRun y = fx.run("y", b -> { });
        FlowRun z = fx.run("z", b -> { });
        FlowRunFilter filter = FlowRunFilter.builder().operator(Operator.OR)
                .name(new NameFilter(null, null)).idAny(x.id()).build();
        assertEquals(List.of(x.id()), delete(filter, 200).deleted());
        assertEquals(Fixture.idDesc(List.of(y, z)), fx.allRunIds());
    }

    @Test
    void taskRunsAreDeletedAndSubflowsOrphanedButKept() {
        FlowRun parent = fx.run("parent", b -> b.tags("doomed"));
        FlowRun other = fx.run("other", b -> { });
        TaskRun t1 = fx.taskRun(parent);
        TaskRun t2 = fx.taskRun(parent);
        TaskRun q = fx.taskRun(other);
        FlowRun subflow = fx.run("subflow", b -> b.parentTaskRunId(t1.id()).state(StateType.RUNNING).tags("child"));
        FlowRun otherSubflow = fx.run("otherSubflow", b -> b.parentTaskRunId(q.id()));
        TaskRun subflowTask = fx.taskRun(subflow);

        BulkDeleteResult result = delete(FlowRunFilter.builder().tagsAny("doomed").build(), 200);

        assertEquals(List.of(parent.id()), result.deleted());
        assertFalse(fx.findTaskRun(t1.id()).isPresent());
        assertFalse(fx.findTaskRun(t2.id()).isPresent());
        assertEquals(Optional.of(subflow.toBuilder().parentTaskRunId(null).build()), fx.findRun(subflow.id()),
                "the subflow lives on with parent_task_run_id null and every other field as it was");
        assertTrue(fx.findTaskRun(subflowTask.id()).isPresent());
        assertEquals(Optional.of(q), fx.findTaskRun(q.id()));
        assertEquals(Optional.of(otherSubflow), fx.findRun(otherSubflow.id()));
        assertEquals(List.of(), fx.tx(tx -> tx.taskRuns().findByFlowRunIds(List.of(parent.id()))));
    }

    @Test
    void aParentAndItsSubflowDeletedTogether() {
        FlowRun parent = fx.run("parent", b -> b.tags("doomed"));
        TaskRun t = fx.taskRun(parent);
        FlowRun subflow = fx.run("subflow", b -> b.parentTaskRunId(t.id()).tags("doomed"));
        TaskRun subTask = fx.taskRun(subflow);
        FlowRun grandchild = fx.run("grandchild", b -> b.parentTaskRunId(subTask.id()));
        BulkDeleteResult result = delete(FlowRunFilter.builder().tagsAny("doomed").build(), 200);
        assertEquals(Fixture.idDesc(List.of(parent, subflow)), result.deleted());
        assertFalse(fx.findTaskRun(t.id()).isPresent());
        assertFalse(fx.findTaskRun(subTask.id()).isPresent());
        assertNull(fx.findRun(grandchild.id()).orElseThrow().parentTaskRunId());
        assertEquals(1, fx.countRuns());
    }

    @Test
    void theSameRequestAfterASubflowWasOrphanedFindsItByParentNoLonger() {
        FlowRun parent = fx.run("parent", b -> { });
        TaskRun t = fx.taskRun(parent);
        FlowRun subflow = fx.run("subflow", b -> b.parentTaskRunId(t.id()));
        FlowRunFilter subflowsOfParent = FlowRunFilter.builder().parentFlowRunIdAny(parent.id()).build();
        assertEquals(List.of(subflow.id()), service.dryRun(BulkDeleteRequest.of(subflowsOfParent)));
        deleteIds(parent);
        assertEquals(List.of(), service.dryRun(BulkDeleteRequest.of(subflowsOfParent)));
        assertEquals(List.of(subflow.id()), service.dryRun(BulkDeleteRequest.of(
                FlowRunFilter.builder().parentTaskRunIdIsNull(true).build())));
    }

    // ---------------------------------------------------------------- delete by id, dry run, drain

    @Test
    void deleteByIdDeletesOnceThenFindsNothing() {
        ConcurrencyLimit limit = fx.limit("limit", 2, true);
        Deployment d = fx.deployment(limit);
        FlowRun run = fx.run("run", b -> b.state(StateType.PENDING).deploymentId(d.id()));
        TaskRun task = fx.taskRun(run);
        FlowRun other = fx.run("other", b -> { });
        assertEquals(DeleteByIdResult.DELETED, service.deleteById(run.id()));
        assertEquals(DeleteByIdResult.NOT_FOUND, service.deleteById(run.id()));
        assertEquals(DeleteByIdResult.NOT_FOUND, service.deleteById(UUID.randomUUID()));
        assertFalse(fx.exists(run.id()));
        assertFalse(fx.findTaskRun(task.id()).isPresent());
        assertTrue(fx.exists(other.id()));
        assertEquals(1, fx.activeSlots(limit));
        assertEquals(Set.of(run.id()), queuedPurges());
    }

    @Test
    void aDryRunReportsWhatWouldBeDeletedAndChangesNothing() {
        ConcurrencyLimit limit = fx.limit("limit", 3, true);
        Deployment d = fx.deployment(limit);
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(fx.run("r" + i, b -> b.state(StateType.RUNNING).deploymentId(d.id()).tags("old")));
        }
        FlowRun young = fx.run("young", b -> b.state(StateType.RUNNING).deploymentId(d.id()));
        TaskRun task = fx.taskRun(runs.get(0));
        fx.logs(runs.get(0).id(), 3);

        List<UUID> wouldDelete = service.dryRun(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("old").build(), 4));

        assertEquals(Fixture.idDesc(runs).subList(0, 4), wouldDelete);
        assertEquals(7, fx.countRuns());
        assertTrue(fx.exists(young.id()));
        assertTrue(fx.findTaskRun(task.id()).isPresent());
        assertEquals(3, fx.activeSlots(limit));
        assertEquals(3, fx.countLogs(List.of(runs.get(0).id())));
        assertEquals(Set.of(), queuedPurges());
    }

    @Test
    void drainDeletesBatchAfterBatchUntilABatchComesBackShort() {
        List<FlowRun> old = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            old.add(fx.newRun().name("old-" + i).tags("old").build());
        }
        fx.insertAll(old);
        List<FlowRun> fresh = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fresh.add(fx.newRun().name("fresh-" + i).build());
        }
        fx.insertAll(fresh);
        List<DrainProgress> progress = new ArrayList<>();

        DrainResult result = service.drain(FlowRunFilter.builder().tagsAny("old").build(), 10, progress::add);

        assertEquals(DrainResult.StopReason.EXHAUSTED, result.stopReason());
        assertEquals(25, result.deleted());
        assertEquals(3, result.batches());
        assertEquals(List.of(10L, 20L, 25L), progress.stream().map(DrainProgress::deleted).toList());
        assertEquals(List.of(10, 10, 5), progress.stream().map(DrainProgress::lastBatchSize).toList());
        assertEquals(Fixture.idDesc(fresh), fx.allRunIds());
        Set<UUID> oldIds = new HashSet<>(Fixture.ids(old));
        assertEquals(oldIds, queuedPurges());
    }

    // ---------------------------------------------------------------- log purge

    @Test
    void theDeletingTransactionQueuesAPurgeOfExactlyTheDeletedRuns() {
        FlowRun a = fx.run("a", b -> b.tags("doomed"));
        FlowRun b = fx.run("b", x -> x.tags("doomed"));
        FlowRun kept = fx.run("kept", x -> { });
        fx.logs(a.id(), 4);
        fx.logs(kept.id(), 2);
        delete(FlowRunFilter.builder().tagsAny("doomed").build(), 200);
        assertEquals(Set.of(a.id(), b.id()), queuedPurges());
        assertEquals(6, fx.countLogs(null), "no purger runs in this test: no log is deleted by the call itself");
    }

    @Test
    void logsOfDeletedRunsArePurgedInTheBackgroundAfterTheCallReturned() throws Exception {
        FlowRun many = fx.run("many-logs", b -> b.tags("doomed"));
        FlowRun none = fx.run("no-logs", b -> b.tags("doomed"));
        FlowRun few = fx.run("few-logs", b -> b.tags("doomed"));
        FlowRun kept = fx.run("kept", b -> { });
        fx.logs(many.id(), 45);
        fx.logs(few.id(), 2);
        fx.logs(kept.id(), 5);
        fx.logs(null, 3);
        UUID neverExisted = UUID.randomUUID();
        fx.logs(neverExisted, 4);
        List<UUID> doomed = List.of(many.id(), none.id(), few.id());

        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch paused = new CountDownLatch(1);
        executor.execute(() -> {
            paused.countDown();
            try {
                gate.await(PURGE_DEADLINE.toSeconds() * 2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        LogPurger purger = LogPurger.builder(storage).executor(executor)
                .maxRowsPerStatement(7).maxRowsPerTransaction(20).runsPerBatch(2).build();
        try {
            assertTrue(paused.await(PURGE_DEADLINE.toSeconds(), TimeUnit.SECONDS), "the purger's executor is paused");
            purger.start();
            BulkDeleteService withPurger = BulkDeleteService.builder(storage).logPurger(purger).build();

            BulkDeleteResult result = withPurger.bulkDelete(BulkDeleteRequest.of(
                    FlowRunFilter.builder().tagsAny("doomed").build()));

            assertEquals(Fixture.idDesc(List.of(many, none, few)), result.deleted());
            assertEquals(47, fx.countLogs(doomed), "the call returned before any log was purged");
            assertEquals(3, purger.pendingCount());

            gate.countDown();
            assertTrue(purger.awaitIdle(PURGE_DEADLINE), "the purger went idle before the deadline");
            assertEquals(0, fx.countLogs(doomed));
            assertEquals(5, fx.countLogs(List.of(kept.id())));
            assertEquals(4, fx.countLogs(List.of(neverExisted)));
            assertEquals(12, fx.countLogs(null));
            assertEquals(0, purger.pendingCount());
            assertEquals(0, purger.failedCount());
            assertEquals(Set.of(), queuedPurges());
        } finally {
            gate.countDown();
            purger.close();
            executor.shutdownNow();
            executor.awaitTermination(PURGE_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
