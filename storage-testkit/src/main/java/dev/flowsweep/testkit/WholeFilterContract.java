package dev.flowsweep.testkit;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter.CreatedByFilter;
import dev.flowsweep.filter.FlowRunFilter.DeploymentIdFilter;
import dev.flowsweep.filter.FlowRunFilter.EndTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.IdFilter;
import dev.flowsweep.filter.FlowRunFilter.IdempotencyKeyFilter;
import dev.flowsweep.filter.FlowRunFilter.NameFilter;
import dev.flowsweep.filter.FlowRunFilter.ParentTaskRunIdFilter;
import dev.flowsweep.filter.FlowRunFilter.StartTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.StateFilter;
import dev.flowsweep.filter.FlowRunFilter.StateNameFilter;
import dev.flowsweep.filter.FlowRunFilter.StateTypeFilter;
import dev.flowsweep.filter.FlowRunFilter.TagsFilter;
import dev.flowsweep.filter.FlowRunFilter.WorkQueueNameFilter;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.testkit.Fixture.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Filters as a whole: a run whose optional fields are all null, the top-level {@code operator} (and dropped
 * parts under it), and {@code find} with a limit and an offset.
 * Each test builds a handful of runs, at least one of which the filter must leave out.
 */
public abstract class WholeFilterContract extends FilterContractSupport {

    // ---------------------------------------------------------------- nulls, everywhere

    @Test
    void aRunWithEveryOptionalFieldNullMatchesOnlyIsNull() {
        FlowRun bare = fx.run(b -> { });
        FlowRun parent = fx.run("parent", b -> { });
        TaskRun task = fx.taskRun(parent);
        Deployment d = fx.deployment(null);
        FlowRun full = fx.fullRun(d.id(), task.id());
        List<FlowRunFilter> mustMissBare = List.of(
                filter().nameAny("full-run").build(),
                filter().tagsAny("alpha").build(),
                filter().tagsAll("alpha").build(),
                filter().deploymentIdAny(d.id()).build(),
                filter().workQueueNameAny("queue-1").build(),
                filter().stateTypeAny(StateType.RUNNING).build(),
                filter().stateTypeNotAny(StateType.COMPLETED).build(),
                filter().stateNameAny("Running hard").build(),
                filter().stateNameNotAny("Completed").build(),
                filter().flowVersionAny("1.2.3").build(),
                filter().startTimeAfter(Instant.parse("0001-01-01T00:00:00Z")).build(),
                filter().startTimeBefore(Instant.parse("9999-12-31T00:00:00Z")).build(),
                filter().endTimeBefore(Instant.parse("9999-12-31T00:00:00Z")).build(),
                filter().expectedStartTimeBefore(Instant.parse("9999-12-31T00:00:00Z")).build(),
                filter().nextScheduledStartTimeBefore(Instant.parse("9999-12-31T00:00:00Z")).build(),
                filter().parentFlowRunIdAny(parent.id()).build(),
                filter().parentTaskRunIdAny(task.id()).build(),
                filter().idempotencyKeyAny("idem-1").build(),
                filter().idempotencyKeyNotAny("other").build(),
                filter().createdByIdAny(full.createdBy().id()).build(),
                filter().createdByTypeAny("DEPLOYMENT").build());
        for (FlowRunFilter f : mustMissBare) {
            assertMatches(f, full);
        }
        String storedName = asStored(bare).name();     // null, unless the storage generates names
        assertMatches(filter().nameLike("u").build(), storedName != null && storedName.contains("u")
                ? List.of(full, bare) : List.of(full));
        List<FlowRunFilter> isNullTrue = List.of(
                filter().tagsIsNull(true).build(),
                filter().deploymentIdIsNull(true).build(),
                filter().workQueueNameIsNull(true).build(),
                filter().startTimeIsNull(true).build(),
                filter().endTimeIsNull(true).build(),
                filter().parentTaskRunIdIsNull(true).build(),
                filter().createdByIsNull(true).build());
        for (FlowRunFilter f : isNullTrue) {
            assertMatches(f, bare, parent);
        }
        List<FlowRunFilter> isNullFalse = List.of(
                filter().tagsIsNull(false).build(),
                filter().deploymentIdIsNull(false).build(),
                filter().workQueueNameIsNull(false).build(),
                filter().startTimeIsNull(false).build(),
                filter().endTimeIsNull(false).build(),
                filter().parentTaskRunIdIsNull(false).build(),
                filter().createdByIsNull(false).build());
        for (FlowRunFilter f : isNullFalse) {
            assertMatches(f, full);
        }
    }

    // ---------------------------------------------------------------- top level

    @Test
    void topLevelOrUnitesCriteriaAndAndIntersectsThem() {
        FlowRun named = fx.run("named", b -> { });
        FlowRun tagged = fx.run("tagged", b -> b.tags("x"));
        FlowRun both = fx.run("both", b -> b.tags("x").workQueueName("named"));
        fx.run("neither", b -> { });
        FlowRun named2 = fx.run("named", b -> b.tags("x"));
        assertMatches(filter().operator(Operator.OR).nameAny("named").tagsAny("x").build(), named, tagged, both, named2);
        assertMatches(filter().operator(Operator.AND).nameAny("named").tagsAny("x").build(), named2);
    }

    @Test
    void anEmptySubFilterUnderTopLevelOrDoesNotWiden() {
        FlowRun x = fx.run("x", b -> { });
        fx.run("y", b -> { });
        fx.run("z", b -> b.tags("t"));
        assertMatches(filter().operator(Operator.OR).name(new NameFilter(null, null)).idAny(x.id()).build(), x);
        assertMatches(filter().operator(Operator.OR).name(new NameFilter(null, "")).idAny(x.id()).build(), x);
        assertMatches(filter().operator(Operator.OR)
                .tags(new TagsFilter(Operator.OR, List.of(), null, null))
                .state(new StateFilter(Operator.OR, new StateTypeFilter(null, List.of()), null))
                .deploymentId(new DeploymentIdFilter(Operator.OR, null, null))
                .startTime(new StartTimeFilter(null, null, null))
                .createdBy(new CreatedByFilter(Operator.OR, null, null, null))
                .idAny(x.id()).build(), x);
    }

    @Test
    void aPartThatMatchesNothingIsDroppedUnderOrAndWinsUnderAnd() {
        FlowRun a = fx.run("a", b -> { });
        fx.run("b", b -> { });
        assertMatches(filter().operator(Operator.OR).id(new IdFilter(List.of(), null)).nameAny("a").build(), a);
        assertMatches(filter().operator(Operator.AND).id(new IdFilter(List.of(), null)).nameAny("a").build());
        assertMatches(filter().operator(Operator.OR).id(new IdFilter(List.of(), null)).tagsAny().build());
    }

    @Test
    void aFilterWhoseCriteriaAreAllDroppedMatchesEveryRun() {
        FlowRun a = fx.run("a", b -> b.tags("t"));
        FlowRun b = fx.run(x -> { });
        for (Operator op : Operator.values()) {
            FlowRunFilter f = filter().operator(op)
                    .id(new IdFilter(null, List.of()))
                    .name(new NameFilter(null, ""))
                    .tags(new TagsFilter(Operator.OR, List.of(), null, null))
                    .state(new StateFilter(Operator.OR, new StateTypeFilter(null, null), new StateNameFilter(null, List.of())))
                    .workQueueName(new WorkQueueNameFilter(null, null, null))
                    .idempotencyKey(new IdempotencyKeyFilter(null, List.of()))
                    .endTime(new EndTimeFilter(null, null, null))
                    .parentTaskRunId(new ParentTaskRunIdFilter(Operator.OR, null, null))
                    .build();
            assertMatches(f, a, b);
        }
        assertMatches(FlowRunFilter.matchAll(), a, b);
        assertMatches(null, a, b);
    }

    // ---------------------------------------------------------------- find with limit and offset, count

    @Test
    void findHonoursLimitAndOffsetInSortOrder() {
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            runs.add(fx.run("r" + n, b -> b.tags(n % 2 == 0 ? "even" : "odd")));
        }
        List<UUID> all = Fixture.idDesc(runs);
        Criterion none = null;
        assertEquals(all.subList(2, 5), fx.tx(tx -> Fixture.ids(tx.flowRuns().find(none, FlowRunSort.ID_DESC, 3, 2))));
        assertEquals(all.subList(8, 10), fx.tx(tx -> Fixture.ids(tx.flowRuns().find(none, FlowRunSort.ID_DESC, 5, 8))));
        assertEquals(List.of(), fx.tx(tx -> tx.flowRuns().find(none, FlowRunSort.ID_DESC, 5, 10)));
        assertEquals(List.of(), fx.tx(tx -> tx.flowRuns().find(none, FlowRunSort.ID_DESC, 0, 0)));
        assertEquals(all.subList(0, 4), fx.tx(tx -> tx.flowRuns().findIds(none, FlowRunSort.ID_DESC, 4)));
        assertEquals(all.subList(0, 4), fx.tx(tx -> tx.flowRuns().lockIdsForDelete(none, 4)));

        Criterion even = Fixture.criterion(filter().tagsAny("even").build());
        List<UUID> evens = new ArrayList<>();
        for (UUID id : all) {
            if (fx.findRun(id).orElseThrow().tags().contains("even")) {
                evens.add(id);
            }
        }
        assertEquals(evens.subList(1, 3), fx.tx(tx -> Fixture.ids(tx.flowRuns().find(even, FlowRunSort.ID_DESC, 2, 1))));
        assertEquals(5L, (long) fx.tx(tx -> tx.flowRuns().count(even)));
        assertEquals(10L, (long) fx.tx(tx -> tx.flowRuns().count(none)));
    }
}
