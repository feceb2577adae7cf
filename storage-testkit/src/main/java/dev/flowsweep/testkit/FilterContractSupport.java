package dev.flowsweep.testkit;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.FlowRun;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The base of the filter contract classes: {@link #assertMatches} asks the storage under test through
 * {@code FlowRunStore.find}, {@code findIds}, {@code count} and {@code lockIdsForDelete} whether a filter matches
 * exactly the expected runs.
 */
public abstract class FilterContractSupport extends StorageContractSupport {
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

    /** A new filter builder. */
    protected static FlowRunFilter.Builder filter() {
        return FlowRunFilter.builder();
    }

    /** Every run of the storage, newest id first. */
    protected List<FlowRun> all() {
        return fx.tx(tx -> tx.flowRuns().find(null, FlowRunSort.ID_DESC, 100_000, 0));
    }
}
