package dev.flowsweep.testsupport;

/**
 * Prefect 3's own database schemas, copied into this module's resources with their attribution
 * ({@code prefect-schema/README.md}; Prefect is Apache-2.0): what a Prefect server's {@code alembic upgrade head}
 * creates. Each file ends with the {@code alembic_version} row of its head revision.
 */
public final class PrefectSchema {
    /** The resource of the PostgreSQL schema; it needs the {@code pg_trgm} extension, which it creates. */
    public static final String POSTGRESQL = "prefect-schema/postgresql.sql";
    /** The resource of the SQLite schema. */
    public static final String SQLITE = "prefect-schema/sqlite.sql";
    /** The alembic head revision of the PostgreSQL schema. */
    public static final String POSTGRESQL_REVISION = "9e9dadc36797";
    /** The alembic head revision of the SQLite schema. */
    public static final String SQLITE_REVISION = "f416ea180ae1";

    private PrefectSchema() {
    }
}
