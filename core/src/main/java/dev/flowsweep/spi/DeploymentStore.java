package dev.flowsweep.spi;

import dev.flowsweep.model.Deployment;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Deployments. */
public interface DeploymentStore {
    /** @throws FlowsweepConflictException for an existing id, or a flow or limit that does not exist */
    void insert(Deployment deployment);

    Optional<Deployment> findById(UUID id);

    /** For those of these deployments that have a concurrency limit: deployment id → limit id. */
    Map<UUID, UUID> concurrencyLimitIds(Collection<UUID> deploymentIds);
}
