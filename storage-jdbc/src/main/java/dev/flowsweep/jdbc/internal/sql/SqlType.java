package dev.flowsweep.jdbc.internal.sql;

/**
 * The type of a bound parameter or a read column. The database strategy
 * ({@link dev.flowsweep.jdbc.internal.database.DatabaseEngine#bind}) decides how each type is bound and read — a UUID
 * as {@code uuid} on PostgreSQL and as {@code CHAR(36)} text on MariaDB; the layout decides which type each of its
 * columns has: Flowsweep's own tables keep times in columns without a time zone ({@link #TIME}), Prefect's tables on
 * PostgreSQL in {@code timestamptz} columns ({@link #TIMESTAMPTZ}).
 */
public enum SqlType {
    /** A {@link java.util.UUID}. */
    UUID,
    /** A {@link String}. */
    TEXT,
    /** An {@link java.time.Instant} in a column without a time zone, stored in UTC with microseconds. */
    TIME,
    /**
     * An {@link java.time.Instant} in a column with a time zone ({@code timestamp with time zone}), bound and read as
     * an {@code OffsetDateTime} in UTC, so that neither the JVM's nor the session's time zone is ever consulted.
     */
    TIMESTAMPTZ,
    /** An {@link Integer}. */
    INTEGER,
    /** A {@link Long}. */
    BIGINT,
    /** A {@link Boolean}. */
    BOOLEAN,
    /** A collection of UUIDs bound as one SQL array (only on databases with arrays). */
    UUID_ARRAY,
    /** A collection of strings bound as one SQL array (only on databases with arrays). */
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
