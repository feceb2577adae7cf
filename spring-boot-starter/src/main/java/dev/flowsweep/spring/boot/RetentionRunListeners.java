package dev.flowsweep.spring.boot;

import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionRunListener;
import dev.flowsweep.service.DrainProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * Every {@link RetentionRunListener} bean as the one listener a {@code RetentionService} takes, told in order; one
 * that throws is logged and the next is still told.
 */
final class RetentionRunListeners implements RetentionRunListener {
    private static final Logger log = LoggerFactory.getLogger(RetentionRunListeners.class);

    private final List<RetentionRunListener> listeners;

    RetentionRunListeners(List<RetentionRunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    static RetentionRunListener of(List<RetentionRunListener> listeners) {
        return listeners.isEmpty() ? RetentionRunListener.NONE
                : listeners.size() == 1 ? listeners.get(0) : new RetentionRunListeners(listeners);
    }

    @Override
    public void onRunStarted(RetentionPolicy policy, Instant cutoff) {
        for (RetentionRunListener l : listeners) {
            try {
                l.onRunStarted(policy, cutoff);
            } catch (RuntimeException e) {
                log.warn("retention run listener {} failed on the start of {}", l, policy.name(), e);
            }
        }
    }

    @Override
    public void onBatch(RetentionPolicy policy, DrainProgress progress) {
        for (RetentionRunListener l : listeners) {
            try {
                l.onBatch(policy, progress);
            } catch (RuntimeException e) {
                log.warn("retention run listener {} failed on a batch of {}", l, policy.name(), e);
            }
        }
    }

    @Override
    public void onRunFinished(RetentionRun run) {
        for (RetentionRunListener l : listeners) {
            try {
                l.onRunFinished(run);
            } catch (RuntimeException e) {
                log.warn("retention run listener {} failed on the end of {}", l, run.policy(), e);
            }
        }
    }
}
