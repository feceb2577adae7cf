package dev.flowsweep.testkit;

import dev.flowsweep.events.DeletionEvent;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionPreview;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionRunListener;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.DrainProgress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention policies run by the real {@link RetentionService}: exactly the old finished top-level runs, in
 * batches, with dry runs, and one run of a policy at a time across two instances sharing the data (leases).
 */
public abstract class RetentionContract extends OperationsContractSupport {

    /** The runs of the retention scenario: which ones the policy must delete, and which ones it must keep. */
    private record Scenario(List<FlowRun> doomed, List<FlowRun> kept, TaskRun taskOfDoomed, List<Log> logsOfDoomed) {
        Set<UUID> doomedIds() {
            return new HashSet<>(Fixture.ids(doomed));
        }
    }

    /** With {@code extraOld} more old finished runs to delete. */
    private Scenario scenario(int extraOld) {
        Instant cutoff = NOW.minus(Duration.ofDays(30));
        Instant old = NOW.minus(Duration.ofDays(45));
        List<FlowRun> doomed = new ArrayList<>();
        List<FlowRun> kept = new ArrayList<>();
        for (StateType s : List.of(StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED, StateType.CRASHED)) {
            doomed.add(fx.run("old-" + s, b -> b.state(s).startTime(old.minusSeconds(60)).endTime(old)));
        }
        doomed.add(fx.run("just-before-cutoff", b -> b.state(StateType.COMPLETED).endTime(cutoff.minus(ONE_MICRO))));
        for (int i = 0; i < extraOld; i++) {
            doomed.add(fx.run("old-" + i, b -> b.state(StateType.COMPLETED).endTime(old.plusSeconds(1))));
        }

        kept.add(fx.run("ended-at-cutoff", b -> b.state(StateType.COMPLETED).endTime(cutoff)));
        kept.add(fx.run("recent", b -> b.state(StateType.COMPLETED).endTime(NOW.minus(Duration.ofDays(1)))));
        kept.add(fx.run("old-running", b -> b.state(StateType.RUNNING).startTime(old)));
        kept.add(fx.run("old-pending", b -> b.state(StateType.PENDING).expectedStartTime(old)));
        kept.add(fx.run("old-scheduled", b -> b.state(StateType.SCHEDULED).expectedStartTime(old)));
        kept.add(fx.run("old-paused-with-end", b -> b.state(StateType.PAUSED).endTime(old)));
        kept.add(fx.run("old-cancelling-with-end", b -> b.state(StateType.CANCELLING).endTime(old)));
        kept.add(fx.run("old-without-state", b -> b.endTime(old)));
        kept.add(fx.run("completed-without-end", b -> b.state(StateType.COMPLETED).startTime(old)));
        FlowRun parent = fx.run("parent", b -> b.state(StateType.RUNNING));
        kept.add(parent);
        TaskRun parentTask = fx.taskRun(parent);
        kept.add(fx.run("old-subflow", b -> b.state(StateType.COMPLETED).endTime(old).parentTaskRunId(parentTask.id())));

        TaskRun taskOfDoomed = fx.taskRun(doomed.get(0));
        List<Log> logs = fx.logs(doomed.get(0).id(), 3);
        return new Scenario(doomed, kept, taskOfDoomed, logs);
    }

    @Test
    void aPolicyDeletesExactlyTheOldFinishedTopLevelRunsInBatches() {
        Scenario sc = scenario(6);                              // 11 runs to delete: batches of 4, 4, 3
        List<DeletionEvent> events = new ArrayList<>();
        RetentionService retention = retention(storage, "instance-a", RetentionRunListener.NONE, events,
                RetentionPolicy.builder(POLICY).olderThan(Duration.ofDays(30)).batchSize(4).build());

        RetentionRun run = retention.runNow(POLICY);

        assertEquals(RetentionRun.Outcome.COMPLETED, run.outcome(), String.valueOf(run.message()));
        Set<UUID> remaining = new HashSet<>(fx.allRunIds());
        for (FlowRun r : sc.doomed()) {
            assertFalse(remaining.contains(r.id()), r.name() + " should be deleted");
        }
        assertEquals(new HashSet<>(Fixture.ids(sc.kept())), remaining, "exactly the kept runs remain: "
                + fx.describe(remaining));
        assertEquals(11, run.deleted());
        assertEquals(3, run.batches());
        assertEquals(NOW.minus(Duration.ofDays(30)), run.cutoff());

        assertEquals(List.of(4, 4, 3), events.stream().map(e -> e.runIds().size()).toList());
        Set<UUID> reported = new HashSet<>();
        for (DeletionEvent e : events) {
            assertEquals("RETENTION:" + POLICY, e.reason().toString());
            assertEquals(RetentionService.DEFAULT_ACTOR, e.actor());
            reported.addAll(e.runIds());
        }
        assertEquals(sc.doomedIds(), reported);

        assertEquals(Optional.empty(), fx.findTaskRun(sc.taskOfDoomed().id()), "task runs cascade");
        assertEquals(11, fx.tx(tx -> tx.purgeQueue().stats()).pending(), "a log purge is queued per deleted run");
        assertEquals(Optional.empty(), lease(RetentionService.LEASE_PREFIX + POLICY), "the lease is released");

        RetentionRun again = retention.runNow(POLICY);
        assertEquals(0, again.deleted());
        assertEquals(1, again.batches());
    }

    @Test
    void aDryRunChangesNothingAndCountsWhatTheRunThenDeletes() {
        Scenario sc = scenario(9);                              // 14 runs: batches of 4, 4, 4, 2
        List<DeletionEvent> events = new ArrayList<>();
        RetentionService retention = retention(storage, "instance-a", RetentionRunListener.NONE, events,
                RetentionPolicy.builder(POLICY).olderThan(Duration.ofDays(30)).batchSize(4).build());
        long before = fx.countRuns();

        RetentionPreview preview = retention.dryRun(POLICY, 4);

        assertEquals(before, fx.countRuns());
        assertEquals(14, preview.matching());
        assertEquals(4, preview.batches());
        assertEquals(sc.logsOfDoomed().size(), fx.countLogs(List.of(sc.doomed().get(0).id())));
        assertEquals(0, fx.tx(tx -> tx.purgeQueue().stats()).pending());

        RetentionRun run = retention.runNow(POLICY);

        assertEquals(preview.matching(), run.deleted());
        assertEquals(preview.batches(), run.batches());
        assertEquals(preview.firstIds(), events.get(0).runIds(), "the first batch deletes the ids the preview listed");
    }

    @Test
    void twoServicesOnOneDatabaseNeverRunAPolicyAtOnce() {
        scenario(6);
        List<RetentionRun> seenByB = new ArrayList<>();
        RetentionService[] b = new RetentionService[1];
        RetentionService a = retention(storage, "instance-a", new RetentionRunListener() {
            @Override
            public void onBatch(RetentionPolicy policy, DrainProgress progress) {
                seenByB.add(b[0].runNow(POLICY));                // while a is between two batches
            }
        });
        b[0] = retention(second, "instance-b", RetentionRunListener.NONE);

        RetentionRun runA = a.runNow(POLICY);

        assertEquals(RetentionRun.Outcome.COMPLETED, runA.outcome());
        assertEquals(11, runA.deleted());
        assertEquals(3, seenByB.size());
        for (RetentionRun r : seenByB) {
            assertEquals(RetentionRun.Outcome.SKIPPED_LEASE_HELD, r.outcome());
            assertTrue(r.message().contains("instance-a"), r.message());
            assertEquals(0, r.deleted());
        }

        // Once a is done, b runs the policy itself.
        FlowRun later = fx.run("old-later", x -> x.state(StateType.FAILED).endTime(NOW.minus(Duration.ofDays(40))));
        RetentionRun runB = b[0].runNow(POLICY);
        assertEquals(RetentionRun.Outcome.COMPLETED, runB.outcome());
        assertEquals(1, runB.deleted());
        assertFalse(fx.exists(later.id()));
    }

    @Test
    void aLeaseLeftByACrashedInstanceIsTakenOverWhenItExpires() {
        scenario(0);
        String leaseName = RetentionService.LEASE_PREFIX + POLICY;
        assertTrue(acquire(second, leaseName, "crashed-instance", NOW, RetentionService.DEFAULT_LEASE_TTL));
        RetentionService a = retention(storage, "instance-a", RetentionRunListener.NONE);

        RetentionRun skipped = a.runNow(POLICY);
        clock.add(RetentionService.DEFAULT_LEASE_TTL);
        RetentionRun taken = a.runNow(POLICY);

        assertEquals(RetentionRun.Outcome.SKIPPED_LEASE_HELD, skipped.outcome());
        assertTrue(skipped.message().contains("crashed-instance"), skipped.message());
        assertEquals(RetentionRun.Outcome.COMPLETED, taken.outcome());
        assertEquals(6, taken.deleted(), "the 5 old runs, and the one that ended at the first cutoff: 5 min later "
                + "it ended strictly before the cutoff");
    }

    @Test
    void aRunWhoseLeaseWasTakenOverStopsAfterItsBatch() {
        scenario(6);
        String leaseName = RetentionService.LEASE_PREFIX + POLICY;
        RetentionService a = retention(storage, "instance-a", new RetentionRunListener() {
            @Override
            public void onBatch(RetentionPolicy policy, DrainProgress progress) {
                if (progress.batches() == 1) {
                    // a stalls past its lease; another instance takes the expired lease over.
                    clock.add(RetentionService.DEFAULT_LEASE_TTL);
                    assertTrue(acquire(second, leaseName, "instance-b", clock.instant(), Duration.ofMinutes(5)));
                }
            }
        });

        RetentionRun run = a.runNow(POLICY);

        assertEquals(RetentionRun.Outcome.LEASE_LOST, run.outcome());
        assertEquals(1, run.batches());
        assertEquals(4, run.deleted());
        assertEquals("instance-b", lease(leaseName).orElseThrow().owner(), "a does not release b's lease");
    }

    @Test
    void servicesRacingOnOneDatabaseRunEachPolicyOnceAtATime() throws Exception {
        int oldRuns = 120;
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < oldRuns; i++) {
            runs.add(fx.newRun().name("old-" + i).state(StateType.COMPLETED)
                    .endTime(NOW.minus(Duration.ofDays(31)).plusSeconds(i)).build());
        }
        fx.insertAll(runs);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ThreadLocal<Boolean> started = ThreadLocal.withInitial(() -> false);
        // Both calls of one run come on its thread: started after the lease is taken, finished before it is released.
        RetentionRunListener probe = new RetentionRunListener() {
            @Override
            public void onRunStarted(RetentionPolicy policy, Instant cutoff) {
                started.set(true);
                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            }

            @Override
            public void onRunFinished(RetentionRun run) {
                if (started.get()) {
                    started.set(false);
                    inside.decrementAndGet();
                }
            }
        };
        RetentionPolicy policy = RetentionPolicy.builder(POLICY).olderThan(Duration.ofDays(30)).batchSize(3).build();
        List<DeletionEvent> events = new ArrayList<>();
        RetentionService a = retention(storage, "instance-a", probe, events, policy);
        RetentionService b = retention(second, "instance-b", probe, events, policy);
        int threads = 6;
        int callsPerThread = 8;

        List<List<RetentionRun>> results = race(threads, i -> {
            List<RetentionRun> mine = new ArrayList<>();
            for (int c = 0; c < callsPerThread; c++) {
                mine.add((i % 2 == 0 ? a : b).runNow(POLICY));
            }
            return mine;
        });

        assertEquals(1, mostInside.get(), "two runs of the policy overlapped");
        long deleted = 0;
        for (List<RetentionRun> mine : results) {
            for (RetentionRun r : mine) {
                assertNotEquals(RetentionRun.Outcome.FAILED, r.outcome(), String.valueOf(r.message()));
                assertNotEquals(RetentionRun.Outcome.LEASE_LOST, r.outcome());
                deleted += r.deleted();
            }
        }
        assertEquals(oldRuns, deleted);
        assertEquals(0, fx.countRuns());
        Set<UUID> reported = new HashSet<>();
        int total = 0;
        for (DeletionEvent e : events) {
            reported.addAll(e.runIds());
            total += e.runIds().size();
        }
        assertEquals(oldRuns, total, "each deleted run is reported by exactly one event");
        assertEquals(new HashSet<>(Fixture.ids(runs)), reported);
    }
}
