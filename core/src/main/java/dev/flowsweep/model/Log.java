package dev.flowsweep.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A log line of a flow run (and maybe one of its task runs). Logs of a deleted run are purged
 * asynchronously, after the delete committed.
 *
 * @param flowRunId nullable
 * @param taskRunId nullable
 */
public record Log(UUID id, String name, int level, String message, Instant timestamp, UUID flowRunId, UUID taskRunId) {
    public Log {
        Objects.requireNonNull(id, "id");
        Limits.name(Objects.requireNonNull(name, "name"), "name");
        Strings.requireText(Objects.requireNonNull(message, "message"), "message");
        timestamp = Times.normalize(Objects.requireNonNull(timestamp, "timestamp"));
    }
}
