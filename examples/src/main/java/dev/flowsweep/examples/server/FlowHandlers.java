package dev.flowsweep.examples.server;

import dev.flowsweep.examples.server.body.FlowCreate;
import dev.flowsweep.model.Flow;
import dev.flowsweep.service.TransientRetries;
import dev.flowsweep.spi.FlowsweepConflictException;
import dev.flowsweep.spi.FlowsweepStorage;

import java.util.Optional;
import java.util.UUID;

/** {@code POST /flows}: creates a flow by name, or answers the existing one (200) as Prefect does. */
final class FlowHandlers {
    private final FlowsweepStorage storage;
    private final TransientRetries writes;
    private final ServerJson json;

    FlowHandlers(FlowsweepStorage storage, TransientRetries writes, ServerJson json) {
        this.storage = storage;
        this.writes = writes;
        this.json = json;
    }

    void register(Router router) {
        router.post("/flows", this::create);
    }

    Response create(Request request) {
        FlowCreate body = ModelJson.readBody(json, request.json(), FlowCreate.class);
        try {
            return writes.inTransaction(tx -> {
                Optional<Flow> existing = tx.flows().findByName(body.name());
                if (existing.isPresent()) {
                    return Response.ok(existing.get());
                }
                Flow flow = body.toFlow(UUID.randomUUID());
                tx.flows().insert(flow);
                return Response.created(flow);
            });
        } catch (FlowsweepConflictException raced) {
            // Another request created the same name between our read and our insert: answer that flow.
            return storage.inTransaction(tx -> tx.flows().findByName(body.name()))
                    .map(Response::ok)
                    .orElseThrow(() -> raced);
        }
    }
}
