package dev.flowsweep.spi;

import java.time.Instant;
import java.util.UUID;

/**
 * One queued log purge: the logs of one deleted flow run.
 *
 * @param attempts  failed attempts so far
 * @param failed    whether it has used up its attempts and is now retried on the slow schedule
 * @param lastError nullable
 * @param archive   nullable: the archive batch the run's logs are archived under before they are deleted
 *                  (docs/CONTRACT.md, "Archive"); null when the delete did not ask to archive
 */
public record PurgeTask(UUID flowRunId, Instant enqueuedAt, int attempts, boolean failed, String lastError,
                        ArchiveBatch archive) {
    /** An entry that does not archive logs. */
    public PurgeTask(UUID flowRunId, Instant enqueuedAt, int attempts, boolean failed, String lastError) {
        this(flowRunId, enqueuedAt, attempts, failed, lastError, null);
    }

    /** Whether the run's logs are archived before they are deleted. */
    public boolean archiveLogs() {
        return archive != null;
    }
}
