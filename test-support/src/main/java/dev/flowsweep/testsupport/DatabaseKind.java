package dev.flowsweep.testsupport;

/**
 * The databases a test can ask for. Each one is opened for one test class (or one test) in a database or schema of
 * its own, and dropped afterwards; see {@link TestDatabase} for where each comes from.
 */
public enum DatabaseKind {
    /** H2 in memory. */
    H2("h2"),
    /** H2 in a file of a temporary directory, deleted afterwards. */
    H2_FILE("h2"),
    /** PostgreSQL: {@code FLOWSWEEP_PG_URL}, else an embedded PostgreSQL; a schema of its own. */
    POSTGRESQL("postgresql"),
    /** MariaDB: {@code FLOWSWEEP_MARIADB_URL}, else skipped (failed under {@code FLOWSWEEP_REQUIRE_DBS=1}). */
    MARIADB("mariadb"),
    /** SQLite in a temporary file: WAL, a busy timeout, foreign keys on. */
    SQLITE("sqlite"),
    /** Prefect's own PostgreSQL schema (alembic head {@code 9e9dadc36797}) in a database of its own. */
    PREFECT_POSTGRESQL("postgresql"),
    /** Prefect's own SQLite schema (alembic head {@code f416ea180ae1}) in a temporary file. */
    PREFECT_SQLITE("sqlite");

    private final String dialect;

    DatabaseKind(String dialect) {
        this.dialect = dialect;
    }

    /** The database product's short name: {@code h2}, {@code postgresql}, {@code mariadb} or {@code sqlite}. */
    public String dialect() {
        return dialect;
    }

    /** Whether this is one of Prefect's own schemas. */
    public boolean isPrefect() {
        return this == PREFECT_POSTGRESQL || this == PREFECT_SQLITE;
    }
}
