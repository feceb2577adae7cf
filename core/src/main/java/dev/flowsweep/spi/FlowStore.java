package dev.flowsweep.spi;

import dev.flowsweep.model.Flow;

import java.util.Optional;
import java.util.UUID;

/** Flows. */
public interface FlowStore {
    /** @throws FlowsweepConflictException for an existing id or name */
    void insert(Flow flow);

    Optional<Flow> findById(UUID id);

    Optional<Flow> findByName(String name);
}
