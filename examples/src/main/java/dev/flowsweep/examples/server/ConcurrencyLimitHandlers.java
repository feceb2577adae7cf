package dev.flowsweep.examples.server;

import dev.flowsweep.examples.server.body.ConcurrencyIncrement;
import dev.flowsweep.examples.server.body.ConcurrencyLimitCreate;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.service.TransientRetries;
import dev.flowsweep.spi.FlowsweepStorage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prefect's v2 concurrency limits: create, read, and {@code increment}, which takes slots on every named active
 * limit or on none, atomically: the limits are locked by name in one transaction, checked, then updated.
 */
final class ConcurrencyLimitHandlers {
    private final FlowsweepStorage storage;
    private final TransientRetries writes;
    private final ServerJson json;

    /** {@code writes} for creates; an increment runs once on {@code storage} (a transient failure is 503 at once). */
    ConcurrencyLimitHandlers(FlowsweepStorage storage, TransientRetries writes, ServerJson json) {
        this.storage = storage;
        this.writes = writes;
        this.json = json;
    }

    void register(Router router) {
        router.post("/v2/concurrency_limits", this::create);
        router.post("/v2/concurrency_limits/increment", this::increment);
        router.get("/v2/concurrency_limits/{id}", this::get);
    }

    Response create(Request request) {
        ConcurrencyLimit created = ModelJson.readBody(json, request.json(), ConcurrencyLimitCreate.class)
                .toConcurrencyLimit(UUID.randomUUID());
        writes.inTransaction(tx -> {
            tx.concurrencyLimits().insert(created); // an existing name: conflict (409)
            return null;
        });
        return Response.created(created);
    }

    Response get(Request request) {
        UUID id = request.uuidParam("id", "Concurrency Limit not found");
        return storage.inTransaction(tx -> tx.concurrencyLimits().findById(id))
                .map(Response::ok)
                .orElseThrow(() -> ApiException.notFound("Concurrency Limit not found"));
    }

    Response increment(Request request) {
        ConcurrencyIncrement body = ModelJson.readBody(json, request.json(), ConcurrencyIncrement.class);
        int slots = body.slots();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(body.names()));
        return storage.inTransaction(tx -> {
            List<ConcurrencyLimit> active = tx.concurrencyLimits().lockByNames(distinct).stream()
                    .filter(ConcurrencyLimit::active)
                    .toList();
            for (ConcurrencyLimit l : active) {
                if (slots > l.limit()) {
                    throw ApiException.detail(422, "Slots requested is greater than the limit");
                }
            }
            for (ConcurrencyLimit l : active) {
                if ((long) l.activeSlots() + slots > l.limit()) {
                    throw ApiException.detail(423, "Concurrency limit " + l.name() + " has no " + slots
                            + " free slot(s)").withHeader("Retry-After", "1");
                }
            }
            List<Map<String, Object>> taken = new ArrayList<>();
            for (ConcurrencyLimit l : active) {
                tx.concurrencyLimits().setActiveSlots(l.id(), l.activeSlots() + slots);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", l.id());
                m.put("name", l.name());
                m.put("limit", l.limit());
                taken.add(m);
            }
            return Response.ok(taken);
        });
    }
}
