package dev.flowsweep.memory;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowsweepStorageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only the in-memory adapter promises: index use, transaction confinement, closing. */
class InMemoryStorageTest {
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private InMemoryStorage storage;
    private Flow flow;

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.create();
        flow = new Flow(UUID.randomUUID(), "flow");
        storage.inTransaction(tx -> {
            tx.flows().insert(flow);
            return null;
        });
    }

    private List<FlowRun> insertRuns(int n) {
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(FlowRun.builder(flow.id()).name("run-" + i).tags(i % 100 == 0 ? "rare" : "common")
                    .state(i % 2 == 0 ? StateType.COMPLETED : StateType.FAILED).created(T0).build());
        }
        storage.inTransaction(tx -> {
            runs.forEach(tx.flowRuns()::insert);
            return null;
        });
        return runs;
    }

    /** How many single-run evaluations {@code query} caused. */
    private long evaluations(Runnable query) {
        long before = storage.criterionEvaluations();
        query.run();
        return storage.criterionEvaluations() - before;
    }

    @Test
    void anIdAnyFilterLooksIdsUpInsteadOfScanning() {
        List<FlowRun> runs = insertRuns(5_000);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(runs.get(i * 25).id());
        }
        Criterion byId = FlowRunFilter.builder().idAny(ids).build().toCriterion().orElseThrow();
        Criterion byIdAndState = FlowRunFilter.builder().idAny(ids).stateTypeAny(StateType.COMPLETED).build()
                .toCriterion().orElseThrow();

        assertEquals(200, evaluations(() -> assertEquals(200L, count(byId))));
        assertEquals(200, evaluations(() -> assertEquals(200, find(byId, FlowRunSort.NAME_ASC).size())));
        assertEquals(200, evaluations(() -> assertEquals(200, storage.inTransaction(
                tx -> tx.flowRuns().lockIdsForDelete(byId, 1_000)).size())));
        assertEquals(200, evaluations(() -> assertEquals(100L, count(byIdAndState))),
                "an id.any_ ANDed with other conditions is looked up too");
    }

    /** A batch loop's walk down the ids starts at its bound: the runs above it are not looked at again. */
    @Test
    void aWalkBelowAnIdStartsThereInsteadOfAtTheTop() {
        insertRuns(1_000);
        List<UUID> idDesc = storage.inTransaction(tx -> tx.flowRuns().findIds(null, FlowRunSort.ID_DESC, 1_000));
        Criterion ended = FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED, StateType.FAILED).build()
                .toCriterion().orElseThrow(); // every run: the walk's cost is then exactly the runs it looks at
        Criterion below = new Criterion.And(List.of(ended, new Criterion.IdBelow(idDesc.get(499))));

        List<UUID> locked = new ArrayList<>();
        long looked = evaluations(() -> locked.addAll(storage.inTransaction(
                tx -> tx.flowRuns().lockIdsForDelete(below, 10))));

        assertEquals(10, locked.size());
        assertEquals(idDesc.subList(500, 510), locked, "the ten runs after the bound");
        assertEquals(10, looked, "walked from the bound, not from the top");
    }

    @Test
    void tagAndParentFiltersUseTheirIndexesAndEverythingElseScans() {
        insertRuns(1_000);
        Criterion rare = FlowRunFilter.builder().tagsAny("rare").build().toCriterion().orElseThrow();
        Criterion rareAll = FlowRunFilter.builder().tagsAll("rare").build().toCriterion().orElseThrow();
        Criterion unknownParent = FlowRunFilter.builder().parentFlowRunIdAny(UUID.randomUUID()).build().toCriterion().orElseThrow();
        Criterion byState = FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build().toCriterion().orElseThrow();
        Criterion orWithScan = FlowRunFilter.builder().operator(Operator.OR).tagsAny("rare").nameAny("run-1").build()
                .toCriterion().orElseThrow();

        assertEquals(10, evaluations(() -> assertEquals(10L, count(rare))));
        assertEquals(10, evaluations(() -> assertEquals(10L, count(rareAll))));
        assertEquals(0, evaluations(() -> assertEquals(0L, count(unknownParent))));
        assertEquals(1_000, evaluations(() -> assertEquals(500L, count(byState))));
        assertEquals(1_000, evaluations(() -> assertEquals(11L, count(orWithScan))));
    }

    @Test
    void idDescWithoutAnIndexStopsAtTheLimit() {
        insertRuns(1_000);
        Criterion byState = FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build().toCriterion().orElseThrow();
        long n = evaluations(() -> assertEquals(10, storage.inTransaction(
                tx -> tx.flowRuns().lockIdsForDelete(byState, 10)).size()));
        assertTrue(n < 1_000, "evaluated " + n + " runs for 10 ids");
    }

    @Test
    void anIndexWhoseCandidatesCoverMostRunsIsNotUsed() {
        insertRuns(1_000); // "common" is on 990 runs, "rare" on 10
        Criterion common = FlowRunFilter.builder().tagsAny("common").build().toCriterion().orElseThrow();
        Criterion commonAndState = FlowRunFilter.builder().tagsAny("common").stateTypeAny(StateType.COMPLETED)
                .build().toCriterion().orElseThrow();
        Criterion commonOrRare = new Criterion.Or(List.of(new Criterion.TagsContainAny(List.of("common")),
                new Criterion.TagsContainAll(List.of("rare"))));

        storage.inTransaction(tx -> {
            MemoryTransaction mtx = (MemoryTransaction) tx;
            assertEquals(null, mtx.planner.candidates(common), "990 of 1,000 runs: scan, no candidate set");
            assertEquals(null, mtx.planner.candidates(commonAndState));
            assertEquals(null, mtx.planner.candidates(commonOrRare));
            return null;
        });
        // A scan tests each run once (the index would have proposed 990, tested one by one after a lookup).
        assertEquals(1_000, evaluations(() -> assertEquals(990L, count(common))));
        assertEquals(1_000, evaluations(() -> assertEquals(490L, count(commonAndState))));
        // ID_DESC without a narrowing index walks the runs in id order and stops at the limit.
        long n = evaluations(() -> assertEquals(10, storage.inTransaction(
                tx -> tx.flowRuns().findIds(commonAndState, FlowRunSort.ID_DESC, 10)).size()));
        assertTrue(n < 100, "evaluated " + n + " runs for 10 ids");
    }

    @Test
    void aNarrowIndexIsStillUsedInsideAnAndWithAWideOne() {
        insertRuns(1_000);
        Criterion commonAndRare = FlowRunFilter.builder().tagsAny("common").tagsAll("rare").build()
                .toCriterion().orElseThrow();
        // "rare" proposes 10 candidates; "common" (990) is not even materialized.
        assertEquals(10, evaluations(() -> assertEquals(0L, count(commonAndRare))));
    }

    @Test
    void scansReturnExactlyTheReferenceOrderWithLimitAndOffset() {
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            runs.add(FlowRun.builder(flow.id()).name(i % 7 == 0 ? null : "run-" + (i % 50)).tags("common")
                    .state(i % 3 == 0 ? StateType.COMPLETED : StateType.FAILED)
                    .expectedStartTime(i % 11 == 0 ? null : T0.plusSeconds(i % 40))
                    .endTime(i % 5 == 0 ? null : T0.plusSeconds(i % 13)).created(T0).build());
        }
        storage.inTransaction(tx -> {
            runs.forEach(tx.flowRuns()::insert);
            return null;
        });
        Criterion common = FlowRunFilter.builder().tagsAny("common").stateTypeAny(StateType.FAILED).build()
                .toCriterion().orElseThrow();
        // rare and without an index: ID_DESC gives up its walk of the id tree and scans (see walkIdsDescending)
        Criterion rare = FlowRunFilter.builder().nameAny("run-3").build().toCriterion().orElseThrow();
        for (Criterion c : List.of(common, rare)) {
            List<FlowRun> matching = runs.stream()
                    .filter(r -> c == common ? r.stateType() == StateType.FAILED : "run-3".equals(r.name())).toList();
            checkReferenceOrder(c, matching);
        }
        // 10 runs are "run-3": for 10 ids the walk gives up after max(8 * 10, 600 / 16) = 80 runs, then scans 600
        assertEquals(80 + 600, evaluations(() -> assertEquals(10, storage.inTransaction(
                tx -> tx.flowRuns().findIds(rare, FlowRunSort.ID_DESC, 10)).size())));
    }

    private void checkReferenceOrder(Criterion c, List<FlowRun> matching) {
        for (FlowRunSort sort : FlowRunSort.values()) {
            List<FlowRun> expected = matching.stream().sorted(sort.comparator()).toList();
            for (int[] limitOffset : new int[][] {{1, 0}, {7, 3}, {200, 0}, {200, 350}, {10_000, 0}, {20_000, 5}}) {
                int limit = limitOffset[0];
                int offset = limitOffset[1];
                List<FlowRun> want = expected.subList(Math.min(offset, expected.size()),
                        Math.min(expected.size(), offset + limit));
                assertEquals(want, storage.inTransaction(tx -> tx.flowRuns().find(c, sort, limit, offset)),
                        sort + " limit " + limit + " offset " + offset);
                if (offset == 0) {
                    assertEquals(want.stream().map(FlowRun::id).toList(), storage.inTransaction(
                            tx -> tx.flowRuns().findIds(c, sort, limit)), sort + " ids, limit " + limit);
                }
            }
        }
    }

    @Test
    void fullScansSeeExactlyTheStoredRunsAfterDeletesReplacementsAndRollbacks() {
        List<FlowRun> runs = insertRuns(300);
        Criterion everyRun = new Criterion.IsNull(Criterion.Column.ID, false);
        List<UUID> gone = new ArrayList<>();
        for (int i = 0; i < 300; i += 3) {
            gone.add(runs.get(i).id());
        }
        // a subflow of a run about to go: deleting its parent task run replaces the subflow (parent nulled)
        TaskRun parentTask = new TaskRun(UUID.randomUUID(), gone.get(0), "task", "0", "task-0", null, null);
        FlowRun subflow = FlowRun.builder(flow.id()).name("subflow").parentTaskRunId(parentTask.id()).created(T0).build();
        storage.inTransaction(tx -> {
            tx.taskRuns().insert(parentTask);
            tx.flowRuns().insert(subflow);
            return null;
        });
        storage.inTransaction(tx -> tx.flowRuns().delete(gone));
        assertEquals(null, storage.inTransaction(tx -> tx.flowRuns().findById(subflow.id())).orElseThrow()
                .parentTaskRunId());
        assertThrows(IllegalStateException.class, () -> storage.inTransaction(tx -> {
            tx.flowRuns().delete(List.of(runs.get(1).id(), runs.get(299).id()));
            tx.flowRuns().insert(FlowRun.builder(flow.id()).name("rolled-back").created(T0).build());
            throw new IllegalStateException("roll back");
        }));
        List<UUID> expected = java.util.stream.Stream.concat(runs.stream(), java.util.stream.Stream.of(subflow))
                .map(FlowRun::id).filter(id -> !gone.contains(id)).sorted().toList();

        assertEquals(201L, count(everyRun));
        assertEquals(201L, count(new Criterion.IsNull(Criterion.Column.PARENT_TASK_RUN_ID, true)),
                "the scan sees the replaced subflow, not the version with a parent");
        assertEquals(expected, storage.inTransaction(tx -> tx.flowRuns().find(everyRun, FlowRunSort.NAME_ASC, 1_000, 0))
                .stream().map(FlowRun::id).sorted().toList());
    }

    private long count(Criterion c) {
        return storage.inTransaction(tx -> tx.flowRuns().count(c));
    }

    private List<FlowRun> find(Criterion c, FlowRunSort sort) {
        return storage.inTransaction(tx -> tx.flowRuns().find(c, sort, 10_000, 0));
    }

    @Test
    void storesCannotBeUsedAfterTheirTransaction() {
        AtomicReference<FlowRunStore> leaked = new AtomicReference<>();
        storage.inTransaction(tx -> {
            leaked.set(tx.flowRuns());
            return null;
        });
        assertThrows(IllegalStateException.class, () -> leaked.get().count(null));
    }

    @Test
    void aTransactionInsideATransactionIsRefusedAndTheOuterOneRolledBack() {
        FlowRun run = FlowRun.builder(flow.id()).name("outer").created(T0).build();
        assertThrows(IllegalStateException.class, () -> storage.inTransaction(tx -> {
            tx.flowRuns().insert(run);
            return storage.inTransaction(inner -> null);
        }));
        assertEquals(0L, count(null));
    }

    @Test
    void aClosedStorageRefusesTransactions() {
        storage.close();
        assertThrows(FlowsweepStorageException.class, () -> storage.inTransaction(tx -> null));
    }

    @Test
    void describesItselfAsMemory() {
        assertEquals("memory", storage.describe());
        assertEquals("memory", new InMemoryStorage().describe());
    }

    @Test
    void concurrentWritersAndReadersSeeWholeTransactions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        storage.inTransaction(tx -> {
                            tx.flowRuns().insert(FlowRun.builder(flow.id()).created(T0).build());
                            tx.flowRuns().insert(FlowRun.builder(flow.id()).created(T0).build());
                            return null;
                        });
                    }
                    return null;
                }));
            }
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    long n = count(null);
                    if (n % 2 != 0) {
                        throw new AssertionError("saw half a transaction: " + n + " runs");
                    }
                }
                return null;
            }));
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1_200L, count(null));
    }
}
