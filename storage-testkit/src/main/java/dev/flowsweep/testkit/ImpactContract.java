package dev.flowsweep.testkit;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeletionPreview;
import dev.flowsweep.spi.DeletionImpact;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dry run with per-table counts: {@code FlowRunStore.impact} and {@code BulkDeleteService.preview} count what a
 * delete would remove (runs, task runs, logs, and what the layout deletes with a run), change nothing, and agree with
 * what the delete then does.
 */
public abstract class ImpactContract extends StorageContractSupport {
    private BulkDeleteService service;

    @BeforeEach
    protected final void createService() {
        service = new BulkDeleteService(storage);
    }

    private DeletionImpact impact(List<UUID> ids) {
        return fx.tx(tx -> tx.flowRuns().impact(ids));
    }

    private FlowRun runWithChildren(String name, int taskRuns, int logs) {
        FlowRun run = fx.run(name, b -> b.state(StateType.COMPLETED).tags(List.of("impact")));
        for (int i = 0; i < taskRuns; i++) {
            fx.taskRun(run);
        }
        fx.logs(run.id(), logs);
        return run;
    }

    @Test
    void countsTheRunsTheirTaskRunsAndTheirLogs() {
        FlowRun a = runWithChildren("a", 2, 3);
        FlowRun b = runWithChildren("b", 1, 0);
        FlowRun other = runWithChildren("other", 4, 5);
        UUID missing = UUID.randomUUID();
        DeletionImpact impact = impact(List.of(a.id(), b.id(), a.id(), missing));
        assertEquals(2, impact.rows(DeletionImpact.FLOW_RUN), "runs (a duplicate once, a missing id not at all)");
        assertEquals(3, impact.rows(DeletionImpact.TASK_RUN), "task runs");
        assertEquals(3, impact.rows(DeletionImpact.LOG), "logs");
        assertTrue(impact.rows().keySet().containsAll(List.of(DeletionImpact.FLOW_RUN, DeletionImpact.TASK_RUN,
                DeletionImpact.LOG)), "every storage lists runs, task runs and logs: " + impact);
        assertEquals(3, fx.countRuns(), "nothing changed");
        assertEquals(8, fx.countLogs(null), "nothing changed");
        assertEquals(5, impact(List.of(other.id())).rows(DeletionImpact.LOG));
    }

    @Test
    void noIdsAndUnknownIdsCountNothingOnEveryTable() {
        runWithChildren("a", 1, 1);
        for (DeletionImpact impact : List.of(impact(List.of()), impact(List.of(UUID.randomUUID())))) {
            impact.rows().forEach((table, n) -> assertEquals(0L, n, table + " in " + impact));
        }
        assertEquals(impact(List.of()).rows().keySet(), impact(List.of(UUID.randomUUID())).rows().keySet(),
                "the same tables whatever the ids");
    }

    @Test
    void thePreviewAgreesWithTheDeleteThatFollows() {
        ConcurrencyLimit limit = fx.limit("impact-limit", 5, true);
        Deployment d = fx.deployment(limit);
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(runWithChildren("r" + i, i, i + 1));
        }
        runs.add(fx.run("running", b -> b.state(StateType.RUNNING).deploymentId(d.id()).tags(List.of("impact"))));
        runs.add(fx.run("pending", b -> b.state(StateType.PENDING).deploymentId(d.id()).tags(List.of("impact"))));
        runWithChildren("kept", 2, 2);
        FlowRunFilter filter = FlowRunFilter.builder().idAny(Fixture.ids(runs)).build();

        DeletionPreview preview = service.preview(filter, 200, 3);
        assertEquals(6, preview.matching());
        assertEquals(6, preview.runs());
        assertEquals(Fixture.idDesc(runs).subList(0, 3), preview.firstIds());
        assertEquals(Map.of(limit.id(), 2), preview.releasedSlots());
        assertEquals(5, fx.activeSlots(limit), "a preview releases nothing");
        DeletionImpact impact = preview.impact();
        assertEquals(6, impact.rows(DeletionImpact.FLOW_RUN));
        assertEquals(0 + 1 + 2 + 3, impact.rows(DeletionImpact.TASK_RUN));
        assertEquals(1 + 2 + 3 + 4, impact.rows(DeletionImpact.LOG));
        assertEquals(impact, service.preview(filter, null, 0).impact(), "every matching run, as a drain");

        BulkDeleteResult result = service.bulkDelete(BulkDeleteRequest.of(filter, 200));
        assertEquals(Fixture.idDesc(runs), result.deleted());
        assertEquals(preview.releasedSlots(), result.releasedSlots());
        assertEquals(1, fx.countRuns());
        DeletionImpact after = impact(Fixture.ids(runs));
        assertEquals(0, after.rows(DeletionImpact.FLOW_RUN));
        assertEquals(0, after.rows(DeletionImpact.TASK_RUN));
        after.rows().forEach((table, n) -> {
            if (!table.equals(DeletionImpact.LOG)) {
                assertEquals(0L, n, table + " left after the delete");
            }
        });
    }

    @Test
    void aLimitedPreviewCountsOnlyTheRunsTheDeleteWouldTake() {
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(runWithChildren("r" + i, 1, 2));
        }
        FlowRunFilter filter = FlowRunFilter.builder().idAny(Fixture.ids(runs)).build();
        DeletionPreview two = service.preview(filter, 2, 10);
        assertEquals(5, two.matching());
        assertEquals(2, two.runs());
        assertEquals(Fixture.idDesc(runs).subList(0, 2), two.firstIds());
        assertEquals(2, two.impact().rows(DeletionImpact.FLOW_RUN));
        assertEquals(2, two.impact().rows(DeletionImpact.TASK_RUN));
        assertEquals(4, two.impact().rows(DeletionImpact.LOG));
        DeletionPreview none = service.preview(FlowRunFilter.builder().idAny(List.of()).build(), null, 10);
        assertEquals(0, none.runs());
        assertEquals(List.of(), none.firstIds());
        none.impact().rows().forEach((table, n) -> assertEquals(0L, n, table));
    }
}
