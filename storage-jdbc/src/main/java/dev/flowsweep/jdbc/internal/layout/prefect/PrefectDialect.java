package dev.flowsweep.jdbc.internal.layout.prefect;

import dev.flowsweep.jdbc.UnsupportedDatabaseException;
import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.sql.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How Prefect's schema types its columns on one database, and the SQL that reads and writes them: JSON columns
 * ({@code jsonb} on PostgreSQL, JSON text on SQLite), the {@code state_type} enum (a PostgreSQL type, plain text on
 * SQLite), intervals, and Prefect's {@code now()}. These are facts of Prefect's tables on each database, not of the
 * database (Flowsweep's own tables have none of these types), so they live with the layout; values are still bound
 * by the {@link DatabaseEngine}. One subclass per database Prefect runs on: {@link PostgresPrefect},
 * {@link SqlitePrefect}.
 */
abstract class PrefectDialect {
    /** The database the fragments are written for. */
    protected final DatabaseEngine db;

    PrefectDialect(DatabaseEngine db) {
        this.db = db;
    }

    /**
     * The dialect of Prefect's schema on {@code db}.
     *
     * @throws UnsupportedDatabaseException for a database Prefect's layout does not run on
     */
    static PrefectDialect of(DatabaseEngine db) {
        return switch (db.name()) {
            case "postgresql" -> new PostgresPrefect(db);
            case "sqlite" -> new SqlitePrefect(db);
            default -> throw new UnsupportedDatabaseException("Layout.PREFECT runs on PostgreSQL and SQLite, the "
                    + "databases a Prefect server keeps its tables in, not on " + db.name() + " (Database."
                    + db.name().toUpperCase(java.util.Locale.ROOT) + " with Layout.PREFECT)");
        };
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** Appends a JSON value for a JSON column: {@code json} is the text {@link PrefectJson} wrote. */
    abstract Sql json(Sql sql, String json);

    /** Appends a {@code state_type} value (a member's name). */
    abstract Sql stateType(Sql sql, String name);

    /** Appends a {@code deployment_status} value. */
    abstract Sql deploymentStatus(Sql sql, String name);

    /** A zero {@code total_run_time}, as Prefect writes it. */
    abstract String zeroRunTime();

    /** Prefect's {@code now()} in SQL. */
    abstract String now();

    // ------------------------------------------------------------------------------------------------ reading

    /** The text of {@code key} in the JSON object {@code expr}; null when absent or null. */
    abstract String jsonText(String expr, String key);

    /** Whether the JSON column {@code expr} holds no value: SQL NULL or JSON {@code null}. */
    abstract String jsonIsNull(String expr);

    /**
     * The tags of these runs, one row per tag in order, columns {@code flow_run_id} and {@code tag}, ordered by run and
     * position.
     */
    abstract Sql tagRows(String runTable, Collection<UUID> runIds);

    // ------------------------------------------------------------------------------------------------ filters

    /** The JSON array {@code expr} holds at least one of {@code tags} (distinct, non-empty). */
    abstract Sql tagsAny(String expr, Set<String> tags);

    /** The JSON array {@code expr} holds every one of {@code tags} (distinct, non-empty). */
    abstract Sql tagsAll(String expr, Set<String> tags);

    /** The JSON array {@code expr} is empty (or not). */
    abstract String tagsEmpty(String expr, boolean empty);

    /** {@code state_type} is one of {@code names} (distinct, non-empty). */
    abstract Sql stateTypeIn(String expr, Collection<?> names);

    /**
     * {@code expr} lower-cased exactly as {@code String.toLowerCase(Locale.ROOT)} does, or null when this database
     * cannot (then a filter on it is refused).
     */
    abstract String lowerCase(String expr);

    /** Why {@link #lowerCase} is null, for the message refusing the filter. */
    abstract String whyNoLowerCase();

    /** The text {@code haystack} contains {@code needle} literally (no wildcards). */
    abstract Sql contains(String haystack, String needle);

    /** The expression text columns sort by, in code point order. */
    abstract String codePointOrder(String expr);

    // ------------------------------------------------------------------------------------------------ limits

    /** {@code floor(x)} for {@code x >= 0}. */
    abstract String floor(String x);

    /** The smaller of two numbers. */
    abstract String least(String a, String b);

    /** Seconds from the time column {@code expr} to now, never negative. */
    abstract String secondsSince(String expr);

    // ------------------------------------------------------------------------------------------------ schema

    /**
     * Reads what the fragments depend on from the database (once, at startup): PostgreSQL whether ICU is there, SQLite
     * the journal mode. Returns the DDL of the indexes worth creating on Prefect's tables, which Flowsweep never
     * creates itself, named with {@code prefix}.
     */
    abstract List<String> inspect(Connection connection, String prefix) throws SQLException;
}
