package dev.flowsweep.spi;

/**
 * Nothing happened, and trying again later may succeed: a deadlock, a serialization failure, a lock timeout, or a
 * connection to the database lost (closed, killed, shut down, network error) <em>before</em> the commit was sent, so
 * the database rolled the transaction back. {@link #isTransient()} is always true. Core retries these itself
 * ({@code BulkDeleteService}, the log purger, retention); one that reaches the caller means the retries were used up.
 * An HTTP front answers it with 503 and {@code Retry-After}.
 */
public class FlowsweepTransientException extends FlowsweepStorageException {
    public FlowsweepTransientException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
