package dev.flowsweep.examples.server.body;

import dev.flowsweep.model.Log;
import dev.flowsweep.model.Times;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import static dev.flowsweep.model.Limits.MAX_NAME_LENGTH;

/**
 * One element of the body of {@code POST /logs}:
 * {@code {"name", "level", "message", "timestamp", "flow_run_id"?, "task_run_id"?}}. Messages are not limited.
 */
public record LogCreate(@NotNull @Size(max = MAX_NAME_LENGTH) String name, int level, @NotNull String message,
                        @NotNull Instant timestamp, UUID flowRunId, UUID taskRunId) {

    public LogCreate {
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(message, "message is required");
        timestamp = Times.normalize(Objects.requireNonNull(timestamp, "timestamp is required"));
    }

    /** The log line with the given id. */
    public Log toLog(UUID id) {
        return new Log(id, name, level, message, timestamp, flowRunId, taskRunId);
    }

    /** The log line with a random id. */
    public Log toLog() {
        return toLog(UUID.randomUUID());
    }
}
