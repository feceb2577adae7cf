package dev.flowsweep.jdbc.dialect;

import dev.flowsweep.spi.FlowsweepStorageException;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Picks the {@link Dialect} of a database from its JDBC metadata. Supported: H2 2.x, PostgreSQL 12+ and
 * MariaDB 10.6+. MySQL (not tested yet) and every other database are refused with an
 * {@link UnsupportedDatabaseException}; a host that knows better can pass a dialect to the builder explicitly.
 */
public final class Dialects {
    private Dialects() {
    }

    /** The H2 dialect. */
    public static Dialect h2() {
        return new H2Dialect();
    }

    /** The PostgreSQL dialect. */
    public static Dialect postgres() {
        return new PostgresDialect();
    }

    /** The MariaDB dialect. */
    public static Dialect mariaDb() {
        return new MariaDbDialect();
    }

    /**
     * The dialect for the database behind this metadata.
     *
     * @throws UnsupportedDatabaseException for MySQL, for versions older than supported and for any other database
     */
    public static Dialect detect(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String version = metaData.getDatabaseProductVersion();
        int major = metaData.getDatabaseMajorVersion();
        int minor = metaData.getDatabaseMinorVersion();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        String v = version == null ? "" : version.toLowerCase(Locale.ROOT);
        String seen = product + " " + version;
        if (p.equals("h2")) {
            require(major >= 2, seen, "H2 2.x");
            return h2();
        }
        if (p.equals("postgresql")) {
            require(major >= 12, seen, "PostgreSQL 12 or later");
            return postgres();
        }
        if (p.equals("mariadb") || (p.equals("mysql") && v.contains("mariadb"))) {
            require(major > 10 || (major == 10 && minor >= 6), seen, "MariaDB 10.6 or later");
            return mariaDb();
        }
        if (p.equals("mysql")) {
            throw new UnsupportedDatabaseException("MySQL (" + seen + ") is not supported yet: Flowsweep is not tested "
                    + "on it. Supported: H2 2.x, PostgreSQL 12+, MariaDB 10.6+.");
        }
        throw new UnsupportedDatabaseException("unsupported database " + seen
                + ". Supported: H2 2.x, PostgreSQL 12+, MariaDB 10.6+; a dialect can be forced with "
                + "JdbcStorage.builder(dataSource).dialect(...)");
    }

    private static void require(boolean ok, String seen, String wanted) {
        if (!ok) {
            throw new UnsupportedDatabaseException("unsupported database version " + seen + ": Flowsweep needs "
                    + wanted);
        }
    }

    /** The database is not one Flowsweep supports. */
    public static final class UnsupportedDatabaseException extends FlowsweepStorageException {
        /** @param message what was found and what is supported */
        public UnsupportedDatabaseException(String message) {
            super(message, null, false);
        }
    }
}
