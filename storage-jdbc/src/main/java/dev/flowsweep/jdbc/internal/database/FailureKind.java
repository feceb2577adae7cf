package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.spi.FlowsweepCommitUnknownException;
import dev.flowsweep.spi.FlowsweepConflictException;
import dev.flowsweep.spi.FlowsweepStatementTimeoutException;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.FlowsweepTransientException;

import java.sql.SQLException;

/**
 * What a failed statement tells about the transaction, as each database classifies it ({@link DatabaseEngine}'s
 * {@code isConflict}, {@code isConnectionLost}, {@code isStatementTimeout}, {@code isTransient}), and the exception it
 * becomes. Where the failure happened matters as much: a lost connection before the commit was sent means the
 * database rolled back (transient, retried on a fresh connection); while the commit was in flight it means nobody
 * knows ({@link #atCommit}).
 */
public enum FailureKind {
    /** An integrity conflict (duplicate key, missing parent row): nothing changed. */
    CONFLICT,
    /** The connection was closed, killed, shut down or cut: the database rolls back what was not committed. */
    CONNECTION_LOST,
    /** A statement ran past the statement timeout and was cancelled. */
    STATEMENT_TIMEOUT,
    /** A deadlock, serialization failure or lock timeout: the database rolled back, running it again may work. */
    TRANSIENT,
    /** Anything else. */
    OTHER;

    /** How {@code db} classifies {@code e}; a lost connection wins over what the statement was doing. */
    public static FailureKind of(DatabaseEngine db, SQLException e) {
        if (db.isConflict(e)) {
            return CONFLICT;
        }
        if (db.isConnectionLost(e)) {
            return CONNECTION_LOST;
        }
        if (db.isStatementTimeout(e)) {
            return STATEMENT_TIMEOUT;
        }
        return db.isTransient(e) ? TRANSIENT : OTHER;
    }

    /** The exception for a failure of {@code what} before any commit was sent. */
    public FlowsweepStorageException beforeCommit(String what, SQLException e) {
        return switch (this) {
            case CONFLICT -> new FlowsweepConflictException(what + ": " + e.getMessage(), e);
            case CONNECTION_LOST -> new FlowsweepTransientException(what + " failed (transient: the connection to "
                    + "the database failed before any commit was sent, nothing was committed): " + e.getMessage(), e);
            case STATEMENT_TIMEOUT -> new FlowsweepStatementTimeoutException(what + " failed: statement timeout, "
                    + "the transaction was rolled back, nothing deleted or changed: " + e.getMessage(), e);
            case TRANSIENT -> new FlowsweepTransientException(what + " failed (transient): " + e.getMessage(), e);
            case OTHER -> new FlowsweepStorageException(what + " failed: " + e.getMessage(), e);
        };
    }

    /**
     * The exception for a failed commit. The database's own refusal (a conflict, a deadlock or serialization failure
     * found at commit) means it rolled back; anything else — above all a lost connection — leaves the outcome unknown.
     */
    public FlowsweepStorageException atCommit(SQLException e) {
        if (this == CONFLICT || this == TRANSIENT) {
            return beforeCommit("commit", e);
        }
        return new FlowsweepCommitUnknownException("commit failed, outcome unknown: the connection to the database "
                + "failed while the commit was in flight, so the changes may or may not have been committed (a bulk "
                + "delete may have deleted its runs, released their slots and queued their log purges, all or "
                + "nothing); repeating the same filter is safe: " + e.getMessage(), e);
    }
}
