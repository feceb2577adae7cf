package dev.flowsweep.spi;

/**
 * The one unchecked exception a storage adapter throws for a failure of its storage. It keeps the cause
 * (for JDBC, the {@link java.sql.SQLException}). {@link #isTransient()} marks failures that may succeed when the
 * whole unit of work is tried again: deadlocks, serialization failures, lock timeouts, a connection lost before the
 * commit was sent. Subtypes say what is known:
 * <ul>
 *   <li>{@link FlowsweepTransientException}: nothing happened, retry later (the JDBC adapter throws every transient
 *       failure as one);</li>
 *   <li>{@link FlowsweepCommitUnknownException}: the connection was lost during the commit, the work may have been
 *       committed; repeating the same bulk delete is safe;</li>
 *   <li>{@link FlowsweepStatementTimeoutException}: a statement ran past the statement timeout, nothing changed;</li>
 *   <li>{@link FlowsweepConflictException}: an integrity conflict, nothing changed.</li>
 * </ul>
 */
public class FlowsweepStorageException extends RuntimeException {
    private final boolean transientFailure;

    public FlowsweepStorageException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public FlowsweepStorageException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** Whether retrying the whole unit of work may succeed (deadlock, serialization failure, lock timeout). */
    public boolean isTransient() {
        return transientFailure;
    }
}
