package dev.flowsweep.spring.boot;

import dev.flowsweep.purge.PurgeBatch;
import dev.flowsweep.purge.PurgeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Every {@link PurgeListener} bean (the meters among them) as the one listener a {@code LogPurger} takes, told in
 * order; one that throws is logged and the next is still told.
 */
final class PurgeListeners implements PurgeListener {
    private static final Logger log = LoggerFactory.getLogger(PurgeListeners.class);

    private final List<PurgeListener> listeners;

    private PurgeListeners(List<PurgeListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    static PurgeListener of(List<PurgeListener> listeners) {
        return listeners.isEmpty() ? PurgeListener.NONE
                : listeners.size() == 1 ? listeners.get(0) : new PurgeListeners(listeners);
    }

    @Override
    public void onBatch(PurgeBatch batch) {
        for (PurgeListener l : listeners) {
            try {
                l.onBatch(batch);
            } catch (RuntimeException e) {
                log.warn("purge listener {} failed on a purge transaction", l, e);
            }
        }
    }
}
