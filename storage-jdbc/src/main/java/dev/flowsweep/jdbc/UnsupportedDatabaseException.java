package dev.flowsweep.jdbc;

import dev.flowsweep.spi.FlowsweepStorageException;

/**
 * The database behind a DataSource is not one {@link JdbcStorage} supports (see {@link Database}); the message says
 * what was found and what is supported.
 */
public final class UnsupportedDatabaseException extends FlowsweepStorageException {
    /** @param message what was found and what is supported */
    public UnsupportedDatabaseException(String message) {
        super(message, null, false);
    }
}
