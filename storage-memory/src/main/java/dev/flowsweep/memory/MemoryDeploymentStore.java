package dev.flowsweep.memory;

import dev.flowsweep.model.Deployment;
import dev.flowsweep.spi.DeploymentStore;
import dev.flowsweep.spi.FlowsweepConflictException;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

final class MemoryDeploymentStore implements DeploymentStore {
    private final MemoryTransaction tx;

    MemoryDeploymentStore(MemoryTransaction tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Deployment deployment) {
        Objects.requireNonNull(deployment, "deployment");
        Tables t = tx.tables();
        if (t.deployments.containsKey(deployment.id())) {
            throw new FlowsweepConflictException("deployment " + deployment.id() + " already exists");
        }
        if (!t.flows.containsKey(deployment.flowId())) {
            throw new FlowsweepConflictException("deployment " + deployment.id() + " names flow "
                    + deployment.flowId() + ", which does not exist");
        }
        if (deployment.concurrencyLimitId() != null && !t.limits.containsKey(deployment.concurrencyLimitId())) {
            throw new FlowsweepConflictException("deployment " + deployment.id() + " names concurrency limit "
                    + deployment.concurrencyLimitId() + ", which does not exist");
        }
        t.insertDeployment(deployment);
    }

    @Override
    public Optional<Deployment> findById(UUID id) {
        return Optional.ofNullable(tx.tables().deployments.get(id));
    }

    @Override
    public Map<UUID, UUID> concurrencyLimitIds(Collection<UUID> deploymentIds) {
        Tables t = tx.tables();
        Map<UUID, UUID> result = new HashMap<>();
        for (UUID id : deploymentIds) {
            Deployment d = t.deployments.get(id);
            if (d != null && d.concurrencyLimitId() != null) {
                result.put(id, d.concurrencyLimitId());
            }
        }
        return Map.copyOf(result);
    }
}
