package dev.flowsweep.spring.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL schema of its own for one test class: on {@code FLOWSWEEP_PG_URL} (a JDBC URL with credentials) when
 * it is set, else on an embedded PostgreSQL started once per JVM. (To be replaced by the shared test-database
 * support.)
 */
final class PostgresTestDatabase {
    private static EmbeddedPostgres embedded;

    private final String adminUrl;
    private final String schema;

    PostgresTestDatabase() {
        String configured = System.getenv("FLOWSWEEP_PG_URL");
        this.adminUrl = configured == null || configured.isBlank() ? embeddedUrl() : configured;
        this.schema = "fs_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
    }

    /** A JDBC URL whose connections work in this schema. */
    String url() {
        return adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    void drop() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\" on the test PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static synchronized String embeddedUrl() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start an embedded PostgreSQL; set FLOWSWEEP_PG_URL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }
}
