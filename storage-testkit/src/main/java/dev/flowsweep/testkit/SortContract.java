package dev.flowsweep.testkit;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.FlowRun;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import static dev.flowsweep.testkit.Fixture.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every {@link FlowRunSort}: nulls as PostgreSQL sorts them (last ascending, first descending), ties broken by
 * id in the key's direction, ids in unsigned order, names by code point with exact, case- and
 * space-sensitive comparison. Expected orders are written out by hand and also checked against
 * {@link FlowRunSort#comparator()}, the reference order.
 */
public abstract class SortContract extends StorageContractSupport {

    /** Asserts the whole order through {@code find} and {@code findIds}, and pages of it through limit/offset. */
    protected void assertOrder(FlowRunSort sort, Criterion criterion, List<FlowRun> expected) {
        List<UUID> want = Fixture.ids(expected);
        List<FlowRun> reference = new ArrayList<>(expected);
        reference.sort(sort.comparator());
        assertEquals(fx.describe(want), fx.describe(Fixture.ids(reference)),
                "the expected order disagrees with FlowRunSort." + sort + ".comparator() (a defect in core?)");

        List<UUID> found = fx.tx(tx -> Fixture.ids(tx.flowRuns().find(criterion, sort, 100_000, 0)));
        assertEquals(fx.describe(want), fx.describe(found), "find sorted " + sort);
        List<UUID> foundIds = fx.tx(tx -> tx.flowRuns().findIds(criterion, sort, 100_000));
        assertEquals(fx.describe(want), fx.describe(foundIds), "findIds sorted " + sort);
        int size = want.size();
        for (int offset = 0; offset < size; offset += 3) {
            int from = offset;
            List<UUID> page = fx.tx(tx -> Fixture.ids(tx.flowRuns().find(criterion, sort, 3, from)));
            assertEquals(fx.describe(want.subList(from, Math.min(size, from + 3))), fx.describe(page),
                    "find sorted " + sort + " limit 3 offset " + from);
        }
        int head = Math.min(size, 4);
        assertEquals(fx.describe(want.subList(0, head)),
                fx.describe(fx.tx(tx -> tx.flowRuns().findIds(criterion, sort, head))), "findIds sorted " + sort + " limit " + head);
    }

    private FlowRun run(String id, String label, Consumer<FlowRun.Builder> shape) {
        FlowRun.Builder b = fx.newRun().id(UUID.fromString(id));
        shape.accept(b);
        FlowRun r = fx.insert(b.build());
        fx.label(r.id(), label);
        return r;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> r = new ArrayList<>(list);
        Collections.reverse(r);
        return r;
    }

    @Test
    void idDescIsUnsignedByteOrderOfEverySegment() {
        FlowRun ffff = run("ffffffff-ffff-4fff-bfff-ffffffffffff", "ffff", b -> { });
        FlowRun x8000 = run("80000000-0000-4000-8000-000000000000", "8000", b -> { });
        FlowRun x7fff = run("7fffffff-ffff-4fff-bfff-ffffffffffff", "7fff", b -> { });
        FlowRun seg1 = run("00000001-0000-0000-0000-000000000000", "seg1", b -> { });
        FlowRun seg2 = run("00000000-0001-0000-0000-000000000000", "seg2", b -> { });
        FlowRun seg3 = run("00000000-0000-0001-0000-000000000000", "seg3", b -> { });
        FlowRun lsbHigh = run("00000000-0000-0000-8000-000000000000", "lsbHigh", b -> { });
        FlowRun lsbLow = run("00000000-0000-0000-7fff-ffffffffffff", "lsbLow", b -> { });
        FlowRun seg5 = run("00000000-0000-0000-0000-000000000001", "seg5", b -> { });
        assertOrder(FlowRunSort.ID_DESC, null, List.of(ffff, x8000, x7fff, seg1, seg2, seg3, lsbHigh, lsbLow, seg5));
    }

    @Test
    void namesSortByCodePointExactlyWithNullsLastAscendingAndFirstDescending() {
        FlowRun upperB = run("00000000-0000-4000-8000-000000000001", "B", b -> b.name("B"));
        FlowRun aLow = run("7fffffff-0000-4000-8000-000000000000", "a/7fff", b -> b.name("a"));
        FlowRun aHigh = run("80000000-0000-4000-8000-000000000000", "a/8000", b -> b.name("a"));
        FlowRun aTab = run("00000000-0000-4000-8000-000000000002", "a-tab", b -> b.name("a\t"));
        FlowRun aSpace = run("00000000-0000-4000-8000-000000000003", "a-space", b -> b.name("a "));
        FlowRun aBang = run("00000000-0000-4000-8000-000000000004", "a!", b -> b.name("a!"));
        FlowRun lowerB = run("00000000-0000-4000-8000-000000000005", "b", b -> b.name("b"));
        FlowRun eAcute = run("00000000-0000-4000-8000-000000000006", "e-acute", b -> b.name("\u00e9"));
        FlowRun privateUse = run("00000000-0000-4000-8000-000000000007", "U+E000", b -> b.name("\ue000"));
        FlowRun replacement = run("00000000-0000-4000-8000-000000000008", "U+FFFD", b -> b.name("\ufffd"));
        FlowRun emoji = run("00000000-0000-4000-8000-000000000009", "U+1F600", b -> b.name("\ud83d\ude00"));
        FlowRun nullLow = run("0fffffff-0000-4000-8000-000000000000", "null/0fff", b -> { });
        FlowRun nullHigh = run("f0000000-0000-4000-8000-000000000000", "null/f000", b -> { });
        List<FlowRun> ascending = List.of(upperB, aLow, aHigh, aTab, aSpace, aBang, lowerB, eAcute, privateUse,
                replacement, emoji, nullLow, nullHigh);
        if (namesAreGeneratedWhenMissing()) {
            ascending = sortedAsStored(ascending, FlowRunSort.NAME_ASC);   // the unnamed runs got names
        }
        assertOrder(FlowRunSort.NAME_ASC, null, ascending);
        assertOrder(FlowRunSort.NAME_DESC, null, reversed(ascending));
    }

    @Test
    void startTimeSortsOnStartTimeElseExpectedStartTime() {
        FlowRun early = run("00000000-0000-4000-8000-000000000001", "early", b -> b.startTime(Instant.parse("1960-05-01T00:00:00Z")));
        FlowRun tieExpected = run("80000000-0000-4000-8000-000000000000", "tie/expected", b -> b.expectedStartTime(t(3)));
        FlowRun tieStarted = run("7fffffff-0000-4000-8000-000000000000", "tie/started", b -> b.startTime(t(3)).expectedStartTime(t(100)));
        FlowRun later = run("00000000-0000-4000-8000-000000000002", "later", b -> b.startTime(t(5)).expectedStartTime(t(-5)));
        FlowRun micro = run("00000000-0000-4000-8000-000000000003", "micro", b -> b.startTime(t(5).plusNanos(1_000)));
        FlowRun noneLow = run("10000000-0000-4000-8000-000000000000", "none/1000", b -> b.endTime(t(1)));
        FlowRun noneHigh = run("c0000000-0000-4000-8000-000000000000", "none/c000", b -> { });
        List<FlowRun> ascending = List.of(early, tieStarted, tieExpected, later, micro, noneLow, noneHigh);
        assertOrder(FlowRunSort.START_TIME_ASC, null, ascending);
        assertOrder(FlowRunSort.START_TIME_DESC, null, reversed(ascending));
    }

    @Test
    void expectedStartTimeSortsIgnoreStartTime() {
        FlowRun first = run("00000000-0000-4000-8000-000000000001", "first", b -> b.expectedStartTime(t(-1)).startTime(t(50)));
        FlowRun tieLow = run("7fffffff-0000-4000-8000-000000000000", "tie/7fff", b -> b.expectedStartTime(t(2)));
        FlowRun tieHigh = run("80000000-0000-4000-8000-000000000000", "tie/8000", b -> b.expectedStartTime(t(2)));
        FlowRun startOnly = run("00000000-0000-4000-8000-000000000002", "startOnly", b -> b.startTime(t(0)));
        FlowRun none = run("00000000-0000-4000-8000-000000000003", "none", b -> { });
        List<FlowRun> ascending = List.of(first, tieLow, tieHigh, startOnly, none);
        assertOrder(FlowRunSort.EXPECTED_START_TIME_ASC, null, ascending);
        assertOrder(FlowRunSort.EXPECTED_START_TIME_DESC, null, reversed(ascending));
    }

    @Test
    void nextScheduledStartTimeAscPutsNullsLast() {
        FlowRun nullHigh = run("ffffffff-0000-4000-8000-000000000000", "null/ffff", b -> { });
        FlowRun nullLow = run("00000000-0000-4000-8000-000000000001", "null/0000", b -> b.startTime(t(0)));
        FlowRun late = run("00000000-0000-4000-8000-000000000002", "late", b -> b.nextScheduledStartTime(t(10)));
        FlowRun tieHigh = run("90000000-0000-4000-8000-000000000000", "tie/9000", b -> b.nextScheduledStartTime(t(1)));
        FlowRun tieLow = run("60000000-0000-4000-8000-000000000000", "tie/6000", b -> b.nextScheduledStartTime(t(1)));
        assertOrder(FlowRunSort.NEXT_SCHEDULED_START_TIME_ASC, null, List.of(tieLow, tieHigh, late, nullLow, nullHigh));
    }

    @Test
    void endTimeDescPutsNullsFirstAndBreaksTiesByIdDescending() {
        FlowRun nullLow = run("00000000-0000-4000-8000-000000000001", "null/0000", b -> { });
        FlowRun nullHigh = run("a0000000-0000-4000-8000-000000000000", "null/a000", b -> b.startTime(t(0)));
        FlowRun latest = run("00000000-0000-4000-8000-000000000002", "latest", b -> b.endTime(t(10)));
        FlowRun tieLow = run("7fffffff-0000-4000-8000-000000000000", "tie/7fff", b -> b.endTime(t(1)));
        FlowRun tieHigh = run("80000000-0000-4000-8000-000000000000", "tie/8000", b -> b.endTime(t(1)));
        FlowRun earliest = run("00000000-0000-4000-8000-000000000003", "earliest", b -> b.endTime(t(1).minusNanos(1_000)));
        assertOrder(FlowRunSort.END_TIME_DESC, null, List.of(nullHigh, nullLow, latest, tieHigh, tieLow, earliest));
    }

    @Test
    void everySortPagesConsistentlyOverRunsWithManyTiesAndNulls() {
        Random random = new Random(20260601);
        String[] names = {"a", "A", "b", "a ", "\u00e9", "\ud83d\ude00", "\ufffd", null};
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            FlowRun.Builder b = fx.newRun().id(new UUID(random.nextLong(), random.nextLong()));
            b.name(names[random.nextInt(names.length)]);
            b.startTime(maybeTime(random));
            b.expectedStartTime(maybeTime(random));
            b.nextScheduledStartTime(maybeTime(random));
            b.endTime(maybeTime(random));
            b.tags(random.nextBoolean() ? List.of("keep") : List.of());
            runs.add(b.build());
        }
        fx.insertAll(runs);
        for (FlowRun r : runs) {
            fx.label(r.id(), String.valueOf(r.name()));
        }
        runs = sortedAsStored(runs, FlowRunSort.ID_DESC);
        Criterion keep = Fixture.criterion(FlowRunFilter.builder().tagsAny("keep").build());
        List<FlowRun> kept = new ArrayList<>();
        for (FlowRun r : runs) {
            if (r.tags().contains("keep")) {
                kept.add(r);
            }
        }
        for (FlowRunSort sort : FlowRunSort.values()) {
            List<FlowRun> expected = new ArrayList<>(runs);
            expected.sort(sort.comparator());
            assertOrder(sort, null, expected);
            List<FlowRun> expectedKept = new ArrayList<>(kept);
            expectedKept.sort(sort.comparator());
            assertOrder(sort, keep, expectedKept);
        }
    }

    /** The runs as the storage holds them ({@link #asStored}), in {@code sort}'s order. */
    private List<FlowRun> sortedAsStored(List<FlowRun> runs, FlowRunSort sort) {
        List<FlowRun> stored = new ArrayList<>();
        for (FlowRun r : runs) {
            stored.add(asStored(r));
        }
        stored.sort(sort.comparator());
        return stored;
    }

    /** Null a quarter of the time; otherwise one of five instants, so that ties are common. */
    private static Instant maybeTime(Random random) {
        int n = random.nextInt(8);
        return n < 2 ? null : t(n % 5);
    }
}
