package dev.flowsweep.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The CLI's connections: a small HikariCP pool. {@code JdbcStorage} takes one connection per transaction, and
 * opening one per batch would dominate a drain (an embedded H2 file would even be reopened each time).
 *
 * <p>The pool starts on the first {@code getConnection()}, not when it is built, so that a database that cannot be
 * reached fails there with the driver's own {@link SQLException}, which the storage reports as it reports any
 * other connection failure.
 */
final class CliDataSource {
    /** Connections a command may hold at once: its transaction, and the log purge it may run beside it. */
    static final int MAX_CONNECTIONS = 4;

    private CliDataSource() {
    }

    /**
     * A pool on {@code url}, with optional credentials (they may also be in the URL).
     *
     * @throws CliInputException when no JDBC driver on the class path takes this URL
     */
    static HikariDataSource open(String url, String user, String password) {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new CliInputException("no JDBC driver takes " + redact(url)
                    + " (this tool has the drivers of H2, PostgreSQL, MariaDB and SQLite)");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setPoolName("flowsweep-cli");
        // HikariDataSource() + copied settings, rather than HikariDataSource(config): starts on first use.
        HikariDataSource ds = new HikariDataSource();
        config.copyStateTo(ds);
        return ds;
    }

    /** The URL without its query string, which may carry a password. */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
