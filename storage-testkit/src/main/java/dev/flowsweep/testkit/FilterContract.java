package dev.flowsweep.testkit;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunFilter.CreatedByFilter;
import dev.flowsweep.filter.FlowRunFilter.DeploymentIdFilter;
import dev.flowsweep.filter.FlowRunFilter.EndTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.ExpectedStartTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.FlowVersionFilter;
import dev.flowsweep.filter.FlowRunFilter.IdFilter;
import dev.flowsweep.filter.FlowRunFilter.IdempotencyKeyFilter;
import dev.flowsweep.filter.FlowRunFilter.NameFilter;
import dev.flowsweep.filter.FlowRunFilter.NextScheduledStartTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.ParentFlowRunIdFilter;
import dev.flowsweep.filter.FlowRunFilter.ParentTaskRunIdFilter;
import dev.flowsweep.filter.FlowRunFilter.StartTimeFilter;
import dev.flowsweep.filter.FlowRunFilter.StateFilter;
import dev.flowsweep.filter.FlowRunFilter.StateNameFilter;
import dev.flowsweep.filter.FlowRunFilter.StateTypeFilter;
import dev.flowsweep.filter.FlowRunFilter.TagsFilter;
import dev.flowsweep.filter.FlowRunFilter.WorkQueueNameFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.testkit.Fixture.T0;
import static dev.flowsweep.testkit.Fixture.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every rule of DESIGN.md's "FlowRunFilter" section, one test per criterion or rule, through
 * {@code FlowRunStore.find}, {@code findIds}, {@code count} and {@code lockIdsForDelete} of the storage under test.
 * Each test builds a handful of runs, at least one of which the filter must leave out.
 */
public abstract class FilterContract extends StorageContractSupport {

    /**
     * Asserts that exactly {@code expected} match: {@code find} and {@code findIds} return them in
     * {@code ID_DESC} order, {@code lockIdsForDelete} too, and {@code count} counts them.
     */
    protected void assertMatches(FlowRunFilter filter, FlowRun... expected) {
        assertMatches(filter, Arrays.asList(expected));
    }

    protected void assertMatches(FlowRunFilter filter, Collection<FlowRun> expected) {
        Criterion c = Fixture.criterion(filter);
        List<UUID> want = Fixture.idDesc(expected);
        List<UUID> found = fx.tx(tx -> Fixture.ids(tx.flowRuns().find(c, FlowRunSort.ID_DESC, 100_000, 0)));
        List<UUID> foundIds = fx.tx(tx -> tx.flowRuns().findIds(c, FlowRunSort.ID_DESC, 100_000));
        List<UUID> locked = fx.tx(tx -> tx.flowRuns().lockIdsForDelete(c, 100_000));
        long count = fx.tx(tx -> tx.flowRuns().count(c));
        String what = "filter " + filter + "\n  as criterion " + c;
        assertEquals(fx.describe(want), fx.describe(found), "find: " + what);
        assertEquals(fx.describe(want), fx.describe(foundIds), "findIds: " + what);
        assertEquals(fx.describe(want), fx.describe(locked), "lockIdsForDelete: " + what);
        assertEquals(want.size(), count, "count: " + what);
    }

    private static FlowRunFilter.Builder filter() {
        return FlowRunFilter.builder();
    }

    private List<FlowRun> all() {
        return fx.tx(tx -> tx.flowRuns().find(null, FlowRunSort.ID_DESC, 100_000, 0));
    }

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

    // ---------------------------------------------------------------- deployment_id, work_queue_name

    @Test
    void deploymentIdAnyIsNullAndOperator() {
        Deployment d1 = fx.deployment(null);
        Deployment d2 = fx.deployment(null);
        FlowRun r1 = fx.run("d1", b -> b.deploymentId(d1.id()));
        FlowRun r2 = fx.run("d2", b -> b.deploymentId(d2.id()));
        FlowRun none = fx.run("none", b -> { });
        assertMatches(filter().deploymentIdAny(d1.id(), UUID.randomUUID()).build(), r1);
        assertMatches(filter().deploymentIdIsNull(true).build(), none);
        assertMatches(filter().deploymentIdIsNull(false).build(), r1, r2);
        assertMatches(filter().deploymentId(new DeploymentIdFilter(null, List.of(), null)).build());
        assertMatches(filter().deploymentId(new DeploymentIdFilter(Operator.OR, List.of(d1.id()), true)).build(), r1, none);
        assertMatches(filter().deploymentId(new DeploymentIdFilter(Operator.AND, List.of(d1.id()), true)).build());
        assertMatches(filter().deploymentId(new DeploymentIdFilter(Operator.OR, List.of(), true)).build(), none);
        assertMatches(filter().deploymentId(new DeploymentIdFilter(Operator.OR, null, null)).build(), r1, r2, none);
    }

    @Test
    void workQueueNameAnyIsNullAndOperator() {
        FlowRun q1 = fx.run("q1", b -> b.workQueueName("default"));
        FlowRun q2 = fx.run("q2", b -> b.workQueueName("Default"));
        fx.run("q3", b -> b.workQueueName("default "));
        FlowRun none = fx.run("none", b -> { });
        assertMatches(filter().workQueueNameAny("default").build(), q1);
        assertMatches(filter().workQueueNameIsNull(true).build(), none);
        assertMatches(filter().workQueueName(new WorkQueueNameFilter(Operator.OR, List.of("Default"), true)).build(), q2, none);
        assertMatches(filter().workQueueName(new WorkQueueNameFilter(Operator.AND, List.of("Default"), false)).build(), q2);
        assertMatches(filter().workQueueName(new WorkQueueNameFilter(null, List.of(), null)).build());
    }

    // ---------------------------------------------------------------- state

    @Test
    void stateTypeAnySelectsEachOfTheNineTypesAndNeverANullState() {
        List<FlowRun> byType = new ArrayList<>();
        for (StateType type : StateType.values()) {
            byType.add(fx.run(type.name(), b -> b.state(type)));
        }
        fx.run("stateless", b -> { });
        for (int i = 0; i < StateType.values().length; i++) {
            StateType type = StateType.values()[i];
            assertMatches(filter().stateTypeAny(type).build(), byType.get(i));
        }
        assertMatches(filter().stateTypeAny(StateType.values()).build(), byType);
    }

    @Test
    void stateTypeNotAnyDoesNotMatchANullState() {
        FlowRun completed = fx.run("completed", b -> b.state(StateType.COMPLETED));
        FlowRun failed = fx.run("failed", b -> b.state(StateType.FAILED));
        fx.run("stateless", b -> { });
        assertMatches(filter().stateTypeNotAny(StateType.COMPLETED).build(), failed);
        assertMatches(filter().stateTypeNotAny(StateType.RUNNING).build(), completed, failed);
    }

    @Test
    void stateTypeAnyAndNotAnyAreAnded() {
        FlowRun completed = fx.run("completed", b -> b.state(StateType.COMPLETED));
        fx.run("failed", b -> b.state(StateType.FAILED));
        fx.run("running", b -> b.state(StateType.RUNNING));
        assertMatches(filter().stateTypeAny(StateType.COMPLETED, StateType.FAILED).stateTypeNotAny(StateType.FAILED).build(),
                completed);
    }

    @Test
    void stateNameAnyAndNotAnyAreExactAndAnded() {
        FlowRun done = fx.run("done", b -> b.state(StateType.COMPLETED, "Completed"));
        FlowRun cached = fx.run("cached", b -> b.state(StateType.COMPLETED, "Cached"));
        fx.run("lower", b -> b.state(StateType.COMPLETED, "completed"));
        fx.run("stateless", b -> { });
        assertMatches(filter().stateNameAny("Completed").build(), done);
        assertMatches(filter().stateNameNotAny("completed").build(), done, cached);
        assertMatches(filter().stateNameAny("Completed", "Cached").stateNameNotAny("Cached").build(), done);
    }

    @Test
    void stateOperatorCombinesTypeAndName() {
        FlowRun failed = fx.run("failed", b -> b.state(StateType.FAILED));
        FlowRun custom = fx.run("custom", b -> b.state(StateType.COMPLETED, "Custom"));
        FlowRun failedCustom = fx.run("failedCustom", b -> b.state(StateType.FAILED, "Custom"));
        fx.run("other", b -> b.state(StateType.RUNNING));
        fx.run("stateless", b -> { });
        StateTypeFilter typeFailed = new StateTypeFilter(List.of(StateType.FAILED), null);
        StateNameFilter nameCustom = new StateNameFilter(List.of("Custom"), null);
        assertMatches(filter().state(new StateFilter(Operator.OR, typeFailed, nameCustom)).build(), failed, custom, failedCustom);
        assertMatches(filter().state(new StateFilter(Operator.AND, typeFailed, nameCustom)).build(), failedCustom);
    }

    @Test
    void stateEmptyListsAndSubFilters() {
        FlowRun failed = fx.run("failed", b -> b.state(StateType.FAILED));
        FlowRun custom = fx.run("custom", b -> b.state(StateType.COMPLETED, "Custom"));
        FlowRun stateless = fx.run("stateless", b -> { });
        assertMatches(filter().state(new StateFilter(null, new StateTypeFilter(List.of(), null), null)).build());
        assertMatches(filter().state(new StateFilter(null, new StateTypeFilter(null, List.of()), null)).build(),
                failed, custom, stateless);
        assertMatches(filter().state(new StateFilter(null, null, new StateNameFilter(List.of(), null))).build());
        assertMatches(filter().state(new StateFilter(Operator.OR, new StateTypeFilter(null, null),
                new StateNameFilter(null, null))).build(), failed, custom, stateless);
        // under or_: an empty type filter is dropped, an empty any_ matches nothing; neither widens
        assertMatches(filter().state(new StateFilter(Operator.OR, new StateTypeFilter(null, List.of()),
                new StateNameFilter(List.of("Custom"), null))).build(), custom);
        assertMatches(filter().state(new StateFilter(Operator.OR, new StateTypeFilter(List.of(), null),
                new StateNameFilter(List.of("Custom"), null))).build(), custom);
    }

    // ---------------------------------------------------------------- flow_version, idempotency_key

    @Test
    void flowVersionAny() {
        FlowRun v1 = fx.run("v1", b -> b.flowVersion("1.0"));
        fx.run("v1b", b -> b.flowVersion("1.0.0"));
        fx.run("none", b -> { });
        assertMatches(filter().flowVersionAny("1.0").build(), v1);
        assertMatches(filter().flowVersion(new FlowVersionFilter(List.of())).build());
        assertMatches(filter().flowVersion(new FlowVersionFilter(null)).build(), all());
    }

    @Test
    void idempotencyKeyAnyAndNotAnyIgnoreNullKeys() {
        FlowRun k1 = fx.run("k1", b -> b.idempotencyKey("k1"));
        FlowRun k2 = fx.run("k2", b -> b.idempotencyKey("k2"));
        fx.run("none", b -> { });
        assertMatches(filter().idempotencyKeyAny("k1", "K2").build(), k1);
        assertMatches(filter().idempotencyKeyNotAny("k1").build(), k2);
        assertMatches(filter().idempotencyKey(new IdempotencyKeyFilter(List.of("k1", "k2"), List.of("k2"))).build(), k1);
        assertMatches(filter().idempotencyKey(new IdempotencyKeyFilter(List.of(), null)).build());
        assertMatches(filter().idempotencyKey(new IdempotencyKeyFilter(null, List.of())).build(), all());
    }

    // ---------------------------------------------------------------- times

    @Test
    void startTimeBoundsCompareStartTimeElseExpectedStartTime() {
        FlowRun started = fx.run("started", b -> b.startTime(t(0)));
        FlowRun expectedOnly = fx.run("expectedOnly", b -> b.expectedStartTime(t(0)));
        fx.run("neither", b -> { });
        FlowRun lateStart = fx.run("lateStart", b -> b.startTime(t(120)).expectedStartTime(t(-120)));
        assertMatches(filter().startTimeBefore(t(60)).build(), started, expectedOnly);
        assertMatches(filter().startTimeAfter(t(-60)).build(), started, expectedOnly, lateStart);
        assertMatches(filter().startTimeAfter(t(60)).build(), lateStart);
        assertMatches(filter().startTimeAfter(t(-60)).startTimeBefore(t(60)).build(), started, expectedOnly);
    }

    @Test
    void startTimeIsNullLooksAtStartTimeOnly() {
        FlowRun started = fx.run("started", b -> b.startTime(t(0)));
        FlowRun expectedOnly = fx.run("expectedOnly", b -> b.expectedStartTime(t(0)));
        FlowRun neither = fx.run("neither", b -> { });
        assertMatches(filter().startTimeIsNull(true).build(), expectedOnly, neither);
        assertMatches(filter().startTimeIsNull(false).build(), started);
    }

    @Test
    void timeBoundsAreInclusiveAtTheExactInstantInEveryColumn() {
        Instant at = T0.plusNanos(123_456_000);
        Instant justBefore = at.minusNanos(1_000);
        Instant justAfter = at.plusNanos(1_000);
        FlowRun start = fx.run("start", b -> b.startTime(at));
        FlowRun end = fx.run("end", b -> b.endTime(at));
        FlowRun expected = fx.run("expected", b -> b.expectedStartTime(at));
        FlowRun next = fx.run("next", b -> b.nextScheduledStartTime(at));

        assertMatches(filter().startTimeBefore(at).startTimeAfter(at).build(), start, expected);
        assertMatches(filter().startTimeBefore(justBefore).build());
        assertMatches(filter().startTimeAfter(justAfter).build());

        assertMatches(filter().endTimeBefore(at).endTimeAfter(at).build(), end);
        assertMatches(filter().endTimeBefore(justBefore).build());
        assertMatches(filter().endTimeAfter(justAfter).build());

        assertMatches(filter().expectedStartTimeBefore(at).expectedStartTimeAfter(at).build(), expected);
        assertMatches(filter().expectedStartTimeBefore(justBefore).build());
        assertMatches(filter().expectedStartTimeAfter(justAfter).build());

        assertMatches(filter().nextScheduledStartTimeBefore(at).nextScheduledStartTimeAfter(at).build(), next);
        assertMatches(filter().nextScheduledStartTimeBefore(justBefore).build());
        assertMatches(filter().nextScheduledStartTimeAfter(justAfter).build());
    }

    @Test
    void timesAndBoundsAreTruncatedToMicroseconds() {
        Instant stored = T0.plusNanos(123_456_789);
        Instant micros = T0.plusNanos(123_456_000);
        FlowRun run = fx.run("precise", b -> b.endTime(stored).startTime(stored));
        assertEquals(micros, fx.findRun(run.id()).orElseThrow().endTime(), "end_time read back");
        assertEquals(micros, fx.findRun(run.id()).orElseThrow().startTime(), "start_time read back");
        // a bound with nanoseconds is truncated too, so both sides compare 10:00:00.123456
        assertMatches(filter().endTimeAfter(T0.plusNanos(123_456_999)).build(), run);
        assertMatches(filter().endTimeBefore(T0.plusNanos(123_456_001)).build(), run);
        assertMatches(filter().startTimeAfter(T0.plusNanos(123_456_999)).build(), run);
        assertMatches(filter().endTimeAfter(T0.plusNanos(123_457_000)).build());
        assertMatches(filter().endTimeBefore(T0.plusNanos(123_455_999)).build());
    }

    @Test
    void endTimeBoundsAndIsNull() {
        FlowRun early = fx.run("early", b -> b.endTime(t(-10)));
        FlowRun late = fx.run("late", b -> b.endTime(t(10)));
        FlowRun open = fx.run("open", b -> b.startTime(t(0)));
        assertMatches(filter().endTimeBefore(t(0)).build(), early);
        assertMatches(filter().endTimeAfter(t(0)).build(), late);
        assertMatches(filter().endTimeIsNull(true).build(), open);
        assertMatches(filter().endTime(new EndTimeFilter(t(-20), null, false)).build());
        assertMatches(filter().endTime(new EndTimeFilter(t(20), t(-20), false)).build(), early, late);
        assertMatches(filter().endTime(new EndTimeFilter(null, null, null)).build(), early, late, open);
    }

    @Test
    void expectedAndNextScheduledStartTimeBoundsIgnoreNulls() {
        FlowRun e = fx.run("expected", b -> b.expectedStartTime(t(0)).startTime(t(100)));
        FlowRun n = fx.run("next", b -> b.nextScheduledStartTime(t(0)));
        fx.run("none", b -> { });
        assertMatches(filter().expectedStartTimeBefore(t(1)).build(), e);
        assertMatches(filter().expectedStartTimeAfter(t(-1)).build(), e);
        assertMatches(filter().expectedStartTimeAfter(t(1)).build());
        assertMatches(filter().nextScheduledStartTimeBefore(t(1)).build(), n);
        assertMatches(filter().nextScheduledStartTimeAfter(t(-1)).build(), n);
        assertMatches(filter().nextScheduledStartTimeBefore(t(-1)).build());
        assertMatches(filter().expectedStartTime(new ExpectedStartTimeFilter(null, null))
                .nextScheduledStartTime(new NextScheduledStartTimeFilter(null, null)).build(), all());
        assertMatches(filter().startTime(new StartTimeFilter(null, null, null)).build(), all());
    }

    @Test
    void timesBeforeTheUnixEpochAndFarInTheFutureCompareCorrectly() {
        FlowRun old = fx.run("old", b -> b.endTime(Instant.parse("1900-01-01T00:00:00Z")));
        FlowRun future = fx.run("future", b -> b.endTime(Instant.parse("9999-12-31T23:59:59.999999Z")));
        assertMatches(filter().endTimeBefore(Instant.parse("1970-01-01T00:00:00Z")).build(), old);
        assertMatches(filter().endTimeAfter(Instant.parse("9999-12-31T23:59:59.999999Z")).build(), future);
    }

    // ---------------------------------------------------------------- parent_flow_run_id, parent_task_run_id

    @Test
    void parentFlowRunIdAnyFindsSubflowsThroughTheirParentTaskRuns() {
        FlowRun parent = fx.run("parent", b -> { });
        FlowRun other = fx.run("other", b -> { });
        TaskRun t1 = fx.taskRun(parent);
        TaskRun t2 = fx.taskRun(parent);
        TaskRun q1 = fx.taskRun(other);
        FlowRun s1 = fx.run("s1", b -> b.parentTaskRunId(t1.id()));
        FlowRun s2 = fx.run("s2", b -> b.parentTaskRunId(t2.id()));
        FlowRun s3 = fx.run("s3", b -> b.parentTaskRunId(q1.id()));
        assertMatches(filter().parentFlowRunIdAny(parent.id()).build(), s1, s2);
        assertMatches(filter().parentFlowRunIdAny(parent.id(), other.id()).build(), s1, s2, s3);
        assertMatches(filter().parentFlowRunIdAny(s1.id(), UUID.randomUUID()).build());
        assertMatches(filter().parentFlowRunId(new ParentFlowRunIdFilter(null, List.of())).build());
        assertMatches(filter().parentFlowRunId(new ParentFlowRunIdFilter(Operator.OR, null)).build(), all());
        assertMatches(filter().parentFlowRunId(new ParentFlowRunIdFilter(Operator.OR, List.of(other.id()))).build(), s3);
    }

    @Test
    void parentTaskRunIdAnyIsNullAndOperator() {
        FlowRun parent = fx.run("parent", b -> { });
        TaskRun t1 = fx.taskRun(parent);
        TaskRun t2 = fx.taskRun(parent);
        FlowRun s1 = fx.run("s1", b -> b.parentTaskRunId(t1.id()));
        FlowRun s2 = fx.run("s2", b -> b.parentTaskRunId(t2.id()));
        assertMatches(filter().parentTaskRunIdAny(t1.id()).build(), s1);
        assertMatches(filter().parentTaskRunIdIsNull(true).build(), parent);
        assertMatches(filter().parentTaskRunIdIsNull(false).build(), s1, s2);
        assertMatches(filter().parentTaskRunId(new ParentTaskRunIdFilter(Operator.OR, List.of(t2.id()), true)).build(), parent, s2);
        assertMatches(filter().parentTaskRunId(new ParentTaskRunIdFilter(Operator.AND, List.of(t2.id()), true)).build());
        assertMatches(filter().parentTaskRunId(new ParentTaskRunIdFilter(null, List.of(), null)).build());
    }

    // ---------------------------------------------------------------- created_by

    @Test
    void createdByIdTypeAndIsNull() {
        UUID u1 = UUID.randomUUID();
        FlowRun byDeployment = fx.run("byDeployment", b -> b.createdBy(new CreatedBy(u1, "DEPLOYMENT", "nightly")));
        FlowRun byUser = fx.run("byUser", b -> b.createdBy(new CreatedBy(UUID.randomUUID(), "USER", "ann")));
        FlowRun typeOnly = fx.run("typeOnly", b -> b.createdBy(new CreatedBy(null, "AUTOMATION", null)));
        FlowRun idOnly = fx.run("idOnly", b -> b.createdBy(new CreatedBy(u1, null, null)));
        FlowRun nobody = fx.run("nobody", b -> { });
        assertMatches(filter().createdByIdAny(u1).build(), byDeployment, idOnly);
        assertMatches(filter().createdByTypeAny("DEPLOYMENT", "AUTOMATION", "user").build(), byDeployment, typeOnly);
        assertMatches(filter().createdByIsNull(true).build(), nobody);
        assertMatches(filter().createdByIsNull(false).build(), byDeployment, byUser, typeOnly, idOnly);
        assertMatches(filter().createdBy(new CreatedByFilter(null, List.of(), null, null)).build());
        assertMatches(filter().createdBy(new CreatedByFilter(null, null, List.of(), null)).build());
        assertMatches(filter().createdBy(new CreatedByFilter(null, null, null, null)).build(), all());
    }

    @Test
    void createdByOperator() {
        UUID u1 = UUID.randomUUID();
        FlowRun both = fx.run("both", b -> b.createdBy(new CreatedBy(u1, "DEPLOYMENT", null)));
        FlowRun user = fx.run("user", b -> b.createdBy(new CreatedBy(UUID.randomUUID(), "USER", null)));
        fx.run("automation", b -> b.createdBy(new CreatedBy(UUID.randomUUID(), "AUTOMATION", null)));
        FlowRun nobody = fx.run("nobody", b -> { });
        assertMatches(filter().createdBy(new CreatedByFilter(Operator.OR, List.of(u1), List.of("USER"), null)).build(), both, user);
        assertMatches(filter().createdBy(new CreatedByFilter(Operator.AND, List.of(u1), List.of("USER"), null)).build());
        assertMatches(filter().createdBy(new CreatedByFilter(Operator.OR, List.of(u1), null, true)).build(), both, nobody);
        assertMatches(filter().createdBy(new CreatedByFilter(Operator.OR, List.of(), List.of("USER"), null)).build(), user);
    }

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
                filter().nameLike("u").build(),
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
