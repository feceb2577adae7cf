package dev.flowsweep.memory;

import dev.flowsweep.spi.ArchiveBatch;
import dev.flowsweep.spi.PurgeTask;

import java.time.Instant;
import java.util.UUID;

/** One row of the in-memory purge queue; {@code archive} (nullable) asks for the run's logs to be archived. */
record PurgeEntry(UUID flowRunId, Instant enqueuedAt, int attempts, Instant nextAttemptAt, boolean failed,
                  String lastError, ArchiveBatch archive) {

    PurgeTask toTask() {
        return new PurgeTask(flowRunId, enqueuedAt, attempts, failed, lastError, archive);
    }

    PurgeEntry with(int attempts, Instant nextAttemptAt, boolean failed, String lastError) {
        return new PurgeEntry(flowRunId, enqueuedAt, attempts, nextAttemptAt, failed, lastError, archive);
    }
}
