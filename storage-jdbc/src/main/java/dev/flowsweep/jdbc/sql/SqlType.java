package dev.flowsweep.jdbc.sql;

/**
 * The type of a bound parameter. Each {@link dev.flowsweep.jdbc.dialect.Dialect} decides how a type is bound
 * (for example a UUID as {@code uuid} on PostgreSQL and as {@code CHAR(36)} text on MariaDB).
 */
public enum SqlType {
    /** A {@link java.util.UUID}. */
    UUID,
    /** A {@link String}. */
    TEXT,
    /** An {@link java.time.Instant}, stored as a UTC timestamp with microseconds. */
    TIME,
    /** An {@link Integer}. */
    INTEGER,
    /** A {@link Long}. */
    BIGINT,
    /** A {@link Boolean}. */
    BOOLEAN,
    /** A collection of UUIDs bound as one SQL array (only on dialects with arrays). */
    UUID_ARRAY,
    /** A collection of strings bound as one SQL array (only on dialects with arrays). */
    TEXT_ARRAY;

    /** Whether lists of this type can be bound as one array parameter (UUIDs and strings). */
    public boolean hasArrayType() {
        return this == UUID || this == TEXT || this == UUID_ARRAY || this == TEXT_ARRAY;
    }

    /** The array type whose elements are of this type; this type itself when it is an array type. */
    public SqlType arrayType() {
        return switch (this) {
            case UUID, UUID_ARRAY -> UUID_ARRAY;
            case TEXT, TEXT_ARRAY -> TEXT_ARRAY;
            default -> throw new IllegalArgumentException("no array type for " + this);
        };
    }
}
