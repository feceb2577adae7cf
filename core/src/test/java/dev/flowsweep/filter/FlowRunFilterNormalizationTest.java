package dev.flowsweep.filter;

import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a filter normalizes: which parts are dropped, which match nothing, how operators combine. */
class FlowRunFilterNormalizationTest {
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    @Test
    void emptyFilterMatchesEverything() {
        assertEquals(Optional.empty(), FlowRunFilter.matchAll().toCriterion());
        assertTrue(FlowRunFilter.builder().operator(Operator.OR).build().matchesEverything());
    }

    @Test
    void droppedValuesAddNoCriterion() {
        FlowRunFilter f = FlowRunFilter.builder()
                .id(new FlowRunFilter.IdFilter(null, List.of()))
                .name(new FlowRunFilter.NameFilter(null, ""))
                .tags(new FlowRunFilter.TagsFilter(Operator.OR, List.of(), null, null))
                .state(new FlowRunFilter.StateFilter(Operator.OR, new FlowRunFilter.StateTypeFilter(null, List.of()), null))
                .idempotencyKey(new FlowRunFilter.IdempotencyKeyFilter(null, List.of()))
                .startTime(new FlowRunFilter.StartTimeFilter(null, null, null))
                .build();
        assertTrue(f.matchesEverything());
    }

    @Test
    void emptySubFilterUnderOrDoesNotWiden() {
        FlowRunFilter f = FlowRunFilter.builder().operator(Operator.OR)
                .name(new FlowRunFilter.NameFilter(null, null))
                .idAny(A)
                .build();
        assertEquals(Optional.of(new Criterion.In(Criterion.Column.ID, List.of(A))), f.toCriterion());
    }

    @Test
    void emptyAnyMatchesNothingAndDominatesAnd() {
        FlowRunFilter f = FlowRunFilter.builder().idAny(List.of()).tagsAll("x").build();
        assertInstanceOf(Criterion.MatchNone.class, f.toCriterion().orElseThrow());
    }

    @Test
    void emptyAnyUnderOrIsDroppedInFavourOfOtherBranches() {
        FlowRunFilter f = FlowRunFilter.builder().operator(Operator.OR).idAny(List.of()).tagsAll("x").build();
        assertEquals(new Criterion.TagsContainAll(List.of("x")), f.toCriterion().orElseThrow());
        FlowRunFilter onlyNone = FlowRunFilter.builder().operator(Operator.OR).idAny(List.of()).build();
        assertInstanceOf(Criterion.MatchNone.class, onlyNone.toCriterion().orElseThrow());
    }

    @Test
    void stateTypeAndsItsAnyAndNotAnyEvenUnderOr() {
        FlowRunFilter f = FlowRunFilter.builder()
                .state(new FlowRunFilter.StateFilter(Operator.OR,
                        new FlowRunFilter.StateTypeFilter(List.of(StateType.RUNNING, StateType.PENDING), List.of(StateType.PENDING)),
                        new FlowRunFilter.StateNameFilter(List.of("Late"), null)))
                .build();
        Criterion c = f.toCriterion().orElseThrow();
        Criterion.Or or = assertInstanceOf(Criterion.Or.class, c);
        assertEquals(new Criterion.And(List.of(
                new Criterion.In(Criterion.Column.STATE_TYPE, List.of(StateType.RUNNING, StateType.PENDING)),
                new Criterion.NotIn(Criterion.Column.STATE_TYPE, List.of(StateType.PENDING)))), or.children().get(0));
        assertEquals(new Criterion.In(Criterion.Column.STATE_NAME, List.of("Late")), or.children().get(1));
    }

    @Test
    void likeIsLowerCasedWithRootLocale() {
        FlowRunFilter f = FlowRunFilter.builder().nameLike("ÉTÉ_%I").build();
        assertEquals(new Criterion.NameContains("été_%i"), f.toCriterion().orElseThrow());
    }

    @Test
    void startTimeBoundsUseTheCoalescedTimeAndIsNullTheRawColumn() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        FlowRunFilter f = FlowRunFilter.builder().startTimeBefore(t).startTimeIsNull(false).build();
        assertEquals(new Criterion.And(List.of(
                new Criterion.TimeBound(Criterion.TimeColumn.EFFECTIVE_START_TIME, true, t),
                new Criterion.IsNull(Criterion.Column.START_TIME, false))), f.toCriterion().orElseThrow());
    }

    @Test
    void filterBoundsAreTruncatedToMicroseconds() {
        FlowRunFilter f = FlowRunFilter.builder().endTimeAfter(Instant.parse("2026-01-01T00:00:00.0000019Z")).build();
        assertEquals(Instant.parse("2026-01-01T00:00:00.000001Z"), f.endTime().after());
    }

    @Test
    void nullsInListsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FlowRunFilter.builder().tagsAll("a", null));
    }

    @Test
    void builderEqualsRecordConstruction() {
        FlowRunFilter built = FlowRunFilter.builder().tagsAll("a").tagsIsNull(false).build();
        FlowRunFilter direct = new FlowRunFilter(null, null, null,
                new FlowRunFilter.TagsFilter(null, List.of("a"), null, false),
                null, null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(direct, built);
        assertEquals(Operator.AND, built.operator());
    }
}
