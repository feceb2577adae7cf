package dev.flowsweep.spring.boot;

import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.retention.RetentionService;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the log purger, then retention, when the application context starts; closes retention, then the purger,
 * when it stops. Whichever {@link LogPurger} and {@link RetentionService} beans the context has are started, the
 * starter's or the application's own (starting them twice does nothing).
 *
 * <p>Its {@link #PHASE phase} is below the web server's, so the background work starts before the server takes
 * requests and stops after it has stopped taking them (after a graceful shutdown's requests have finished): a bulk
 * delete still in flight can wake the purger. Stopping is safe at any moment: retention stops after its batch in
 * flight, the purger after its transaction in flight, and whatever is still queued stays in the durable purge
 * queue, carried out by the next start or by another instance. A stopped purger cannot be started again: an
 * application context is started once.
 */
public final class FlowsweepLifecycle implements SmartLifecycle {
    /**
     * The phase: {@code SmartLifecycle.DEFAULT_PHASE - 4096}, below Spring Boot's web server phases
     * ({@code DEFAULT_PHASE - 2048} and {@code - 1024}): starts before them, stops after them.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final LogPurger purger;
    private final RetentionService retention;
    private volatile boolean running;

    /**
     * @param purger    the purger to start, nullable
     * @param retention the retention service to start, nullable
     */
    public FlowsweepLifecycle(LogPurger purger, RetentionService retention) {
        this.purger = purger;
        this.retention = retention;
    }

    @Override
    public void start() {
        if (purger != null) {
            purger.start();
        }
        if (retention != null) {
            retention.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (retention != null) {
                retention.close();
            }
        } finally {
            if (purger != null) {
                purger.close();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
