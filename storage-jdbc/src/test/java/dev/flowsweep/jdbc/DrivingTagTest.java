package dev.flowsweep.jdbc;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.jdbc.internal.layout.FilterSelection;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Which filters let a bulk delete start from the tag index (PostgreSQL's lateral lock query, MariaDB's join): those
 * where every matching run carries one known tag; and what is left of the filter once the join says "carries it".
 */
class DrivingTagTest {

    private static String tagOf(FlowRunFilter f) {
        return FilterSelection.drivingTag(f.toCriterion().orElse(null));
    }

    @Test
    void aSingleTagAnyOrATagAllAloneOrAndedDrives() {
        assertEquals("old", tagOf(FlowRunFilter.builder().tagsAny("old").build()));
        assertEquals("old", tagOf(FlowRunFilter.builder().tagsAny("old", "old").build()));
        assertEquals("a", tagOf(FlowRunFilter.builder().tagsAll("a", "b").build()));
        assertEquals("old", tagOf(FlowRunFilter.builder().tagsAny("old").stateTypeAny(StateType.COMPLETED).build()));
    }

    @Test
    void theJoinLeavesOutOnlyConditionsThatSayCarriesTheTag() {
        Criterion completed = FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build().toCriterion().orElseThrow();
        assertNull(FilterSelection.withoutTag(new Criterion.TagsContainAny(List.of("old", "old")), "old"));
        assertNull(FilterSelection.withoutTag(new Criterion.TagsContainAll(List.of("old")), "old"));
        assertEquals(completed, FilterSelection.withoutTag(
                FlowRunFilter.builder().tagsAny("old").stateTypeAny(StateType.COMPLETED).build().toCriterion().orElseThrow(),
                "old"));
        Criterion both = new Criterion.TagsContainAll(List.of("a", "b"));
        assertEquals(both, FilterSelection.withoutTag(both, "a"), "b is still to be checked");
        Criterion nested = new Criterion.And(List.of(new Criterion.TagsContainAny(List.of("a")),
                new Criterion.And(List.of(new Criterion.TagsContainAll(List.of("a")), completed))));
        assertEquals(completed, FilterSelection.withoutTag(nested, "a"));
        Criterion either = new Criterion.Or(List.of(new Criterion.TagsContainAny(List.of("a")), completed));
        assertEquals(either, FilterSelection.withoutTag(either, "a"));
    }

    @Test
    void filtersThatDoNotPinOneTagDoNot() {
        assertNull(tagOf(FlowRunFilter.builder().tagsAny("a", "b").build()));
        assertNull(tagOf(FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED).build()));
        assertNull(FilterSelection.drivingTag(null));
        assertNull(FilterSelection.drivingTag(new Criterion.Or(List.of(new Criterion.TagsContainAny(List.of("a")),
                new Criterion.TagsContainAny(List.of("b"))))));
    }
}
