package dev.flowsweep.examples.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.Layout;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.spi.FlowsweepStorage;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The storage the launcher runs on, and what it must close: in memory, JDBC on Flowsweep's own tables (by default
 * over an H2 file under {@code ./flowsweep-data/}, created with its schema on first start), or JDBC on a Prefect
 * server's own PostgreSQL or SQLite database ({@code --storage prefect}, {@link Layout#PREFECT}: Prefect's tables as
 * they are, and Flowsweep's four bookkeeping tables created beside them on first start), through a HikariCP pool.
 */
final class ServerStorage implements AutoCloseable {
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";

    private final FlowsweepStorage storage;
    private final HikariDataSource pool;
    private final String description;

    private ServerStorage(FlowsweepStorage storage, HikariDataSource pool, String description) {
        this.storage = storage;
        this.pool = pool;
        this.description = description;
    }

    /**
     * Opens the storage of these options.
     *
     * @throws IllegalArgumentException for a SQLite file that does not exist (rather than creating an empty one)
     * @throws dev.flowsweep.spi.FlowsweepStorageException when the database cannot be reached or refuses the layout
     *                                                     (not a Prefect database, a revision not accepted, Prefect's
     *                                                     layout on H2 or MariaDB), with a message saying why
     */
    static ServerStorage open(ServerOptions options) {
        if (options.storage().equals("memory")) {
            return new ServerStorage(new InMemoryStorage(), null, "memory");
        }
        boolean prefect = options.storage().equals("prefect");
        String url = options.jdbcUrl() != null ? options.jdbcUrl() : JdbcStorage.h2FileUrl(ServerOptions.DEFAULT_H2_FILE);
        requireExistingSqliteFile(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("flowsweep");
        config.setJdbcUrl(url);
        if (options.jdbcUser() != null) {
            config.setUsername(options.jdbcUser());
        }
        if (options.jdbcPassword() != null) {
            config.setPassword(options.jdbcPassword());
        }
        config.setMaximumPoolSize(10);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            // detects the database, creates Flowsweep's tables on first start (beside Prefect's with Layout.PREFECT)
            JdbcStorage.Builder b = JdbcStorage.builder(pool);
            if (prefect) {
                b.layout(Layout.PREFECT);
                if (options.prefectRevisions() == null) {
                    b.acceptAnyPrefectRevision();
                } else {
                    b.acceptPrefectRevisions(options.prefectRevisions().toArray(String[]::new));
                }
            }
            JdbcStorage storage = b.build();
            String where = options.jdbcUrl() != null ? storage.describe()
                    : "jdbc:h2 ./" + ServerOptions.DEFAULT_H2_FILE.toString().replace('\\', '/');
            return new ServerStorage(storage, pool, where);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * SQLite creates a missing file on connection: a mistyped path would leave an empty file behind and then fail as
     * "not a Prefect database". Refuses it first instead ({@code :memory:} and {@code file:} URIs are left alone).
     */
    static void requireExistingSqliteFile(String url) {
        if (!url.startsWith(SQLITE_PREFIX)) {
            return;
        }
        String path = url.substring(SQLITE_PREFIX.length());
        int q = path.indexOf('?');
        path = q < 0 ? path : path.substring(0, q);
        if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
            return;
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no SQLite file at " + file + ": give the file of a Prefect server "
                    + "(a Prefect server's default is ~/.prefect/prefect.db)");
        }
    }

    FlowsweepStorage storage() {
        return storage;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        storage.close();
        if (pool != null) {
            pool.close();
        }
    }
}
