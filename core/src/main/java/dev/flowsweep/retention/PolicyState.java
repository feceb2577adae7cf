package dev.flowsweep.retention;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One policy's mutable state in a {@link RetentionService}. */
final class PolicyState {
    final RetentionPolicy policy;
    /** Whether this service is running it now: one run at a time. */
    final AtomicBoolean running = new AtomicBoolean();
    volatile RetentionRun lastRun;
    /** Its schedule; null before start. */
    volatile ScheduledFuture<?> future;

    PolicyState(RetentionPolicy policy) {
        this.policy = policy;
    }
}
