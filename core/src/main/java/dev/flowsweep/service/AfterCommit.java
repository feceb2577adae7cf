package dev.flowsweep.service;

import dev.flowsweep.events.DeletionEvent;
import dev.flowsweep.events.DeletionListener;
import dev.flowsweep.events.DeletionReason;
import dev.flowsweep.purge.PurgeWakeUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What follows a commit that deleted runs: the purge is woken with the deleted ids, then the deletion listeners are
 * told, in registration order. Neither can undo or fail the committed deletion: their failures are logged.
 */
final class AfterCommit {
    private static final Logger log = LoggerFactory.getLogger(BulkDeleteService.class);

    private final PurgeWakeUp purge;
    private final List<DeletionListener> listeners;

    AfterCommit(PurgeWakeUp purge, List<DeletionListener> listeners) {
        this.purge = purge;
        this.listeners = List.copyOf(listeners);
    }

    List<DeletionListener> listeners() {
        return listeners;
    }

    /** After a commit that deleted {@code result.deleted()} (not empty), {@code elapsed} after the call began. */
    void committed(DeletionReason reason, String actor, BulkDeleteResult result, Instant committedAt,
                   Duration elapsed) {
        wakePurge(result.deleted());
        if (listeners.isEmpty()) {
            return;
        }
        DeletionEvent event = new DeletionEvent(reason, actor, result.deleted(), result.releasedSlots(),
                result.deleted().size(), committedAt, elapsed);
        for (DeletionListener listener : listeners) {
            try {
                listener.onDeletion(event);
            } catch (RuntimeException e) {
                log.warn("deletion listener {} failed on {} of {} run(s) by {}; the deletion stays committed",
                        listener, reason, event.runIds().size(), actor, e);
            }
        }
    }

    private void wakePurge(List<UUID> ids) {
        if (purge == null) {
            return;
        }
        try {
            purge.purgesQueued(ids);
        } catch (RuntimeException e) {
            // The delete is committed; the purge is queued and will be found by polling.
            log.warn("could not wake the log purger: {}", e.toString());
        }
    }
}
