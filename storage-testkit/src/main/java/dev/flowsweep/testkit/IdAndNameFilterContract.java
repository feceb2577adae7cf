package dev.flowsweep.testkit;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter.IdFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.filter.FlowRunFilter.NameFilter;
import dev.flowsweep.model.FlowRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.testkit.Fixture.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code id} and {@code name} criteria: exact ids, exact names, and {@code like_} (a case-insensitive
 * substring that treats {@code %}, {@code _} and backslashes literally).
 * Each test builds a handful of runs, at least one of which the filter must leave out.
 */
public abstract class IdAndNameFilterContract extends FilterContractSupport {

    // ---------------------------------------------------------------- id

    @Test
    void idAnyMatchesTheListedRunsAndIgnoresUnknownIds() {
        FlowRun a = fx.run("a", b -> { });
        fx.run("b", b -> { });
        FlowRun c = fx.run("c", b -> { });
        assertMatches(filter().idAny(a.id(), c.id(), UUID.randomUUID()).build(), a, c);
    }

    @Test
    void idNotAnyExcludesTheListedRuns() {
        FlowRun a = fx.run("a", b -> { });
        FlowRun b = fx.run("b", x -> { });
        FlowRun c = fx.run("c", x -> { });
        assertMatches(filter().idNotAny(a.id(), UUID.randomUUID()).build(), b, c);
    }

    @Test
    void idAnyAndNotAnyAreAnded() {
        FlowRun a = fx.run("a", b -> { });
        FlowRun b = fx.run("b", x -> { });
        fx.run("c", x -> { });
        assertMatches(filter().id(new IdFilter(List.of(a.id(), b.id()), List.of(b.id()))).build(), a);
    }

    @Test
    void idAnyEmptyMatchesNothingAndIdNotAnyEmptyIsDropped() {
        FlowRun a = fx.run("a", b -> { });
        FlowRun b = fx.run("b", x -> { });
        assertMatches(filter().id(new IdFilter(List.of(), null)).build());
        assertMatches(filter().id(new IdFilter(null, List.of())).build(), a, b);
        assertMatches(filter().id(new IdFilter(null, null)).build(), a, b);
    }

    /**
     * {@code IdBelow}, the batch loops' walk down the ids: exactly the runs after the bound in {@code ID_DESC} order,
     * alone and with a filter, for find, findIds, lockIdsForDelete and count alike.
     */
    @Test
    void idBelowIsExactlyTheRunsAfterTheBoundInIdDescOrder() {
        for (int i = 0; i < 8; i++) {
            String tag = i % 2 == 0 ? "even" : "odd";
            fx.run("r" + i, b -> b.tags(tag));
        }
        List<FlowRun> all = all();
        assertEquals(8, all.size());
        UUID bound = all.get(3).id();
        List<UUID> after = new ArrayList<>();
        List<UUID> evenAfter = new ArrayList<>();
        for (FlowRun r : all.subList(4, 8)) {
            after.add(r.id());
            if (r.tags().contains("even")) {
                evenAfter.add(r.id());
            }
        }
        Criterion below = new Criterion.IdBelow(bound);
        assertWalk(below, after);
        Criterion evenBelow = new Criterion.And(List.of(
                Fixture.criterion(filter().tagsAny("even").build()), below));
        assertWalk(evenBelow, evenAfter);
        assertWalk(new Criterion.IdBelow(all.get(7).id()), List.of());
    }

    private void assertWalk(Criterion c, List<UUID> want) {
        assertEquals(fx.describe(want), fx.describe(fx.tx(tx -> Fixture.ids(tx.flowRuns().find(c, FlowRunSort.ID_DESC,
                100, 0)))), "find " + c);
        assertEquals(fx.describe(want), fx.describe(fx.tx(tx -> tx.flowRuns().findIds(c, FlowRunSort.ID_DESC, 100))),
                "findIds " + c);
        assertEquals(fx.describe(want), fx.describe(fx.tx(tx -> tx.flowRuns().lockIdsForDelete(c, 100))),
                "lockIdsForDelete " + c);
        assertEquals(want.size(), (long) fx.tx(tx -> tx.flowRuns().count(c)), "count " + c);
    }

    @Test
    void idAnyWithManyIdsFindsExactlyThose() {
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            runs.add(fx.newRun().name("r" + i).build());
        }
        fx.insertAll(runs);
        List<FlowRun> chosen = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < runs.size(); i += 3) {
            chosen.add(runs.get(i));
            ids.add(runs.get(i).id());
        }
        for (int i = 0; i < 50; i++) {
            ids.add(UUID.randomUUID());
        }
        assertMatches(filter().idAny(ids).build(), chosen);
    }

    @Test
    void idAnyWithMoreIdsThanADriverTakesParameters() {
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(fx.newRun().name("r" + i).build());
        }
        fx.insertAll(runs);
        FlowRun unlisted = fx.run("unlisted", b -> { });
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            ids.add(i % 14_000 == 0 ? runs.get(i / 14_000).id() : new UUID(0x5eed000000004000L + i, 0x8000000000000000L | i));
        }
        assertMatches(filter().idAny(ids).build(), runs);
        List<FlowRun> notListed = new ArrayList<>(List.of(unlisted));
        assertMatches(filter().idNotAny(ids.toArray(new UUID[0])).build(), notListed);
    }

    // ---------------------------------------------------------------- name

    @Test
    void nameAnyIsExactCaseSensitiveAndTrailingSpacesCount() {
        FlowRun exact = fx.run("alpha", b -> { });
        fx.run("Alpha", b -> { });
        fx.run("alpha ", b -> { });
        fx.run("alphabet", b -> { });
        fx.run(b -> { });
        assertMatches(filter().nameAny("alpha").build(), exact);
    }

    @Test
    void nameAnyEmptyMatchesNothing() {
        fx.run("alpha", b -> { });
        assertMatches(filter().name(new NameFilter(List.of(), null)).build());
    }

    @Test
    void nameLikeIsACaseInsensitiveSubstringMatchThatNeverMatchesANullName() {
        FlowRun a = fx.run("Nightly-ETL", b -> { });
        FlowRun b = fx.run("etl-daily", x -> { });
        FlowRun c = fx.run("my eTl", x -> { });
        fx.run("e-t-l", x -> { });
        fx.run(x -> { });
        assertMatches(filter().nameLike("ETL").build(), a, b, c);
        assertMatches(filter().nameLike("etl-").build(), b);
    }

    @Test
    void nameLikeTreatsPercentUnderscoreAndBackslashLiterally() {
        FlowRun percent = fx.run("100% done", b -> { });
        fx.run("1000 done", b -> { });
        FlowRun underscore = fx.run("a_b", b -> { });
        fx.run("axb", b -> { });
        FlowRun backslash = fx.run("back\\slash", b -> { });
        fx.run("backslash", b -> { });
        fx.run("back\\\\slash-no", b -> { });
        assertMatches(filter().nameLike("%").build(), percent);
        assertMatches(filter().nameLike("0%").build(), percent);
        assertMatches(filter().nameLike("_").build(), underscore);
        assertMatches(filter().nameLike("a_b").build(), underscore);
        assertMatches(filter().nameLike("k\\s").build(), backslash);
    }

    @Test
    void nameLikeLowerCasesNonAsciiLettersWithLocaleRoot() {
        FlowRun upper = fx.run("ÉCOLE du soir", b -> { });
        FlowRun lower = fx.run("une école", b -> { });
        fx.run("ecole", b -> { });
        assertMatches(filter().nameLike("École").build(), upper, lower);
        assertMatches(filter().nameLike("ÉCOLE").build(), upper, lower);
    }

    @Test
    void nameLikeEmptyIsDropped() {
        FlowRun a = fx.run("a", b -> { });
        FlowRun none = fx.run(b -> { });
        assertMatches(filter().nameLike("").build(), a, none);
    }

    @Test
    void nameAnyAndLikeAreAnded() {
        FlowRun abc = fx.run("abc", b -> { });
        fx.run("abd", b -> { });
        fx.run("xcx", b -> { });
        assertMatches(filter().name(new NameFilter(List.of("abc", "abd"), "C")).build(), abc);
    }
}
