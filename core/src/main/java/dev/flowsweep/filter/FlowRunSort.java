package dev.flowsweep.filter;

import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Strings;
import dev.flowsweep.model.Uuids;

import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * Prefect's {@code FlowRunSort} values. Nulls sort as PostgreSQL sorts them (last in ascending order,
 * first in descending order); ties break by id in the key's direction; ids order as their canonical
 * lower-case text ({@link Uuids#ORDER}); names by code point ({@link Strings#CODE_POINT_ORDER}).
 * {@code START_TIME_*} sort on {@code coalesce(start_time, expected_start_time)}.
 */
public enum FlowRunSort {
    ID_DESC(Key.ID, false),
    START_TIME_ASC(Key.START_TIME, true),
    START_TIME_DESC(Key.START_TIME, false),
    EXPECTED_START_TIME_ASC(Key.EXPECTED_START_TIME, true),
    EXPECTED_START_TIME_DESC(Key.EXPECTED_START_TIME, false),
    NAME_ASC(Key.NAME, true),
    NAME_DESC(Key.NAME, false),
    NEXT_SCHEDULED_START_TIME_ASC(Key.NEXT_SCHEDULED_START_TIME, true),
    END_TIME_DESC(Key.END_TIME, false);

    /** The column a sort orders by. */
    public enum Key { ID, START_TIME, EXPECTED_START_TIME, NAME, NEXT_SCHEDULED_START_TIME, END_TIME }

    private final Key key;
    private final boolean ascending;

    FlowRunSort(Key key, boolean ascending) {
        this.key = key;
        this.ascending = ascending;
    }

    public Key key() {
        return key;
    }

    public boolean ascending() {
        return ascending;
    }

    /** The reference order of this sort, which every adapter must reproduce exactly. */
    public Comparator<FlowRun> comparator() {
        Comparator<FlowRun> byId = Comparator.comparing(FlowRun::id, Uuids.ORDER);
        Comparator<FlowRun> primary = switch (key) {
            case ID -> null;
            case START_TIME -> nullsPostgres(FlowRun::effectiveStartTime, Comparator.<Instant>naturalOrder());
            case EXPECTED_START_TIME -> nullsPostgres(FlowRun::expectedStartTime, Comparator.<Instant>naturalOrder());
            case NAME -> nullsPostgres(FlowRun::name, Strings.CODE_POINT_ORDER);
            case NEXT_SCHEDULED_START_TIME -> nullsPostgres(FlowRun::nextScheduledStartTime, Comparator.<Instant>naturalOrder());
            case END_TIME -> nullsPostgres(FlowRun::endTime, Comparator.<Instant>naturalOrder());
        };
        Comparator<FlowRun> asc = primary == null ? byId : primary.thenComparing(byId);
        return ascending ? asc : asc.reversed();
    }

    /** Ascending with nulls last; reversed, this puts nulls first, as PostgreSQL does for DESC. */
    private static <T> Comparator<FlowRun> nullsPostgres(Function<FlowRun, T> f, Comparator<T> order) {
        return Comparator.comparing(f, Comparator.nullsLast(order));
    }
}
