package dev.flowsweep.examples.server.body;

import dev.flowsweep.model.Flow;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Objects;
import java.util.UUID;

import static dev.flowsweep.model.Limits.MAX_NAME_LENGTH;

/** The body of {@code POST /flows}: {@code {"name"}}. */
public record FlowCreate(@NotNull @Size(max = MAX_NAME_LENGTH) String name) {

    /** @throws NullPointerException when {@code name} is null */
    public FlowCreate {
        Objects.requireNonNull(name, "name is required");
    }

    /** The flow with the given id. */
    public Flow toFlow(UUID id) {
        return new Flow(id, name);
    }
}
