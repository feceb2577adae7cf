package dev.flowsweep.service;

import java.time.Duration;

/**
 * Progress of a drain after a batch.
 *
 * @param batches       batches done so far
 * @param deleted       runs deleted so far
 * @param lastBatchSize runs the last batch deleted
 * @param elapsed       time since the drain started
 */
public record DrainProgress(int batches, long deleted, int lastBatchSize, Duration elapsed) {
}
