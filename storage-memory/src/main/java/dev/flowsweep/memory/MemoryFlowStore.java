package dev.flowsweep.memory;

import dev.flowsweep.model.Flow;
import dev.flowsweep.spi.FlowStore;
import dev.flowsweep.spi.FlowsweepConflictException;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

final class MemoryFlowStore implements FlowStore {
    private final MemoryTransaction tx;

    MemoryFlowStore(MemoryTransaction tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        Tables t = tx.tables();
        if (t.flows.containsKey(flow.id())) {
            throw new FlowsweepConflictException("flow " + flow.id() + " already exists");
        }
        if (t.flowIdsByName.containsKey(flow.name())) {
            throw new FlowsweepConflictException("a flow named \"" + flow.name() + "\" already exists");
        }
        t.insertFlow(flow);
    }

    @Override
    public Optional<Flow> findById(UUID id) {
        return Optional.ofNullable(tx.tables().flows.get(id));
    }

    @Override
    public Optional<Flow> findByName(String name) {
        Tables t = tx.tables();
        UUID id = t.flowIdsByName.get(name);
        return id == null ? Optional.empty() : Optional.of(t.flows.get(id));
    }
}
