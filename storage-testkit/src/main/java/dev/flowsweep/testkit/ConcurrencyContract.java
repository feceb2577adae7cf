package dev.flowsweep.testkit;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeleteByIdResult;
import dev.flowsweep.spi.PurgeTask;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bulk deletes racing each other over the storage under test: every run is reported by exactly one call, the
 * union of the reports is exactly what disappeared, and every held slot is released exactly once. No sleeps:
 * the threads start together on a latch and the test waits for them with a deadline.
 */
public abstract class ConcurrencyContract extends StorageContractSupport {
    /** Threads racing. */
    protected static final int THREADS = 8;
    /** How long the racing calls may take in all before the test fails. */
    protected static final long DEADLINE_SECONDS = 120;

    private static final String[] TAGS = {"t0", "t1", "t2", "t3", "t4", "t5"};

    /** Runs in the race; override to shrink it on a slow database. */
    protected int runCount() {
        return 2_000;
    }

    /** Calls per thread. */
    protected int callsPerThread() {
        return 30;
    }

    @Test
    void racingBulkDeletesReportEachRunOnceAndReleaseEachSlotOnce() throws Exception {
        Random random = new Random(42);
        int limitCount = 3;
        List<ConcurrencyLimit> limits = new ArrayList<>();
        List<Deployment> deployments = new ArrayList<>();
        // Slots are set below, once the holders are known.
        for (int i = 0; i < limitCount; i++) {
            ConcurrencyLimit l = fx.limit("limit-" + i, 0, true);
            limits.add(l);
            deployments.add(fx.deployment(l));
        }
        ConcurrencyLimit inactive = fx.limit("inactive", 7, false);
        deployments.add(fx.deployment(inactive));
        deployments.add(fx.deployment(null));

        StateType[] states = StateType.values();
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < runCount(); i++) {
            FlowRun.Builder b = fx.newRun().name("run-" + i);
            int s = random.nextInt(states.length + 1);
            b.state(s == states.length ? null : states[s]);
            int d = random.nextInt(deployments.size() + 1);
            b.deploymentId(d == deployments.size() ? null : deployments.get(d).id());
            if (random.nextInt(4) == 0) {
                b.tags("keep");                      // never targeted: some holders stay, so a double release shows
            } else {
                List<String> tags = new ArrayList<>();
                for (String t : TAGS) {
                    if (random.nextInt(3) == 0) {
                        tags.add(t);
                    }
                }
                tags.add(TAGS[random.nextInt(TAGS.length)]);
                b.tags(new ArrayList<>(new LinkedHashSet<>(tags)));
            }
            runs.add(b.build());
        }
        fx.insertAll(runs);

        // Some runs have a task run, and some runs are subflows of those task runs.
        List<TaskRun> taskRuns = new ArrayList<>();
        fx.tx(tx -> {
            for (int i = 0; i < runs.size(); i += 10) {
                TaskRun t = new TaskRun(UUID.randomUUID(), runs.get(i).id(), "task", "0", null, null, null);
                tx.taskRuns().insert(t);
                taskRuns.add(t);
            }
            return null;
        });
        List<FlowRun> subflows = new ArrayList<>();
        for (int i = 0; i < taskRuns.size(); i += 2) {
            subflows.add(fx.newRun().name("subflow-" + i).parentTaskRunId(taskRuns.get(i).id())
                    .state(StateType.RUNNING).deploymentId(deployments.get(i % limitCount).id()).tags(TAGS[i % TAGS.length])
                    .build());
        }
        fx.insertAll(subflows);
        List<FlowRun> everyRun = new ArrayList<>(runs);
        everyRun.addAll(subflows);

        Map<UUID, UUID> limitOfDeployment = new HashMap<>();
        for (Deployment d : deployments) {
            limitOfDeployment.put(d.id(), d.concurrencyLimitId());
        }
        Map<UUID, Integer> holders = new HashMap<>();
        Map<UUID, FlowRun> byId = new HashMap<>();
        for (FlowRun r : everyRun) {
            byId.put(r.id(), r);
            UUID limitId = r.deploymentId() == null ? null : limitOfDeployment.get(r.deploymentId());
            if (limitId != null && r.stateType() != null && r.stateType().holdsConcurrencySlot()) {
                holders.merge(limitId, 1, Integer::sum);
            }
        }
        fx.tx(tx -> {
            for (ConcurrencyLimit l : limits) {
                tx.concurrencyLimits().setActiveSlots(l.id(), holders.getOrDefault(l.id(), 0));
            }
            return null;
        });
        List<UUID> targetable = new ArrayList<>();
        for (FlowRun r : everyRun) {
            if (!r.tags().contains("keep")) {
                targetable.add(r.id());
            }
        }

        BulkDeleteService service = new BulkDeleteService(storage);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<BulkDeleteResult>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                Random r = new Random(1000 + t);
                Callable<List<BulkDeleteResult>> worker = () -> {
                    start.await();
                    List<BulkDeleteResult> results = new ArrayList<>();
                    for (int call = 0; call < callsPerThread(); call++) {
                        if (r.nextInt(6) == 0) {
                            // a few ids that other threads are likely to be deleting by tag right now
                            List<UUID> ids = new ArrayList<>();
                            for (int k = 0; k < 3; k++) {
                                ids.add(targetable.get(r.nextInt(targetable.size())));
                            }
                            results.add(service.bulkDelete(BulkDeleteRequest.of(
                                    FlowRunFilter.builder().idAny(ids).build(), 3)));
                        } else {
                            results.add(service.bulkDelete(BulkDeleteRequest.of(randomFilter(r), 1 + r.nextInt(50))));
                        }
                    }
                    return results;
                };
                futures.add(pool.submit(worker));
            }
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            List<BulkDeleteResult> all = new ArrayList<>();
            for (Future<List<BulkDeleteResult>> f : futures) {
                try {
                    all.addAll(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a racing bulk delete failed: " + e.getCause(), e.getCause());
                } catch (TimeoutException e) {
                    fail("the racing bulk deletes did not finish within " + DEADLINE_SECONDS + " s");
                }
            }
            verify(all, everyRun, byId, limits, inactive, holders, limitOfDeployment, taskRuns);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void verify(List<BulkDeleteResult> all, List<FlowRun> everyRun, Map<UUID, FlowRun> byId,
                        List<ConcurrencyLimit> limits, ConcurrencyLimit inactive, Map<UUID, Integer> holders,
                        Map<UUID, UUID> limitOfDeployment, List<TaskRun> taskRuns) {
        Set<UUID> reported = new HashSet<>();
        List<UUID> reportedTwice = new ArrayList<>();
        Map<UUID, Integer> reportedSlots = new HashMap<>();
        for (BulkDeleteResult result : all) {
            List<UUID> sorted = new ArrayList<>(result.deleted());
            sorted.sort(Fixture.ID_DESC);
            assertEquals(sorted, result.deleted(), "each call reports its ids in ID_DESC order");
            for (UUID id : result.deleted()) {
                if (!reported.add(id)) {
                    reportedTwice.add(id);
                }
            }
            result.releasedSlots().forEach((limitId, n) -> reportedSlots.merge(limitId, n, Integer::sum));
        }
        assertTrue(reportedTwice.isEmpty(), reportedTwice.size() + " run(s) reported deleted by more than one call, e.g. "
                + reportedTwice.subList(0, Math.min(5, reportedTwice.size())));
        assertTrue(reported.size() > everyRun.size() / 10, "the race deleted a fair share of the runs: " + reported.size());

        Set<UUID> remaining = new HashSet<>(fx.allRunIds());
        Set<UUID> gone = new HashSet<>();
        for (FlowRun r : everyRun) {
            if (!remaining.contains(r.id())) {
                gone.add(r.id());
            }
        }
        assertEquals(gone.size(), reported.size(), "as many runs reported as disappeared");
        Set<UUID> goneUnreported = new HashSet<>(gone);
        goneUnreported.removeAll(reported);
        Set<UUID> reportedNotGone = new HashSet<>(reported);
        reportedNotGone.removeAll(gone);
        assertTrue(goneUnreported.isEmpty() && reportedNotGone.isEmpty(), "the runs that disappeared must be exactly "
                + "the union of the reports; disappeared but not reported: " + goneUnreported.size()
                + ", reported but still there: " + reportedNotGone.size());
        for (FlowRun r : everyRun) {
            if (r.tags().contains("keep")) {
                assertTrue(remaining.contains(r.id()), "a run no filter matched was deleted: " + r.name());
            }
        }

        Map<UUID, Integer> deletedHolders = new HashMap<>();
        for (UUID id : gone) {
            FlowRun r = byId.get(id);
            UUID limitId = r.deploymentId() == null ? null : limitOfDeployment.get(r.deploymentId());
            if (limitId != null && !limitId.equals(inactive.id())
                    && r.stateType() != null && r.stateType().holdsConcurrencySlot()) {
                deletedHolders.merge(limitId, 1, Integer::sum);
            }
        }
        for (ConcurrencyLimit l : limits) {
            int initial = holders.getOrDefault(l.id(), 0);
            int released = deletedHolders.getOrDefault(l.id(), 0);
            assertTrue(released < initial, "some holders of " + l.name() + " were kept");
            assertEquals(initial - released, fx.activeSlots(l), "active slots of " + l.name()
                    + ": " + initial + " held, " + released + " holders deleted");
            assertEquals(released, reportedSlots.getOrDefault(l.id(), 0), "slots of " + l.name() + " reported released");
        }
        assertEquals(7, fx.activeSlots(inactive), "an inactive limit is never released");
        assertEquals(null, reportedSlots.get(inactive.id()), "an inactive limit is never reported");

        Set<UUID> parentsGone = new HashSet<>();
        for (TaskRun t : taskRuns) {
            if (gone.contains(t.flowRunId())) {
                parentsGone.add(t.id());
            }
        }
        assertEquals(List.of(), fx.tx(tx -> tx.taskRuns().findByFlowRunIds(gone)), "task runs of deleted runs");
        for (FlowRun r : fx.tx(tx -> tx.flowRuns().find(null, FlowRunSort.ID_DESC, 100_000, 0))) {
            if (r.parentTaskRunId() != null) {
                assertTrue(!parentsGone.contains(r.parentTaskRunId()), "subflow " + r.name() + " points at a deleted task run");
            }
        }

        List<PurgeTask> queued = fx.tx(tx -> tx.purgeQueue().claimDue(Instant.now().plusSeconds(86_400), 100_000));
        Set<UUID> queuedIds = new HashSet<>();
        for (PurgeTask t : queued) {
            queuedIds.add(t.flowRunId());
        }
        assertTrue(gone.equals(queuedIds), "one log purge queued per deleted run: " + queuedIds.size() + " queued, "
                + gone.size() + " deleted");
    }

    private static FlowRunFilter randomFilter(Random r) {
        String a = TAGS[r.nextInt(TAGS.length)];
        String b = TAGS[r.nextInt(TAGS.length)];
        switch (r.nextInt(4)) {
            case 0:
                return FlowRunFilter.builder().tagsAny(a).build();
            case 1:
                return FlowRunFilter.builder().tagsAny(a, b).build();
            case 2:
                return FlowRunFilter.builder().tagsAll(a, b).build();
            default:
                return FlowRunFilter.builder().tagsAny(a)
                        .stateTypeAny(StateType.PENDING, StateType.RUNNING, StateType.CANCELLING, StateType.COMPLETED).build();
        }
    }

    @Test
    void racingDeleteByIdOfTheSameRunsDeletesEachOnce() throws Exception {
        ConcurrencyLimit limit = fx.limit("limit", 0, true);
        Deployment d = fx.deployment(limit);
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(fx.newRun().name("r" + i).state(StateType.RUNNING).deploymentId(d.id()).build());
        }
        fx.insertAll(runs);
        fx.tx(tx -> {
            tx.concurrencyLimits().setActiveSlots(limit.id(), runs.size() + 5);
            return null;
        });
        BulkDeleteService service = new BulkDeleteService(storage);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<UUID>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<UUID> mine = new ArrayList<>();
                    for (FlowRun run : runs) {
                        if (service.deleteById(run.id()) == DeleteByIdResult.DELETED) {
                            mine.add(run.id());
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            List<UUID> deleted = new ArrayList<>();
            for (Future<List<UUID>> f : futures) {
                try {
                    deleted.addAll(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a racing delete by id failed: " + e.getCause(), e.getCause());
                } catch (TimeoutException e) {
                    fail("the racing deletes by id did not finish within " + DEADLINE_SECONDS + " s");
                }
            }
            assertEquals(runs.size(), deleted.size(), "each run reported DELETED by exactly one call");
            assertEquals(new HashSet<>(Fixture.ids(runs)), new HashSet<>(deleted));
            assertEquals(5, fx.activeSlots(limit), "each slot released exactly once");
            assertEquals(0, fx.countRuns());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
    }
}
