package dev.flowsweep.model;

import java.util.Objects;
import java.util.UUID;

/** A flow: an id and a unique name. */
public record Flow(UUID id, String name) {
    public Flow {
        Objects.requireNonNull(id, "id");
        Limits.name(Objects.requireNonNull(name, "name"), "name");
    }
}
