package dev.flowsweep.examples.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.spi.FlowsweepStorage;

/**
 * The storage the launcher runs on, and what it must close: in memory, or JDBC through a HikariCP pool (by default
 * over an H2 file under {@code ./flowsweep-data/}, created with its schema on first start).
 */
final class ServerStorage implements AutoCloseable {
    private final FlowsweepStorage storage;
    private final HikariDataSource pool;
    private final String description;

    private ServerStorage(FlowsweepStorage storage, HikariDataSource pool, String description) {
        this.storage = storage;
        this.pool = pool;
        this.description = description;
    }

    static ServerStorage open(ServerOptions options) {
        if (options.storage().equals("memory")) {
            return new ServerStorage(new InMemoryStorage(), null, "memory");
        }
        String url = options.jdbcUrl() != null ? options.jdbcUrl() : JdbcStorage.h2FileUrl(ServerOptions.DEFAULT_H2_FILE);
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
            JdbcStorage storage = new JdbcStorage(pool); // detects the database, creates the schema on first start
            String where = options.jdbcUrl() != null ? storage.describe()
                    : "jdbc:h2 ./" + ServerOptions.DEFAULT_H2_FILE.toString().replace('\\', '/');
            return new ServerStorage(storage, pool, where);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
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
