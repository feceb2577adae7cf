package dev.flowsweep.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A deployment of a flow. Runs of a deployment whose {@code concurrencyLimitId} names an active
 * {@link ConcurrencyLimit} hold one slot of it while PENDING, RUNNING or CANCELLING.
 *
 * @param concurrencyLimitId nullable
 */
public record Deployment(UUID id, String name, UUID flowId, UUID concurrencyLimitId) {
    public Deployment {
        Objects.requireNonNull(id, "id");
        Limits.name(Objects.requireNonNull(name, "name"), "name");
        Objects.requireNonNull(flowId, "flowId");
    }
}
