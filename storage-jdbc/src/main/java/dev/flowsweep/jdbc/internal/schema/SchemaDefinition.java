package dev.flowsweep.jdbc.internal.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What a layout's schema is, for {@link SchemaManager}: the versioned scripts that create it on one database, where
 * the applied versions are recorded, and the tables and columns the stores read and write. A layout over tables that
 * another program owns (Prefect's) ships scripts for its bookkeeping tables only and checks the foreign schema in
 * {@link #checkPrerequisites}.
 */
public interface SchemaDefinition {

    /** The folder of the scripts on the class path, e.g. {@code db/postgresql}. */
    String folder();

    /** The scripts of this release, oldest first. */
    List<Migration> migrations();

    /** The value of the scripts' {@code ${prefix}} placeholder. */
    String prefix();

    /** The table in which each script records its version. */
    String versionTable();

    /** Every table the stores use, with the columns they read and write, parents before children. */
    Map<String, List<String>> expectedColumns();

    /**
     * Checks what the layout needs beyond its own scripts, before any script runs or the tables are validated
     * (Prefect's layout: that Prefect's own migrations are at a version it knows). Default: nothing.
     *
     * @throws IllegalStateException naming what is wrong
     */
    default void checkPrerequisites(Connection connection) throws SQLException {
    }

    /**
     * The DDL of indexes that would help on tables this layout does not own, found by {@link #checkPrerequisites}:
     * printed for the operator to run, never run by Flowsweep. Default: none.
     */
    default List<String> advisedIndexes() {
        return List.of();
    }

    /** The schema version this release writes and expects: the newest script's. */
    default int latestVersion() {
        List<Migration> all = migrations();
        return all.get(all.size() - 1).version();
    }
}
