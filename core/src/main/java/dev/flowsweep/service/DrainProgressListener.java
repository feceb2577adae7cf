package dev.flowsweep.service;

/** Told after each batch of a drain, on the draining thread. */
@FunctionalInterface
public interface DrainProgressListener {
    DrainProgressListener NONE = p -> { };

    void onBatch(DrainProgress progress);
}
