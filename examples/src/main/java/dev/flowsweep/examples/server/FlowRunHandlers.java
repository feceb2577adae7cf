package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.json.FlowRunCreate;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeleteByIdResult;
import dev.flowsweep.spi.FlowsweepStorage;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Flow runs: create, read, filter, count, delete one, and {@code bulk_delete} — the route the library exists for.
 */
final class FlowRunHandlers {
    /** The keys Prefect's client sends beside {@code flow_runs}; accepted only when null. */
    private static final List<String> UNSUPPORTED_FILTERS =
            List.of("flows", "task_runs", "deployments", "work_pools", "work_pool_queues");
    /** {@code limit} of {@code filter}: 0..200, default 200, as in Prefect. */
    private static final int MAX_FILTER_LIMIT = 200;

    private final FlowsweepStorage storage;
    private final BulkDeleteService service;
    private final ServerJson json;

    FlowRunHandlers(FlowsweepStorage storage, BulkDeleteService service, ServerJson json) {
        this.storage = storage;
        this.service = service;
        this.json = json;
    }

    void register(Router router) {
        router.post("/flow_runs", this::create);
        router.post("/flow_runs/filter", this::filter);
        router.post("/flow_runs/count", this::count);
        router.post("/flow_runs/bulk_delete", this::bulkDelete);
        router.get("/flow_runs/{id}", this::get);
        router.delete("/flow_runs/{id}", this::delete);
    }

    Response create(Request request) {
        FlowRun run = ModelJson.readBody(json, request.json(), FlowRunCreate.class).toFlowRun();
        storage.inTransaction(tx -> {
            tx.flowRuns().insert(run); // an existing id or an unknown flow: conflict (409)
            return null;
        });
        return Response.created(run);
    }

    Response get(Request request) {
        UUID id = request.uuidParam("id", "Flow run not found");
        return storage.inTransaction(tx -> tx.flowRuns().findById(id))
                .map(Response::ok)
                .orElseThrow(() -> ApiException.notFound("Flow run not found"));
    }

    Response filter(Request request) {
        JsonBody body = JsonBody.of(request.json());
        FlowRunFilter filter = readFilter(body);
        Integer limit = body.optionalInt("limit", 0, MAX_FILTER_LIMIT);
        Integer offset = body.optionalInt("offset", 0, null);
        FlowRunSort sort = readSort(body);
        body.done();
        int max = limit == null ? MAX_FILTER_LIMIT : limit;
        if (max == 0) {
            return Response.ok(List.of());
        }
        Criterion criterion = filter.toCriterion().orElse(null);
        List<FlowRun> runs = storage.inTransaction(tx ->
                tx.flowRuns().find(criterion, sort, max, offset == null ? 0 : offset));
        return Response.ok(runs);
    }

    Response count(Request request) {
        JsonBody body = JsonBody.of(request.json());
        FlowRunFilter filter = readFilter(body);
        body.done();
        Criterion criterion = filter.toCriterion().orElse(null);
        return Response.ok(storage.inTransaction(tx -> tx.flowRuns().count(criterion)));
    }

    Response delete(Request request) {
        UUID id = request.uuidParam("id", "Flow run not found");
        if (service.deleteById(id) == DeleteByIdResult.NOT_FOUND) {
            throw ApiException.notFound("Flow run not found");
        }
        return Response.noContent();
    }

    Response bulkDelete(Request request) {
        JsonBody body = JsonBody.of(request.json());
        FlowRunFilter filter = ModelJson.readFilter(json, body, "flow_runs");
        Integer limit = body.optionalInt("limit", 1, service.limitCap());
        body.done();
        BulkDeleteResult result = service.bulkDelete(new BulkDeleteRequest(filter, limit, null));
        return Response.ok(Map.of("deleted", result.deleted()));
    }

    /** {@code flow_runs} (absent: every run) and the other filter keys, which must be null. */
    private FlowRunFilter readFilter(JsonBody body) {
        FlowRunFilter filter = ModelJson.readFilter(json, body, "flow_runs");
        for (String key : UNSUPPORTED_FILTERS) {
            if (body.raw(key) != null) {
                body.problem(body.child(key), "Filtering on " + key + " is not supported by this server; "
                        + "send null or leave it out", "not_supported");
            }
        }
        return filter == null ? FlowRunFilter.matchAll() : filter;
    }

    private static FlowRunSort readSort(JsonBody body) {
        JsonNode v = body.raw("sort");
        if (v == null) {
            return FlowRunSort.ID_DESC;
        }
        if (v.isTextual()) {
            for (FlowRunSort s : FlowRunSort.values()) {
                if (s.name().equals(v.textValue())) {
                    return s;
                }
            }
        }
        String expected = Arrays.stream(FlowRunSort.values()).map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", "));
        body.problem(body.child("sort"), "Input should be " + expected, "enum");
        return FlowRunSort.ID_DESC;
    }
}
