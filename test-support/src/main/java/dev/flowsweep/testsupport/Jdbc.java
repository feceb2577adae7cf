package dev.flowsweep.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC for setting databases up: statements on an administrator's URL, pools, schema files. */
final class Jdbc {
    private Jdbc() {
    }

    /** Runs one statement on a connection of its own to {@code url}. */
    static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\" on " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** A HikariCP pool whose every connection first runs {@code initSql} (the session's time zone). */
    static HikariDataSource pool(String url, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setConnectionInitSql(initSql);
        config.setMaximumPoolSize(12);
        config.setMinimumIdle(0);
        config.setPoolName("flowsweep-test");
        return new HikariDataSource(config);
    }

    /** A text resource of this module, e.g. {@code prefect-schema/sqlite.sql}. */
    static String resource(String path) {
        try (InputStream in = Jdbc.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + path + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The URL without its query string, which may carry a password. */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
