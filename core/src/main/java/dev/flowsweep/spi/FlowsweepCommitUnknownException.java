package dev.flowsweep.spi;

/**
 * The connection to the database was lost while the commit was in flight: the transaction may or may not have been
 * committed, and nobody can tell from here. Never retried automatically. For a bulk delete the runs may have been
 * deleted (with their slots released and their log purges queued, all or nothing); repeating the same filter is safe
 * (it deletes what is still there and nothing twice). An HTTP front answers it with 503 and {@code Retry-After}.
 */
public class FlowsweepCommitUnknownException extends FlowsweepStorageException {
    public FlowsweepCommitUnknownException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
