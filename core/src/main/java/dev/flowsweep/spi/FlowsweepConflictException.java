package dev.flowsweep.spi;

/**
 * An integrity conflict: a duplicate id or unique name, or a reference to a row that does not exist
 * (a flow run of an unknown flow, a task run of an unknown flow run). Nothing was changed.
 */
public class FlowsweepConflictException extends FlowsweepStorageException {
    public FlowsweepConflictException(String message) {
        super(message, null, false);
    }

    public FlowsweepConflictException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
