package dev.flowsweep.examples.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Databases for the server tests, each test class in a schema (PostgreSQL) or database (MariaDB) of its own that
 * it drops afterwards:
 * <ul>
 *   <li>PostgreSQL: {@code FLOWSWEEP_PG_URL} (a JDBC URL with credentials) when set, else an embedded PostgreSQL
 *       started once per JVM;</li>
 *   <li>MariaDB: {@code FLOWSWEEP_MARIADB_URL} when set; otherwise the tests are skipped with a message — unless
 *       {@code FLOWSWEEP_REQUIRE_DBS=1}, where a missing database fails them.</li>
 * </ul>
 */
final class TestDatabases {
    private static EmbeddedPostgres embeddedPostgres;

    private TestDatabases() {
    }

    /**
     * A pooled DataSource on a database of its own, a JDBC URL that reaches the same (for a server in another process),
     * and how to drop that database.
     */
    record Isolated(HikariDataSource dataSource, String jdbcUrl, String adminUrl, String dropSql) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            dataSource.close();
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                s.execute(dropSql);
            }
        }
    }

    static Isolated postgres() throws SQLException {
        String url = env("FLOWSWEEP_PG_URL");
        if (url == null) {
            url = embeddedPostgresUrl();
        }
        String schema = "fs_server_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, "CREATE SCHEMA " + schema);
        HikariConfig config = pool(url);
        config.setSchema(schema);
        String own = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Isolated(new HikariDataSource(config), own, url, "DROP SCHEMA " + schema + " CASCADE");
    }

    static Isolated mariaDb() throws SQLException {
        String url = env("FLOWSWEEP_MARIADB_URL");
        if (url == null) {
            String why = "FLOWSWEEP_MARIADB_URL is not set: the MariaDB server tests need a MariaDB server";
            if ("1".equals(env("FLOWSWEEP_REQUIRE_DBS"))) {
                throw new IllegalStateException(why + " (FLOWSWEEP_REQUIRE_DBS=1 forbids skipping them)");
            }
            Assumptions.abort(why + "; skipped");
        }
        String database = "fs_server_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        HikariConfig config = pool(url);
        config.setCatalog(database);
        String own = url.replaceFirst("^(jdbc:mariadb://[^/?]+)(/[^?]*)?", "$1/" + database);
        return new Isolated(new HikariDataSource(config), own, url, "DROP DATABASE " + database);
    }

    private static HikariConfig pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(8);
        return config;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static synchronized String embeddedPostgresUrl() {
        if (embeddedPostgres == null) {
            try {
                embeddedPostgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start an embedded PostgreSQL; set FLOWSWEEP_PG_URL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embeddedPostgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return embeddedPostgres.getJdbcUrl("postgres", "postgres");
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }
}
