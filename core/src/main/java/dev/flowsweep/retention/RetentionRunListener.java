package dev.flowsweep.retention;

import dev.flowsweep.service.DrainProgress;

import java.time.Instant;

/**
 * Told about the runs of a {@link RetentionService}'s policies, on the thread that runs them: for progress
 * displays and metrics. Deletions themselves are reported by the {@code BulkDeleteService}'s
 * {@link dev.flowsweep.events.DeletionListener}s. A {@link RuntimeException} thrown here is logged and ignored.
 */
public interface RetentionRunListener {
    /** Nothing. */
    RetentionRunListener NONE = new RetentionRunListener() {
    };

    /** A run started: the lease is held (when the service uses leases); {@code cutoff} is null without an age. */
    default void onRunStarted(RetentionPolicy policy, Instant cutoff) {
    }

    /** A batch of the run committed. */
    default void onBatch(RetentionPolicy policy, DrainProgress progress) {
    }

    /**
     * A run ended: every run, also one that was skipped or could not take its lease (then without
     * {@link #onRunStarted} before it). For a run that started, this is called before its lease is released, so no
     * other instance starts the policy before this returns.
     */
    default void onRunFinished(RetentionRun run) {
    }
}
