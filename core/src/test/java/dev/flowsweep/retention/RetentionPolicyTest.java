package dev.flowsweep.retention;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which runs a {@link RetentionPolicy} selects: the filter it builds, and the filters it refuses. */
class RetentionPolicyTest {
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00.123456789Z");
    private static final Instant NOW_MICROS = Instant.parse("2026-06-01T10:00:00.123456Z");

    @Test
    void prefectsDbVacuumRuleIsTheDefault() {
        RetentionPolicy p = RetentionPolicy.finishedOlderThan("vacuum", Duration.ofDays(90));

        assertEquals(Set.of(StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED, StateType.CRASHED), p.states());
        assertTrue(p.topLevelOnly());
        assertEquals(200, p.batchSize());
        assertEquals(Duration.ofHours(1), p.interval());
        assertEquals(Duration.ZERO, p.pauseBetweenBatches());
        assertNull(p.timeBudget());
        assertEquals("RETENTION:vacuum", p.reason().toString());
    }

    @Test
    void theCutoffIsNowMinusTheAgeInMicrosecondsAndTheBoundIsOneMicrosecondBeforeIt() {
        RetentionPolicy p = RetentionPolicy.finishedOlderThan("p", Duration.ofDays(30));

        Instant cutoff = p.cutoffAt(NOW);
        assertEquals(NOW_MICROS.minus(Duration.ofDays(30)), cutoff);
        FlowRunFilter f = p.filterAt(NOW);
        assertEquals(cutoff.minusNanos(1_000), f.endTime().before(),
                "end_time.before_ is inclusive: strictly before the cutoff is at or before cutoff - 1 µs");
        assertNull(f.endTime().after());
        assertNull(f.endTime().isNull());
    }

    @Test
    void theDefaultConditionsAreTerminalStatesTopLevelAndAge() {
        FlowRunFilter f = RetentionPolicy.finishedOlderThan("p", Duration.ofDays(1)).filterAt(NOW);

        assertEquals(Operator.AND, f.operator());
        assertEquals(List.of(StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED, StateType.CRASHED),
                f.state().type().any());
        assertEquals(Boolean.TRUE, f.parentTaskRunId().isNull());
        Criterion c = f.toCriterion().orElseThrow();
        assertTrue(c instanceof Criterion.And and && and.children().size() == 3, c.toString());
    }

    @Test
    void statesAndTopLevelAreConfigurable() {
        RetentionPolicy p = RetentionPolicy.builder("p").olderThan(Duration.ofDays(1)).anyState().topLevelOnly(false)
                .build();

        FlowRunFilter f = p.filterAt(NOW);

        assertNull(f.state());
        assertNull(f.parentTaskRunId());
        assertNull(p.states());
        assertEquals(List.of(StateType.CANCELLED),
                RetentionPolicy.builder("q").states(StateType.CANCELLED).build().filterAt(NOW).state().type().any());
    }

    @Test
    void aPolicyWithoutAnAgeHasNoCutoff() {
        RetentionPolicy p = RetentionPolicy.builder("p").build();

        assertNull(p.cutoffAt(NOW));
        assertNull(p.filterAt(NOW).endTime());
    }

    @Test
    void theFiltersOwnCriteriaAreKeptAndAnded() {
        UUID deployment = UUID.randomUUID();
        FlowRunFilter own = FlowRunFilter.builder().tagsAll("nightly").deploymentIdAny(deployment).build();

        FlowRunFilter f = RetentionPolicy.builder("p").filter(own).olderThan(Duration.ofDays(7)).build().filterAt(NOW);

        assertEquals(own.tags(), f.tags());
        assertEquals(own.deploymentId(), f.deploymentId());
        assertEquals(Operator.AND, f.operator());
    }

    @Test
    void theEarlierEndTimeBoundWinsAndTheFiltersOtherEndTimePartsStay() {
        Instant early = Instant.parse("2020-01-01T00:00:00Z");
        Instant after = Instant.parse("2019-01-01T00:00:00Z");
        FlowRunFilter early2020 = FlowRunFilter.builder().endTimeBefore(early).endTimeAfter(after).build();
        FlowRunFilter late = FlowRunFilter.builder().endTimeBefore(Instant.parse("2030-01-01T00:00:00Z")).build();

        FlowRunFilter a = RetentionPolicy.builder("a").filter(early2020).olderThan(Duration.ofDays(7)).build().filterAt(NOW);
        FlowRunFilter b = RetentionPolicy.builder("b").filter(late).olderThan(Duration.ofDays(7)).build().filterAt(NOW);

        assertEquals(early, a.endTime().before());
        assertEquals(after, a.endTime().after());
        assertEquals(NOW_MICROS.minus(Duration.ofDays(7)).minusNanos(1_000), b.endTime().before());
    }

    @Test
    void theFiltersStateTypesAreIntersectedWithThePolicysAndItsOtherStatePartsKept() {
        FlowRunFilter own = FlowRunFilter.builder()
                .stateTypeAny(StateType.RUNNING, StateType.FAILED, StateType.COMPLETED)
                .stateTypeNotAny(StateType.CRASHED)
                .stateNameNotAny("Cached")
                .build();

        FlowRunFilter f = RetentionPolicy.builder("p").filter(own).build().filterAt(NOW);

        assertEquals(List.of(StateType.FAILED, StateType.COMPLETED), f.state().type().any());
        assertEquals(List.of(StateType.CRASHED), f.state().type().notAny());
        assertEquals(own.state().name(), f.state().name());
    }

    @Test
    void disjointStateTypesMatchNothingRatherThanEverything() {
        FlowRunFilter own = FlowRunFilter.builder().stateTypeAny(StateType.RUNNING).build();

        FlowRunFilter f = RetentionPolicy.builder("p").filter(own).topLevelOnly(false).build().filterAt(NOW);

        assertEquals(List.of(), f.state().type().any());
        assertTrue(f.toCriterion().orElseThrow() instanceof Criterion.MatchNone);
    }

    @Test
    void aStateFilterWithOrOverANameCannotTakeThePolicysStates() {
        FlowRunFilter own = FlowRunFilter.builder()
                .state(new FlowRunFilter.StateFilter(Operator.OR, null, new FlowRunFilter.StateNameFilter(List.of("Late"), null)))
                .build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.builder("p").filter(own).build());
        assertTrue(e.getMessage().contains("or_"), e.getMessage());
        // Without the policy's states the filter is used as it is.
        RetentionPolicy p = RetentionPolicy.builder("p").filter(own).anyState().build();
        assertSame(own.state(), p.filterAt(NOW).state());
    }

    @Test
    void aTopLevelOrFilterIsRefusedUnlessThePolicyAddsNothing() {
        FlowRunFilter or = FlowRunFilter.builder().operator(Operator.OR).tagsAll("a").nameAny("b").build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.builder("p").filter(or).olderThan(Duration.ofDays(1)).build());
        assertTrue(e.getMessage().contains("retention policy p"), e.getMessage());

        RetentionPolicy bare = RetentionPolicy.builder("p").filter(or).anyState().topLevelOnly(false).build();
        assertSame(or, bare.filterAt(NOW));
    }

    @Test
    void filtersThatSelectSubflowsAreRefusedForATopLevelPolicy() {
        FlowRunFilter byParentTask = FlowRunFilter.builder().parentTaskRunIdAny(UUID.randomUUID()).build();
        FlowRunFilter notTopLevel = FlowRunFilter.builder().parentTaskRunIdIsNull(false).build();
        FlowRunFilter byParentFlow = FlowRunFilter.builder().parentFlowRunIdAny(UUID.randomUUID()).build();

        for (FlowRunFilter f : List.of(byParentTask, notTopLevel, byParentFlow)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RetentionPolicy.builder("p").filter(f).build(), f.toString());
            assertTrue(e.getMessage().contains("topLevelOnly(false)"), e.getMessage());
            RetentionPolicy.builder("p").filter(f).topLevelOnly(false).build();
        }
        FlowRunFilter alreadyTopLevel = FlowRunFilter.builder().parentTaskRunIdIsNull(true).build();
        assertEquals(Boolean.TRUE, RetentionPolicy.builder("p").filter(alreadyTopLevel).build()
                .filterAt(NOW).parentTaskRunId().isNull());
    }

    @Test
    void aPolicyThatWouldDeleteEveryRunIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.builder("p").anyState().topLevelOnly(false).build());
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder("p").anyState().topLevelOnly(false)
                .filter(FlowRunFilter.builder().nameLike("").build()).build());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder("bad name"));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder("p").olderThan(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder("p").olderThan(Duration.ofDays(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.builder("p").olderThan(RetentionPolicy.MAX_OLDER_THAN.plusDays(1)));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder("p").states(List.of()));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder("p").batchSize(0));
        assertThrows(IllegalArgumentException.class,
                () -> RetentionPolicy.builder("p").pauseBetweenBatches(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder("p").timeBudget(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.builder("p").interval(Duration.ZERO));
        // The longest age still gives a cutoff inside years 0001-9999.
        RetentionPolicy oldest = RetentionPolicy.finishedOlderThan("p", RetentionPolicy.MAX_OLDER_THAN);
        assertTrue(oldest.cutoffAt(NOW).isAfter(Instant.parse("0001-01-01T00:00:00Z")));
    }
}
