package dev.flowsweep.memory;

import dev.flowsweep.spi.PurgeTask;

import java.time.Instant;
import java.util.UUID;

/** One row of the in-memory purge queue. */
record PurgeEntry(UUID flowRunId, Instant enqueuedAt, int attempts, Instant nextAttemptAt, boolean failed,
                  String lastError) {

    PurgeTask toTask() {
        return new PurgeTask(flowRunId, enqueuedAt, attempts, failed, lastError);
    }
}
