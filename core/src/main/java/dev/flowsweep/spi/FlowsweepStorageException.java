package dev.flowsweep.spi;

/**
 * The one unchecked exception a storage adapter throws for a failure of its storage. It keeps the cause
 * (for JDBC, the {@link java.sql.SQLException}). {@link #isTransient()} marks failures that may succeed when the
 * whole unit of work is tried again: deadlocks, serialization failures, lock timeouts.
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
