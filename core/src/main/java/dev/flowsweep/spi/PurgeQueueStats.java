package dev.flowsweep.spi;

import java.time.Instant;

/**
 * The state of the purge queue.
 *
 * @param pending             queued purges not marked failed
 * @param failed              purges that used up their attempts (still queued, retried on the slow schedule)
 * @param oldestEnqueuedAt    enqueue time of the oldest queued purge (pending or failed), or null when empty
 */
public record PurgeQueueStats(long pending, long failed, Instant oldestEnqueuedAt) {
}
