package dev.flowsweep.testkit;

import dev.flowsweep.filter.FlowRunFilter.TagsFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.FlowRun;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The {@code tags} criterion: {@code all_}, {@code any_}, {@code is_null_} and their operator; tags compared
 * exactly, whatever characters they hold.
 * Each test builds a handful of runs, at least one of which the filter must leave out.
 */
public abstract class TagFilterContract extends FilterContractSupport {

    // ---------------------------------------------------------------- tags

    @Test
    void tagsAllRequiresASuperset() {
        FlowRun ab = fx.run("ab", b -> b.tags("a", "b"));
        FlowRun a = fx.run("a", b -> b.tags("a"));
        fx.run("bc", b -> b.tags("b", "c"));
        fx.run("none", b -> { });
        fx.run("upper", b -> b.tags("A", "B"));
        assertMatches(filter().tagsAll("a", "b").build(), ab);
        assertMatches(filter().tagsAll("a").build(), ab, a);
        assertMatches(filter().tagsAll("a", "z").build());
    }

    @Test
    void tagsAnyRequiresOneSharedTag() {
        FlowRun ab = fx.run("ab", b -> b.tags("a", "b"));
        FlowRun a = fx.run("a", b -> b.tags("a"));
        FlowRun bc = fx.run("bc", b -> b.tags("b", "c"));
        fx.run("none", b -> { });
        fx.run("upper", b -> b.tags("A", "C"));
        assertMatches(filter().tagsAny("a", "c").build(), ab, a, bc);
        assertMatches(filter().tagsAny("z").build());
    }

    @Test
    void tagsAnyEmptyMatchesNothingAndTagsAllEmptyIsDropped() {
        FlowRun a = fx.run("a", b -> b.tags("a"));
        FlowRun none = fx.run("none", b -> { });
        assertMatches(filter().tags(new TagsFilter(null, null, List.of(), null)).build());
        assertMatches(filter().tags(new TagsFilter(null, List.of(), null, null)).build(), a, none);
        assertMatches(filter().tags(new TagsFilter(Operator.OR, null, null, null)).build(), a, none);
    }

    @Test
    void tagsAreComparedExactlyWhateverCharactersTheyHold() {
        FlowRun ab = fx.run("ab", b -> b.tags("a", "b"));
        FlowRun comma = fx.run("comma", b -> b.tags("a,b"));
        FlowRun quoted = fx.run("quoted", b -> b.tags("\"a\"", "it's"));
        FlowRun percent = fx.run("percent", b -> b.tags("100%", "a_c", "[x]"));
        FlowRun unicode = fx.run("unicode", b -> b.tags("\u00e9t\u00e9", "\ud83d\ude00", "A"));
        FlowRun spaced = fx.run("spaced", b -> b.tags("a ", " b"));
        assertMatches(filter().tagsAny("a,b").build(), comma);
        assertMatches(filter().tagsAny("a").build(), ab);
        assertMatches(filter().tagsAll("a", "b").build(), ab);
        assertMatches(filter().tagsAny("\"a\"").build(), quoted);
        assertMatches(filter().tagsAny("it's").build(), quoted);
        assertMatches(filter().tagsAny("%", "_", "100", "a_").build());
        assertMatches(filter().tagsAll("100%", "a_c", "[x]").build(), percent);
        assertMatches(filter().tagsAny("x", "[", "]").build());
        assertMatches(filter().tagsAny("\u00c9t\u00e9", "\u00e9t\u00e9").build(), unicode);
        assertMatches(filter().tagsAll("\ud83d\ude00", "A").build(), unicode);
        assertMatches(filter().tagsAny("a ").build(), spaced);
        assertMatches(filter().tagsAny("b").build(), ab);
    }

    @Test
    void tagsIsNullMeansNoTags() {
        FlowRun a = fx.run("a", b -> b.tags("a"));
        FlowRun none = fx.run("none", b -> { });
        assertMatches(filter().tagsIsNull(true).build(), none);
        assertMatches(filter().tagsIsNull(false).build(), a);
    }

    @Test
    void tagsOperatorCombinesAllAnyAndIsNull() {
        FlowRun ab = fx.run("ab", b -> b.tags("a", "b"));
        FlowRun a = fx.run("a", b -> b.tags("a"));
        FlowRun bc = fx.run("bc", b -> b.tags("b", "c"));
        FlowRun none = fx.run("none", b -> { });
        assertMatches(filter().tags(new TagsFilter(Operator.AND, List.of("a"), List.of("b", "c"), null)).build(), ab);
        assertMatches(filter().tags(new TagsFilter(Operator.OR, List.of("b", "c"), null, true)).build(), bc, none);
        assertMatches(filter().tags(new TagsFilter(Operator.AND, null, List.of("a", "c"), false)).build(),
                ab, a, bc);
    }

    @Test
    void tagsUnderOrDropEmptyAllAndKeepEmptyAnyAsNothing() {
        FlowRun a = fx.run("a", b -> b.tags("a"));
        fx.run("b", b -> b.tags("b"));
        fx.run("none", b -> { });
        // all_: [] is dropped, it must not widen an or_ to every run
        assertMatches(filter().tags(new TagsFilter(Operator.OR, List.of(), List.of("a"), null)).build(), a);
        // any_: [] is nothing, or'ed with all_ [a]
        assertMatches(filter().tags(new TagsFilter(Operator.OR, List.of("a"), List.of(), null)).build(), a);
    }
}
