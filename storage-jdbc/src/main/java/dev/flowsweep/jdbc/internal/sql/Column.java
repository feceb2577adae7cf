package dev.flowsweep.jdbc.internal.sql;

import java.util.Objects;

/**
 * A column, or an expression standing for one (such as {@code coalesce(r.start_time, r.expected_start_time)}), as a
 * layout writes it, with the type its values are bound and read as.
 *
 * @param expr the SQL text, qualified with its table's alias where the statement has one
 * @param type how values compared with it are bound
 */
public record Column(String expr, SqlType type) {
    public Column {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(type, "type");
    }
}
