package dev.flowsweep.events;

/**
 * Told about every committed deletion of a {@code BulkDeleteService}: register it with
 * {@code BulkDeleteService.builder(storage).deletionListener(listener)}.
 *
 * <p>It is called on the thread that asked for the deletion (the caller's, a drain's, or the retention executor's),
 * after the transaction committed, once per transaction that deleted at least one run, and never for a transaction
 * that rolled back or failed to commit. The deletion is already durable: whatever the listener does, nothing is
 * undone. A {@link RuntimeException} it throws is logged (WARN, with the event) and swallowed, and the next listener
 * is still called. It runs inside the caller's call, so it should be quick: hand slow work (HTTP webhooks, message
 * brokers) to a queue of your own.
 */
@FunctionalInterface
public interface DeletionListener {
    /** Called once per committed deletion, with what it deleted. */
    void onDeletion(DeletionEvent event);
}
