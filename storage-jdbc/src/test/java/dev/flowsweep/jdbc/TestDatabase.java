package dev.flowsweep.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database for one test class, in a schema or database of its own that {@link #close()} drops:
 * <ul>
 *   <li>H2: a fresh in-memory database.</li>
 *   <li>PostgreSQL: {@code FLOWSWEEP_PG_URL} when set, otherwise an embedded PostgreSQL started once per JVM
 *       (zonky); a schema {@code flowsweep_test_<random>}.</li>
 *   <li>MariaDB: {@code FLOWSWEEP_MARIADB_URL} when set, otherwise the test is skipped with a message;
 *       a database {@code flowsweep_test_<random>}.</li>
 * </ul>
 * With {@code FLOWSWEEP_REQUIRE_DBS=1} nothing is skipped: a missing database fails the test.
 * Every session runs in a time zone other than UTC (Asia/Kolkata, +05:30), on top of the JVM's America/New_York.
 */
abstract class TestDatabase implements AutoCloseable {
    static final String PG_URL_ENV = "FLOWSWEEP_PG_URL";
    static final String MARIADB_URL_ENV = "FLOWSWEEP_MARIADB_URL";
    static final String REQUIRE_ENV = "FLOWSWEEP_REQUIRE_DBS";

    /** The database's id ({@link Database#id()}): h2, postgresql, mariadb. */
    abstract String name();

    /** Where the database came from, for messages. */
    abstract String origin();

    abstract TestDataSource dataSource();

    /** Drops the schema or database. */
    @Override
    public abstract void close();

    /** Deletes every row of the Flowsweep tables with this prefix, children first. */
    void deleteAllRows(String prefix) {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String t : List.of("log_purge_queue", "log", "task_run", "flow_run_tag", "flow_run", "deployment",
                    "concurrency_limit", "flow")) {
                st.executeUpdate("DELETE FROM " + prefix + t);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the tables of " + this, e);
        }
    }

    static String randomName() {
        return "flowsweep_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static boolean required() {
        return "1".equals(System.getenv(REQUIRE_ENV));
    }

    @Override
    public String toString() {
        return name() + " (" + origin() + ")";
    }

    static TestDatabase h2() {
        return new H2();
    }

    static TestDatabase postgres() {
        String url = System.getenv(PG_URL_ENV);
        return url == null || url.isBlank() ? new Postgres(EmbeddedPg.url(), "embedded PostgreSQL")
                : new Postgres(url, PG_URL_ENV);
    }

    static TestDatabase mariaDb() {
        String url = System.getenv(MARIADB_URL_ENV);
        if (url == null || url.isBlank()) {
            String message = "MariaDB tests need " + MARIADB_URL_ENV
                    + " (e.g. jdbc:mariadb://127.0.0.1:3306/test?user=root); it is not set";
            if (required()) {
                Assertions.fail(message + ", and " + REQUIRE_ENV + "=1 forbids skipping");
            }
            LoggerFactory.getLogger(TestDatabase.class).warn("{}: skipping the MariaDB tests", message);
            Assumptions.abort(message + ": skipping the MariaDB tests");
        }
        return new MariaDb(url);
    }

    /** The three databases, as far as they are available. */
    static List<String> names() {
        return List.of("h2", "postgresql", "mariadb");
    }

    static TestDatabase named(String name) {
        return switch (name) {
            case "h2" -> h2();
            case "postgresql" -> postgres();
            case "mariadb" -> mariaDb();
            default -> throw new IllegalArgumentException(name);
        };
    }

    // ------------------------------------------------------------------------------------------------------- H2

    private static final class H2 extends TestDatabase {
        private final TestDataSource ds;

        H2() {
            ds = TestDataSource.direct("jdbc:h2:mem:" + randomName() + ";DB_CLOSE_DELAY=-1",
                    List.of("SET TIME ZONE 'Asia/Kolkata'"));
        }

        @Override
        String name() {
            return "h2";
        }

        @Override
        String origin() {
            return ds.url();
        }

        @Override
        TestDataSource dataSource() {
            return ds;
        }

        @Override
        public void close() {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- PostgreSQL

    private static final class Postgres extends TestDatabase {
        private final String baseUrl;
        private final String origin;
        private final String schema = randomName();
        private final TestDataSource ds;

        Postgres(String baseUrl, String origin) {
            this.baseUrl = baseUrl;
            this.origin = origin;
            execute(baseUrl, "CREATE SCHEMA " + schema);
            ds = TestDataSource.pooled(baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    "SET TIME ZONE 'Asia/Kolkata'");
        }

        @Override
        String name() {
            return "postgresql";
        }

        @Override
        String origin() {
            return origin + ", schema " + schema;
        }

        @Override
        TestDataSource dataSource() {
            return ds;
        }

        @Override
        public void close() {
            ds.close();
            execute(baseUrl, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** One embedded PostgreSQL per JVM, started on first use and stopped at exit. */
    private static final class EmbeddedPg {
        private static String url;

        static synchronized String url() {
            if (url == null) {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException ignored) {
                            // exiting anyway
                        }
                    }));
                    url = pg.getJdbcUrl("postgres", "postgres");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
                }
            }
            return url;
        }
    }

    // -------------------------------------------------------------------------------------------------- MariaDB

    private static final class MariaDb extends TestDatabase {
        private static final Pattern URL = Pattern.compile("^(jdbc:mariadb://[^/?]+)(?:/([^?]*))?(\\?.*)?$");
        private final String adminUrl;
        private final String database = randomName();
        private final TestDataSource ds;

        MariaDb(String url) {
            Matcher m = URL.matcher(url);
            if (!m.matches()) {
                throw new IllegalArgumentException(MARIADB_URL_ENV + " must look like "
                        + "jdbc:mariadb://host:port/database?user=…, was " + url);
            }
            String params = m.group(3) == null ? "" : m.group(3);
            adminUrl = url;
            execute(adminUrl, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
            ds = TestDataSource.pooled(m.group(1) + "/" + database + params, "SET time_zone = '+05:30'");
        }

        @Override
        String name() {
            return "mariadb";
        }

        @Override
        String origin() {
            return MARIADB_URL_ENV + ", database " + database;
        }

        @Override
        TestDataSource dataSource() {
            return ds;
        }

        @Override
        public void close() {
            ds.close();
            execute(adminUrl, "DROP DATABASE " + database);
        }
    }

    static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\" on " + url + ": " + e.getMessage(), e);
        }
    }
}
