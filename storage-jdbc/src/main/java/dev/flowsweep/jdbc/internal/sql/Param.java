package dev.flowsweep.jdbc.internal.sql;

import java.util.Objects;

/**
 * One bound parameter: its type and value ({@code null} binds SQL NULL; an array type takes a collection).
 */
public record Param(SqlType type, Object value) {
    public Param {
        Objects.requireNonNull(type, "type");
    }
}
