package dev.flowsweep.json;

import dev.flowsweep.model.Flow;

import java.util.Objects;
import java.util.UUID;

/** The body of {@code POST /flows}: {@code {"name"}}. */
public record FlowCreate(String name) {

    /** @throws NullPointerException when {@code name} is null */
    public FlowCreate {
        Objects.requireNonNull(name, "name is required");
    }

    /** The flow with the given id. */
    public Flow toFlow(UUID id) {
        return new Flow(id, name);
    }
}
