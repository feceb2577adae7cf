package dev.flowsweep.cli;

import dev.flowsweep.jdbc.JdbcStorage;

/** An open database: the storage and the connections it borrows, closed together. */
record Database(JdbcStorage storage, CliDataSource dataSource) implements AutoCloseable {
    @Override
    public void close() {
        try {
            storage.close();
        } finally {
            dataSource.close();
        }
    }
}
