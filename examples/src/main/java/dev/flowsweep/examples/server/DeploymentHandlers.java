package dev.flowsweep.examples.server;

import dev.flowsweep.examples.server.body.DeploymentCreate;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.service.TransientRetries;

import java.util.UUID;

/**
 * {@code POST /deployments}: a deployment of a flow. With {@code concurrency_limit} it also creates, in the same
 * transaction, an active limit named {@code deployment:<id>} with no slot taken, and links it.
 */
final class DeploymentHandlers {
    private final TransientRetries writes;
    private final ServerJson json;

    DeploymentHandlers(TransientRetries writes, ServerJson json) {
        this.writes = writes;
        this.json = json;
    }

    void register(Router router) {
        router.post("/deployments", this::create);
    }

    Response create(Request request) {
        DeploymentCreate body = ModelJson.readBody(json, request.json(), DeploymentCreate.class);
        UUID id = UUID.randomUUID();
        ConcurrencyLimit limit = body.concurrencyLimit() == null ? null
                : new ConcurrencyLimit(UUID.randomUUID(), "deployment:" + id, body.concurrencyLimit(), true, 0);
        Deployment deployment = new Deployment(id, body.name(), body.flowId(), limit == null ? null : limit.id());
        writes.inTransaction(tx -> {
            if (limit != null) {
                tx.concurrencyLimits().insert(limit);
            }
            tx.deployments().insert(deployment); // an unknown flow_id: conflict (409), and the limit is rolled back
            return null;
        });
        return Response.created(deployment);
    }
}
