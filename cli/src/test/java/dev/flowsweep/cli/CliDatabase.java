package dev.flowsweep.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of its own for one CLI test: an in-memory H2, a schema of {@code FLOWSWEEP_PG_URL} (unset: of an
 * embedded PostgreSQL the tests start), or a database of {@code FLOWSWEEP_MARIADB_URL} (unset: skipped, unless
 * {@code FLOWSWEEP_REQUIRE_DBS=1}).
 */
abstract class CliDatabase implements AutoCloseable {
    private static EmbeddedPostgres embeddedPostgres;

    /** The JDBC URL the CLI is given. */
    abstract String url();

    @Override
    public abstract void close();

    static String randomName() {
        return "flowsweep_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static CliDatabase h2() {
        String url = "jdbc:h2:mem:" + randomName() + ";DB_CLOSE_DELAY=-1";
        return new CliDatabase() {
            @Override
            String url() {
                return url;
            }

            @Override
            public void close() {
                execute(url, "SHUTDOWN");
            }
        };
    }

    static CliDatabase postgres() {
        String configured = System.getenv("FLOWSWEEP_PG_URL");
        String base = configured == null || configured.isBlank() ? embeddedPostgresUrl() : configured;
        String schema = randomName();
        execute(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new CliDatabase() {
            @Override
            String url() {
                return url;
            }

            @Override
            public void close() {
                execute(base, "DROP SCHEMA " + schema + " CASCADE");
            }
        };
    }

    static CliDatabase mariaDb() {
        String base = serverUrl("FLOWSWEEP_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root");
        Matcher m = Pattern.compile("^(jdbc:mariadb://[^/?]+)(?:/([^?]*))?(\\?.*)?$").matcher(base);
        if (!m.matches()) {
            throw new IllegalArgumentException("FLOWSWEEP_MARIADB_URL must look like jdbc:mariadb://host:port/db?…");
        }
        String database = randomName();
        execute(base, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
        String url = m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
        return new CliDatabase() {
            @Override
            String url() {
                return url;
            }

            @Override
            public void close() {
                execute(base, "DROP DATABASE " + database);
            }
        };
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

    private static String serverUrl(String variable, String example) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            String message = "these CLI tests need " + variable + " (e.g. " + example + ")";
            if ("1".equals(System.getenv("FLOWSWEEP_REQUIRE_DBS"))) {
                Assertions.fail(message + ", and FLOWSWEEP_REQUIRE_DBS=1 forbids skipping");
            }
            Assumptions.abort(message + ": skipping");
        }
        return url;
    }

    static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\": " + e.getMessage(), e);
        }
    }
}
