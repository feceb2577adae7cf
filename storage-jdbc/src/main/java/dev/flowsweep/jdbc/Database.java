package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.H2Engine;
import dev.flowsweep.jdbc.internal.database.MariaDbEngine;
import dev.flowsweep.jdbc.internal.database.PostgresEngine;
import dev.flowsweep.jdbc.internal.database.SqliteEngine;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases {@link JdbcStorage} runs on. By default the database is detected from the connection's metadata
 * ({@link #detect}); {@link JdbcStorage.Builder#database} names it instead. MySQL and every other database are
 * refused with an {@link UnsupportedDatabaseException}. Which {@link Layout} runs on which database: Flowsweep's own
 * tables on H2, PostgreSQL and MariaDB; Prefect's tables on PostgreSQL and SQLite.
 */
public enum Database {
    /** H2 2.x, the embedded default. */
    H2("h2"),
    /** PostgreSQL 12 or later. */
    POSTGRESQL("postgresql"),
    /** MariaDB 10.6 or later. */
    MARIADB("mariadb"),
    /**
     * SQLite 3.35 or later through {@code org.xerial:sqlite-jdbc} (which it needs on the class path), for a Prefect
     * server's SQLite file ({@link Layout#PREFECT} only).
     */
    SQLITE("sqlite");

    private final String id;

    Database(String id) {
        this.id = id;
    }

    /**
     * The short name, {@code h2}, {@code postgresql}, {@code mariadb} or {@code sqlite}: it names the folder of the
     * shipped schema scripts, {@code db/<id>/V<n>__<description>.sql} ({@code db/prefect/<id>/…} for
     * {@link Layout#PREFECT}).
     */
    public String id() {
        return id;
    }

    /** A new instance of this database's strategy. */
    DatabaseEngine engine() {
        return switch (this) {
            case H2 -> new H2Engine();
            case POSTGRESQL -> new PostgresEngine();
            case MARIADB -> new MariaDbEngine();
            case SQLITE -> new SqliteEngine();
        };
    }

    /**
     * The database behind this metadata.
     *
     * @throws UnsupportedDatabaseException for MySQL, for versions older than supported and for any other database
     */
    public static Database detect(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String version = metaData.getDatabaseProductVersion();
        int major = metaData.getDatabaseMajorVersion();
        int minor = metaData.getDatabaseMinorVersion();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        String v = version == null ? "" : version.toLowerCase(Locale.ROOT);
        String seen = product + " " + version;
        if (p.equals("h2")) {
            require(major >= 2, seen, "H2 2.x");
            return H2;
        }
        if (p.equals("postgresql")) {
            require(major >= 12, seen, "PostgreSQL 12 or later");
            return POSTGRESQL;
        }
        if (p.equals("mariadb") || (p.equals("mysql") && v.contains("mariadb"))) {
            require(major > 10 || (major == 10 && minor >= 6), seen, "MariaDB 10.6 or later");
            return MARIADB;
        }
        if (p.equals("sqlite")) {
            require(major > 3 || (major == 3 && minor >= 35), seen, "SQLite 3.35 or later");
            return SQLITE;
        }
        if (p.equals("mysql")) {
            throw new UnsupportedDatabaseException("MySQL (" + seen + ") is not supported yet: Flowsweep is not tested "
                    + "on it. Supported: H2 2.x, PostgreSQL 12+, MariaDB 10.6+, SQLite 3.35+.");
        }
        throw new UnsupportedDatabaseException("unsupported database " + seen
                + ". Supported: H2 2.x, PostgreSQL 12+, MariaDB 10.6+, SQLite 3.35+; a database can be named with "
                + "JdbcStorage.builder(dataSource).database(...)");
    }

    private static void require(boolean ok, String seen, String wanted) {
        if (!ok) {
            throw new UnsupportedDatabaseException("unsupported database version " + seen + ": Flowsweep needs "
                    + wanted);
        }
    }
}
