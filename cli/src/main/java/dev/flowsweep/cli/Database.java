package dev.flowsweep.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.jdbc.JdbcStorage;

/** An open database: the storage and the pool it borrows connections from, closed together. */
record Database(JdbcStorage storage, HikariDataSource dataSource) implements AutoCloseable {
    @Override
    public void close() {
        try {
            storage.close();
        } finally {
            dataSource.close();
        }
    }
}
