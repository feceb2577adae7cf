package dev.flowsweep.jdbc;

/** What {@code JdbcStorage} does with its schema when it starts. */
public enum SchemaMode {
    /**
     * Creates the tables that are missing and migrates an older schema forward (under a lock, so instances
     * starting at once do it once), then validates. The default.
     */
    CREATE,
    /**
     * Only validates: every table and column must be there at the current schema version, else startup fails
     * with a message naming what is missing. For hosts that run the shipped scripts with Flyway or Liquibase.
     */
    VALIDATE
}
