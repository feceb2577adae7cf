package dev.flowsweep.jdbc.internal.layout;

import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.sql.Aliases;
import dev.flowsweep.jdbc.internal.sql.Column;
import dev.flowsweep.jdbc.internal.sql.SqlType;

/**
 * The {@code ORDER BY} clause of a {@link FlowRunSort}, in exactly the order of {@link FlowRunSort#comparator()}:
 * nulls last ascending and first descending, ties broken by id in the same direction, text by code point, ids as
 * unsigned bytes. The layout says what each key is ({@link RunCriteria#sortKey}), the database how it sorts.
 */
public final class SortSql {
    private SortSql() {
    }

    /** {@code " ORDER BY …"} for the flow run table aliased {@value Aliases#RUN}. */
    public static String orderBy(DatabaseEngine db, RunCriteria criteria, FlowRunSort sort) {
        Column key = criteria.sortKey(sort.key());
        String id = db.orderBy(Aliases.RUN + ".id", sort.ascending(), false);
        if (key == null) {
            return " ORDER BY " + id;
        }
        String expr = key.type() == SqlType.TEXT ? db.textSortKey(key.expr()) : key.expr();
        return " ORDER BY " + db.orderBy(expr, sort.ascending(), true) + ", " + id;
    }
}
