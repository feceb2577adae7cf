package dev.flowsweep.spi;

/**
 * A statement of the transaction ran longer than the storage's statement timeout and was cancelled; the transaction
 * was rolled back, nothing was deleted or changed. Not retried automatically (a retry would double the time the call
 * may take); trying again later, or with a smaller limit, may succeed. An HTTP front answers it with 503 and
 * {@code Retry-After}.
 */
public class FlowsweepStatementTimeoutException extends FlowsweepStorageException {
    public FlowsweepStatementTimeoutException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
