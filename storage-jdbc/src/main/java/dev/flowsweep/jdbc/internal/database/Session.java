package dev.flowsweep.jdbc.internal.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The state of a connection before a Flowsweep transaction began on it — autocommit, read-only flag, isolation and
 * lock timeout, as far as {@link DatabaseEngine#begin} changed them — and {@link #restore} to put it back.
 */
public final class Session {
    private static final int ISOLATION_UNTOUCHED = -1;

    private final boolean autoCommit;
    private final boolean readOnly;
    /** The isolation to restore; {@link #ISOLATION_UNTOUCHED} when it was not changed. */
    private int isolation = ISOLATION_UNTOUCHED;
    private Setting lockTimeout = Setting.NONE;

    /** Reads the connection's autocommit and read-only flag. */
    public Session(Connection connection) throws SQLException {
        this.autoCommit = connection.getAutoCommit();
        this.readOnly = connection.isReadOnly();
    }

    /**
     * Whether the connection was in autocommit mode. When it was not, it was handed over inside a transaction of its
     * own, which the Flowsweep transaction joins: then only session-level settings can be used.
     */
    boolean wasAutoCommit() {
        return autoCommit;
    }

    /** Clears the read-only flag if it was set. */
    void leaveReadOnly(Connection connection) throws SQLException {
        if (readOnly) {
            connection.setReadOnly(false);
        }
    }

    /** Sets READ COMMITTED if the connection is at another isolation, to be restored. */
    void readCommitted(Connection connection) throws SQLException {
        isolation = connection.getTransactionIsolation();
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    /** Turns autocommit off if it was on. */
    void autoCommitOff(Connection connection) throws SQLException {
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
    }

    /** Keeps {@code setting} to restore when the transaction ends. */
    void restoreAfterwards(Setting setting) {
        this.lockTimeout = setting;
    }

    /** Puts back what was changed: the lock timeout, autocommit, isolation, read-only flag, in that order. */
    public void restore(Connection connection) throws SQLException {
        lockTimeout.restore(connection);
        if (connection.getAutoCommit() != autoCommit) {
            connection.setAutoCommit(autoCommit);
        }
        if (isolation != ISOLATION_UNTOUCHED && isolation != Connection.TRANSACTION_READ_COMMITTED
                && isolation != Connection.TRANSACTION_NONE) {
            connection.setTransactionIsolation(isolation);
        }
        if (readOnly) {
            connection.setReadOnly(true);
        }
    }

    /** A session setting changed for one transaction; {@link #restore} puts the previous value back. */
    @FunctionalInterface
    public interface Setting {
        /** Nothing changed, nothing to restore. */
        Setting NONE = c -> { };

        /** Puts the previous setting back on {@code connection}. */
        void restore(Connection connection) throws SQLException;
    }
}
