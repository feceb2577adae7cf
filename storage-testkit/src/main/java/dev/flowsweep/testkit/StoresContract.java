package dev.flowsweep.testkit;

import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.FlowsweepConflictException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static dev.flowsweep.testkit.Fixture.T0;
import static dev.flowsweep.testkit.Fixture.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The basic operations of every store: round trips of every field, integrity conflicts, transactions that roll
 * back, results that do not share state with the storage, and the store-level pieces of bulk delete
 * (delete reports only what it removed, orphaning, slot release, bounded log deletion).
 */
public abstract class StoresContract extends StorageContractSupport {

    // ---------------------------------------------------------------- flows

    @Test
    void flowsRoundTripAndNamesAreExactAndUnique() {
        Flow etl = fx.flow("etl");
        Flow upper = fx.flow("ETL");
        Flow spaced = fx.flow("etl ");
        assertEquals(Optional.of(etl), fx.tx(tx -> tx.flows().findById(etl.id())));
        assertEquals(Optional.of(etl), fx.tx(tx -> tx.flows().findByName("etl")));
        assertEquals(Optional.of(upper), fx.tx(tx -> tx.flows().findByName("ETL")));
        assertEquals(Optional.of(spaced), fx.tx(tx -> tx.flows().findByName("etl ")));
        assertEquals(Optional.empty(), fx.tx(tx -> tx.flows().findByName("Etl")));
        assertEquals(Optional.empty(), fx.tx(tx -> tx.flows().findById(UUID.randomUUID())));

        assertThrows(FlowsweepConflictException.class, () -> fx.tx(tx -> {
            tx.flows().insert(new Flow(UUID.randomUUID(), "etl"));
            return null;
        }), "duplicate name");
        assertThrows(FlowsweepConflictException.class, () -> fx.tx(tx -> {
            tx.flows().insert(new Flow(etl.id(), "another name"));
            return null;
        }), "duplicate id");
        assertEquals(Optional.empty(), fx.tx(tx -> tx.flows().findByName("another name")));
    }

    // ---------------------------------------------------------------- flow runs

    @Test
    void aFlowRunRoundTripsEveryField() {
        FlowRun parent = fx.run("parent", b -> { });
        TaskRun task = fx.taskRun(parent);
        Deployment d = fx.deployment(null);
        FlowRun full = fx.fullRun(d.id(), task.id());
        FlowRun bare = fx.run(b -> { });
        FlowRun unicode = fx.run("\u00c9t\u00e9 \ud83d\ude00 \u4e2d\u6587 ", b -> b
                .tags("z", "a", "\u00e9t\u00e9", "M")
                .state(StateType.CANCELLING, "Cancelling")
                .createdBy(new CreatedBy(null, "USER", null)));
        assertEquals(Optional.of(full), fx.findRun(full.id()));
        assertEquals(Optional.of(unicode), fx.findRun(unicode.id()), "tags keep their order; strings are exact");
        FlowRun found = fx.findRun(bare.id()).orElseThrow();
        if (namesAreGeneratedWhenMissing()) {
            assertNotNull(found.name(), "a run created without a name gets one");
            assertEquals(bare.toBuilder().name(found.name()).build(), found, "every other field as inserted");
        } else {
            assertEquals(Optional.of(bare), fx.findRun(bare.id()));
            assertNull(found.name());
        }
        assertNull(found.stateType());
        assertEquals(List.of(), found.tags());
        assertNull(found.createdBy());
        assertEquals(Optional.empty(), fx.findRun(UUID.randomUUID()));
    }

    @Test
    void insertingARunWithATakenIdOrAnUnknownFlowIsAConflictAndChangesNothing() {
        FlowRun a = fx.run("a", b -> { });
        assertThrows(FlowsweepConflictException.class,
                () -> fx.insert(a.toBuilder().name("a again").build()), "duplicate id");
        FlowRun orphan = FlowRun.builder(UUID.randomUUID()).name("orphan").created(T0).build();
        assertThrows(FlowsweepConflictException.class, () -> fx.insert(orphan), "unknown flow");
        assertEquals(Optional.of(a), fx.findRun(a.id()));
        assertFalse(fx.exists(orphan.id()));
        assertEquals(1, fx.countRuns());
    }

    @Test
    void aCallbackThatThrowsRollsBackEverythingItDid() {
        FlowRun kept = fx.run("kept", b -> { });
        ConcurrencyLimit limit = fx.limit("limit", 5, true);
        fx.logs(kept.id(), 2);
        FlowRun doomed = fx.newRun().name("doomed").build();
        IllegalStateException boom = new IllegalStateException("boom");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> fx.tx(tx -> {
            tx.flows().insert(new Flow(UUID.randomUUID(), "doomed-flow"));
            tx.flowRuns().insert(doomed);
            tx.taskRuns().insert(new TaskRun(UUID.randomUUID(), doomed.id(), "k", "0", null, null, null));
            tx.flowRuns().delete(List.of(kept.id()));
            tx.concurrencyLimits().releaseSlots(limit.id(), 2);
            tx.logs().deleteByFlowRunIds(List.of(kept.id()), 10);
            tx.purgeQueue().enqueue(List.of(kept.id()), T0);
            throw boom;
        }));
        assertSame(boom, thrown, "the callback's exception reaches the caller as it is");
        assertEquals(Optional.of(kept), fx.findRun(kept.id()));
        assertFalse(fx.exists(doomed.id()));
        assertEquals(Optional.empty(), fx.tx(tx -> tx.flows().findByName("doomed-flow")));
        assertEquals(5, fx.activeSlots(limit));
        assertEquals(2, fx.countLogs(List.of(kept.id())));
        assertEquals(0, fx.tx(tx -> tx.purgeQueue().stats()).pending());
    }

    @Test
    void aConflictInsideATransactionRollsBackItsEarlierWork() {
        FlowRun a = fx.run("a", b -> { });
        FlowRun first = fx.newRun().name("first").build();
        assertThrows(FlowsweepConflictException.class, () -> fx.tx(tx -> {
            tx.flowRuns().insert(first);
            tx.flowRuns().insert(a);
            return null;
        }));
        assertFalse(fx.exists(first.id()));
        assertEquals(1, fx.countRuns());
    }

    @Test
    void resultsDoNotShareStateWithTheStorage() {
        FlowRun a = fx.run("a", b -> b.tags("x", "y"));
        fx.run("b", b -> { });
        List<FlowRun> found = fx.tx(tx -> tx.flowRuns().find(null, FlowRunSort.ID_DESC, 10, 0));
        List<UUID> ids = fx.tx(tx -> tx.flowRuns().findIds(null, FlowRunSort.ID_DESC, 10));
        FlowRun one = fx.findRun(a.id()).orElseThrow();
        tryToMutate(() -> found.clear());
        tryToMutate(() -> ids.clear());
        tryToMutate(() -> one.tags().add("z"));
        assertEquals(2, fx.tx(tx -> tx.flowRuns().find(null, FlowRunSort.ID_DESC, 10, 0)).size());
        assertEquals(List.of("x", "y"), fx.findRun(a.id()).orElseThrow().tags());
    }

    private static void tryToMutate(Runnable r) {
        try {
            r.run();
        } catch (UnsupportedOperationException immutable) {
            // fine: nothing can change
        }
    }

    @Test
    void deleteReportsOnlyTheRunsItRemovedAsTheyWere() {
        Deployment d = fx.deployment(null);
        FlowRun a = fx.run("a", b -> b.state(StateType.RUNNING).deploymentId(d.id()));
        FlowRun b = fx.run("b", x -> { });
        UUID missing = UUID.randomUUID();
        List<DeletedFlowRun> deleted = fx.tx(tx -> tx.flowRuns().delete(List.of(a.id(), missing, b.id(), a.id())));
        List<DeletedFlowRun> sorted = new ArrayList<>(deleted);
        sorted.sort(Comparator.comparing(DeletedFlowRun::id, Fixture.ID_DESC));
        List<DeletedFlowRun> expected = new ArrayList<>(List.of(
                new DeletedFlowRun(a.id(), StateType.RUNNING, d.id()),
                new DeletedFlowRun(b.id(), null, null)));
        expected.sort(Comparator.comparing(DeletedFlowRun::id, Fixture.ID_DESC));
        assertEquals(expected, sorted);
        assertEquals(List.of(), fx.tx(tx -> tx.flowRuns().delete(List.of(a.id(), b.id()))), "already deleted");
        assertEquals(0, fx.countRuns());
    }

    @Test
    void orphanSubflowsOfNullsTheParentTaskRunOfSubflowsOnly() {
        FlowRun parent = fx.run("parent", b -> { });
        FlowRun other = fx.run("other", b -> { });
        TaskRun t1 = fx.taskRun(parent);
        TaskRun t2 = fx.taskRun(parent);
        TaskRun q = fx.taskRun(other);
        FlowRun s1 = fx.run("s1", b -> b.parentTaskRunId(t1.id()));
        FlowRun s2 = fx.run("s2", b -> b.parentTaskRunId(t2.id()).tags("keep-me"));
        FlowRun s3 = fx.run("s3", b -> b.parentTaskRunId(q.id()));
        assertEquals(2, (int) fx.tx(tx -> tx.flowRuns().orphanSubflowsOf(List.of(parent.id()))));
        assertEquals(s1.toBuilder().parentTaskRunId(null).build(), fx.findRun(s1.id()).orElseThrow());
        assertEquals(s2.toBuilder().parentTaskRunId(null).build(), fx.findRun(s2.id()).orElseThrow());
        assertEquals(Optional.of(s3), fx.findRun(s3.id()));
        assertTrue(fx.findTaskRun(t1.id()).isPresent(), "orphaning deletes no task run");
    }

    @Test
    void operationsOnMoreIdsThanADriverTakesParameters() {
        FlowRun a = fx.run("a", b -> { });
        FlowRun b = fx.run("b", x -> { });
        FlowRun kept = fx.run("kept", x -> { });
        TaskRun ta = fx.taskRun(a);
        fx.logs(a.id(), 3);
        fx.logs(kept.id(), 2);
        fx.tx(tx -> {
            tx.purgeQueue().enqueue(List.of(a.id(), kept.id()), T0);
            return null;
        });
        List<UUID> many = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            many.add(new UUID(0x5eed000000004000L + i, 0x8000000000000000L | i));
        }
        many.set(10, a.id());
        many.set(69_990, b.id());
        assertEquals(List.of(ta), fx.tx(tx -> tx.taskRuns().findByFlowRunIds(many)));
        assertEquals(Map.of(), fx.tx(tx -> tx.deployments().concurrencyLimitIds(many)));
        assertEquals(3L, (long) fx.countLogs(many));
        assertEquals(3, (int) fx.tx(tx -> tx.logs().deleteByFlowRunIds(many, 100)));
        fx.tx(tx -> {
            tx.purgeQueue().complete(many);
            return null;
        });
        assertEquals(1, fx.tx(tx -> tx.purgeQueue().stats()).pending());
        assertEquals(1, (int) fx.tx(tx -> tx.taskRuns().deleteByFlowRunIds(many)));
        assertEquals(0, (int) fx.tx(tx -> tx.flowRuns().orphanSubflowsOf(many)));
        List<DeletedFlowRun> deleted = fx.tx(tx -> tx.flowRuns().delete(many));
        assertEquals(Set.of(a.id(), b.id()), new HashSet<>(deleted.stream().map(DeletedFlowRun::id).toList()));
        assertEquals(List.of(kept.id()), fx.allRunIds());
        assertEquals(2L, (long) fx.countLogs(null));
    }

    // ---------------------------------------------------------------- task runs

    @Test
    void taskRunsRoundTripConflictAndDeleteByFlowRun() {
        FlowRun a = fx.run("a", b -> { });
        FlowRun b = fx.run("b", x -> { });
        TaskRun full = new TaskRun(UUID.randomUUID(), a.id(), "extract", "3", "extract-3", StateType.FAILED, "Failed");
        TaskRun bare = new TaskRun(UUID.randomUUID(), a.id(), "load", "0", null, null, null);
        fx.tx(tx -> {
            tx.taskRuns().insert(full);
            tx.taskRuns().insert(bare);
            return null;
        });
        TaskRun ofB = fx.taskRun(b);
        assertEquals(Optional.of(full), fx.findTaskRun(full.id()));
        TaskRun storedBare = bare;
        if (namesAreGeneratedWhenMissing()) {
            String generated = fx.findTaskRun(bare.id()).orElseThrow().name();
            assertNotNull(generated, "a task run created without a name gets one");
            storedBare = new TaskRun(bare.id(), bare.flowRunId(), bare.taskKey(), bare.dynamicKey(), generated, null,
                    null);
        }
        assertEquals(Optional.of(storedBare), fx.findTaskRun(bare.id()));
        assertEquals(Set.of(full, storedBare),
                new HashSet<>(fx.tx(tx -> tx.taskRuns().findByFlowRunIds(List.of(a.id())))));
        assertEquals(Set.of(full, storedBare, ofB),
                new HashSet<>(fx.tx(tx -> tx.taskRuns().findByFlowRunIds(List.of(a.id(), b.id(), UUID.randomUUID())))));

        assertThrows(FlowsweepConflictException.class, () -> fx.tx(tx -> {
            tx.taskRuns().insert(new TaskRun(full.id(), b.id(), "x", "0", null, null, null));
            return null;
        }), "duplicate id");
        UUID unknownRun = UUID.randomUUID();
        assertThrows(FlowsweepConflictException.class, () -> fx.tx(tx -> {
            tx.taskRuns().insert(new TaskRun(UUID.randomUUID(), unknownRun, "x", "0", null, null, null));
            return null;
        }), "unknown flow run");
        assertEquals(Optional.of(full), fx.findTaskRun(full.id()));

        assertEquals(2, (int) fx.tx(tx -> tx.taskRuns().deleteByFlowRunIds(List.of(a.id()))));
        assertEquals(List.of(), fx.tx(tx -> tx.taskRuns().findByFlowRunIds(List.of(a.id()))));
        assertEquals(Optional.of(ofB), fx.findTaskRun(ofB.id()));
        assertEquals(0, (int) fx.tx(tx -> tx.taskRuns().deleteByFlowRunIds(List.of(a.id()))));
    }

    // ---------------------------------------------------------------- deployments and limits

    @Test
    void deploymentsRoundTripAndCheckTheirReferences() {
        ConcurrencyLimit limit = fx.limit("limit", 0, true);
        Deployment limited = fx.deployment(limit);
        Deployment free = fx.deployment(null);
        assertEquals(Optional.of(limited), fx.tx(tx -> tx.deployments().findById(limited.id())));
        assertEquals(Optional.of(free), fx.tx(tx -> tx.deployments().findById(free.id())));
        assertEquals(Map.of(limited.id(), limit.id()),
                fx.tx(tx -> tx.deployments().concurrencyLimitIds(List.of(limited.id(), free.id(), UUID.randomUUID()))));

        UUID flowId = fx.defaultFlow().id();
        assertThrows(FlowsweepConflictException.class, () -> fx.tx(tx -> {
            tx.deployments().insert(new Deployment(limited.id(), "again", flowId, null));
            return null;
        }), "duplicate id");
        assertThrows(FlowsweepConflictException.class, () -> fx.tx(tx -> {
            tx.deployments().insert(new Deployment(UUID.randomUUID(), "no flow", UUID.randomUUID(), null));
            return null;
        }), "unknown flow");
        assertThrows(FlowsweepConflictException.class, () -> fx.tx(tx -> {
            tx.deployments().insert(new Deployment(UUID.randomUUID(), "no limit", flowId, UUID.randomUUID()));
            return null;
        }), "unknown limit");
    }

    @Test
    void limitsRoundTripAreUniqueAndLockByNamesInCodePointOrder() {
        ConcurrencyLimit b = fx.limit("b", 1, true);
        ConcurrencyLimit upper = fx.limit("B", 2, false);
        ConcurrencyLimit emoji = fx.limit("\ud83d\ude00", 3, true);
        ConcurrencyLimit replacement = fx.limit("\ufffd", 4, true);
        ConcurrencyLimit spaced = fx.limit("b ", 5, true);
        assertEquals(Optional.of(upper), fx.tx(tx -> tx.concurrencyLimits().findById(upper.id())));
        assertEquals(List.of(upper, b, spaced, replacement, emoji), fx.tx(tx -> tx.concurrencyLimits().lockByNames(
                List.of("\ud83d\ude00", "b ", "b", "missing", "\ufffd", "B"))));
        assertThrows(FlowsweepConflictException.class, () -> fx.limit("b", 0, true), "duplicate name");
        assertThrows(FlowsweepConflictException.class, () -> fx.tx(tx -> {
            tx.concurrencyLimits().insert(new ConcurrencyLimit(b.id(), "other", 1, true, 0));
            return null;
        }), "duplicate id");
    }

    @Test
    void releaseSlotsTouchesActiveLimitsOnlyAndNeverGoesBelowZero() {
        ConcurrencyLimit active = fx.limit("active", 5, true);
        ConcurrencyLimit inactive = fx.limit("inactive", 5, false);
        assertTrue((boolean) fx.tx(tx -> tx.concurrencyLimits().releaseSlots(active.id(), 2)));
        assertEquals(3, fx.activeSlots(active));
        assertTrue((boolean) fx.tx(tx -> tx.concurrencyLimits().releaseSlots(active.id(), 7)));
        assertEquals(0, fx.activeSlots(active));
        assertTrue((boolean) fx.tx(tx -> tx.concurrencyLimits().releaseSlots(active.id(), 1)), "an active limit at 0 still exists");
        assertEquals(0, fx.activeSlots(active));
        assertFalse((boolean) fx.tx(tx -> tx.concurrencyLimits().releaseSlots(inactive.id(), 2)));
        assertEquals(5, fx.activeSlots(inactive));
        assertFalse((boolean) fx.tx(tx -> tx.concurrencyLimits().releaseSlots(UUID.randomUUID(), 1)));

        fx.tx(tx -> {
            tx.concurrencyLimits().setActiveSlots(active.id(), 9);
            return null;
        });
        assertEquals(active.withActiveSlots(9), fx.readLimit(active.id()));
    }

    @Test
    void releaseSlotsOfSeveralLimitsAtOnceReleasesEachAsAloneAndReportsTheActiveOnes() {
        ConcurrencyLimit a = fx.limit("group-a", 5, true);
        ConcurrencyLimit b = fx.limit("group-b", 1, true);
        ConcurrencyLimit atZero = fx.limit("group-zero", 0, true);
        ConcurrencyLimit inactive = fx.limit("group-inactive", 5, false);
        UUID missing = UUID.randomUUID();
        assertEquals(Map.of(), fx.tx(tx -> tx.concurrencyLimits().releaseSlots(Map.of())));
        assertEquals(Map.of(a.id(), 2, b.id(), 3), fx.tx(tx -> tx.concurrencyLimits().releaseSlots(
                Map.of(a.id(), 2, b.id(), 3))), "all active: all released");
        assertEquals(3, fx.activeSlots(a));
        assertEquals(0, fx.activeSlots(b), "never below 0");
        Map<UUID, Integer> mixed = new HashMap<>(Map.of(a.id(), 1, atZero.id(), 4, inactive.id(), 2));
        mixed.put(missing, 1);
        assertEquals(Map.of(a.id(), 1, atZero.id(), 4), fx.tx(tx -> tx.concurrencyLimits().releaseSlots(mixed)),
                "an active limit at 0 is released, an inactive or missing one is not");
        assertEquals(2, fx.activeSlots(a));
        assertEquals(0, fx.activeSlots(atZero));
        assertEquals(5, fx.activeSlots(inactive));
        assertEquals(Map.of(a.id(), 7), fx.tx(tx -> tx.concurrencyLimits().releaseSlots(Map.of(a.id(), 7))));
        assertEquals(0, fx.activeSlots(a));

        fx.tx(tx -> {
            tx.concurrencyLimits().setActiveSlots(a.id(), 5);
            return null;
        });
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> fx.tx(tx ->
                tx.concurrencyLimits().releaseSlots(new TreeMap<>(Map.of(a.id(), 1, b.id(), 0)))));
        assertTrue(bad.getMessage().contains(b.id().toString()), bad.getMessage());
        assertEquals(5, fx.activeSlots(a), "a bad count releases nothing");
    }

    // ---------------------------------------------------------------- logs

    @Test
    void logsAreFoundInTimestampThenIdOrderAndCounted() {
        FlowRun a = fx.run("a", b -> { });
        UUID gone = UUID.randomUUID();
        Log late = new Log(UUID.fromString("00000000-0000-4000-8000-000000000001"), "x", 40, "late", t(2), a.id(), null);
        Log tieHigh = new Log(UUID.fromString("80000000-0000-4000-8000-000000000000"), "x", 20, "tie high", t(1), a.id(), null);
        Log tieLow = new Log(UUID.fromString("7fffffff-0000-4000-8000-000000000000"), "x", 20, "tie low", t(1), a.id(), null);
        Log ofGone = new Log(UUID.randomUUID(), "x", 10, "of a run that does not exist", t(0), gone, null);
        Log ofNone = new Log(UUID.randomUUID(), "x", 10, "of no run \u00e9\ud83d\ude00", t(3).plusNanos(7_000), null, null);
        fx.tx(tx -> {
            tx.logs().insert(List.of(late, tieHigh, tieLow, ofGone, ofNone));
            return null;
        });
        assertEquals(List.of(tieLow, tieHigh, late), fx.tx(tx -> tx.logs().find(List.of(a.id()), 10, 0)));
        assertEquals(List.of(tieHigh), fx.tx(tx -> tx.logs().find(List.of(a.id()), 1, 1)));
        assertEquals(List.of(ofGone, tieLow, tieHigh, late, ofNone), fx.tx(tx -> tx.logs().find(null, 10, 0)));
        assertEquals(3, fx.countLogs(List.of(a.id())));
        assertEquals(4, fx.countLogs(List.of(a.id(), gone)));
        assertEquals(5, fx.countLogs(null));
    }

    @Test
    void deleteLogsByFlowRunIdsDeletesAtMostMaxRowsAndOnlyThoseRuns() {
        FlowRun a = fx.run("a", b -> { });
        FlowRun b = fx.run("b", x -> { });
        FlowRun c = fx.run("c", x -> { });
        fx.logs(a.id(), 7);
        fx.logs(b.id(), 3);
        fx.logs(c.id(), 2);
        fx.logs(null, 1);
        List<UUID> ab = List.of(a.id(), b.id());
        assertEquals(4, (int) fx.tx(tx -> tx.logs().deleteByFlowRunIds(ab, 4)));
        assertEquals(6, fx.countLogs(ab));
        assertEquals(4, (int) fx.tx(tx -> tx.logs().deleteByFlowRunIds(ab, 4)));
        assertEquals(2, fx.countLogs(ab));
        assertEquals(2, (int) fx.tx(tx -> tx.logs().deleteByFlowRunIds(ab, 4)), "fewer than maxRows: none left");
        assertEquals(0, fx.countLogs(ab));
        assertEquals(0, (int) fx.tx(tx -> tx.logs().deleteByFlowRunIds(ab, 4)));
        assertEquals(2, fx.countLogs(List.of(c.id())));
        assertEquals(3, fx.countLogs(null));
    }

    @Test
    void deleteLogsCoversManyRunsInOneCall() {
        List<UUID> runIds = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UUID id = UUID.randomUUID();
            runIds.add(id);
            for (int j = 0; j < 3; j++) {
                logs.add(new Log(UUID.randomUUID(), "x", 20, "m", Instant.ofEpochSecond(1_700_000_000L + j), id, null));
            }
        }
        fx.tx(tx -> {
            tx.logs().insert(logs);
            return null;
        });
        fx.logs(UUID.randomUUID(), 5);
        assertEquals(900, (int) fx.tx(tx -> tx.logs().deleteByFlowRunIds(runIds, 10_000)));
        assertEquals(0, fx.countLogs(runIds));
        assertEquals(5, fx.countLogs(null));
    }
}
