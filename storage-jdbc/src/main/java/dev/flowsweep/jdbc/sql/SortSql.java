package dev.flowsweep.jdbc.sql;

import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.jdbc.dialect.Dialect;

/**
 * The {@code ORDER BY} clause of a {@link FlowRunSort}, in exactly the order of {@link FlowRunSort#comparator()}:
 * nulls last ascending and first descending, ties broken by id in the same direction, names by code point,
 * ids as unsigned bytes (native {@code uuid} on PostgreSQL and H2, lower-case ASCII text on MariaDB).
 */
public final class SortSql {
    private SortSql() {
    }

    /** {@code " ORDER BY …"} for the flow run table aliased {@value CriterionSql#RUN}. */
    public static String orderBy(Dialect dialect, FlowRunSort sort) {
        String r = CriterionSql.RUN;
        String key = switch (sort.key()) {
            case ID -> null;
            case START_TIME -> r + ".effective_start_time";
            case EXPECTED_START_TIME -> r + ".expected_start_time";
            case NAME -> dialect.textSortKey(r + ".name");
            case NEXT_SCHEDULED_START_TIME -> r + ".next_scheduled_start_time";
            case END_TIME -> r + ".end_time";
        };
        String id = dialect.orderBy(r + ".id", sort.ascending(), false);
        return key == null ? " ORDER BY " + id : " ORDER BY " + dialect.orderBy(key, sort.ascending(), true) + ", " + id;
    }
}
