package dev.flowsweep.examples.server.body;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Objects;
import java.util.UUID;

import static dev.flowsweep.model.Limits.MAX_NAME_LENGTH;

/**
 * The body of {@code POST /deployments}: {@code {"name", "flow_id", "concurrency_limit"?}}. A
 * {@code concurrency_limit} (at least 1, as Prefect's {@code PositiveInteger}) asks the server to create an
 * active limit named {@code deployment:<id>} for the deployment.
 *
 * @param concurrencyLimit null when the deployment has no limit
 */
public record DeploymentCreate(@NotNull @Size(max = MAX_NAME_LENGTH) String name, @NotNull UUID flowId,
                               @Min(1) Integer concurrencyLimit) {

    /** @throws IllegalArgumentException when {@code concurrencyLimit} is below 1 */
    public DeploymentCreate {
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(flowId, "flow_id is required");
        if (concurrencyLimit != null && concurrencyLimit < 1) {
            throw new IllegalArgumentException("concurrency_limit must be >= 1, was " + concurrencyLimit);
        }
    }
}
