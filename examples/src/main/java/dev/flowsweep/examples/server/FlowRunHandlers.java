package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowsweep.examples.server.body.FlowRunCountQuery;
import dev.flowsweep.examples.server.body.FlowRunCreate;
import dev.flowsweep.examples.server.body.FlowRunQuery;
import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeleteByIdResult;
import dev.flowsweep.service.TransientRetries;
import dev.flowsweep.spi.FlowsweepStorage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Flow runs: create, read, filter, count, delete one, and {@code bulk_delete} — the route the library exists for.
 */
final class FlowRunHandlers {
    private final FlowsweepStorage storage;
    private final TransientRetries writes;
    private final BulkDeleteService service;
    private final ServerJson json;

    FlowRunHandlers(FlowsweepStorage storage, TransientRetries writes, BulkDeleteService service, ServerJson json) {
        this.storage = storage;
        this.writes = writes;
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
        writes.inTransaction(tx -> {
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
        FlowRunQuery query = ModelJson.readBody(json, request.json(), FlowRunQuery.class);
        if (query.limit() == 0) {
            return Response.ok(List.of());
        }
        Criterion criterion = criterionOf(query.filter());
        return Response.ok(storage.inTransaction(tx ->
                tx.flowRuns().find(criterion, query.sort(), query.limit(), query.offset())));
    }

    Response count(Request request) {
        FlowRunCountQuery query = ModelJson.readBody(json, request.json(), FlowRunCountQuery.class);
        Criterion criterion = criterionOf(query.filter());
        return Response.ok(storage.inTransaction(tx -> tx.flowRuns().count(criterion)));
    }

    Response delete(Request request) {
        UUID id = request.uuidParam("id", "Flow run not found");
        if (service.deleteById(id) == DeleteByIdResult.NOT_FOUND) {
            throw ApiException.notFound("Flow run not found");
        }
        return Response.noContent();
    }

    /**
     * The binding checks the body ({@code limit} at least 1); the service checks {@code limit} against its cap and
     * answers a Jakarta violation naming {@code limit}, which the error mapper turns into a 422 at
     * {@code ["body", "limit"]}. Beyond Prefect, {@code "dry_run": true} answers
     * {@code {"deleted": [], "would_delete": [ids]}}: the ids this request would delete now, nothing changed.
     * When the service {@link BulkDeleteService#requireFilter() requires a filter}, one that matches every run is a
     * 422 at {@code ["body", "flow_runs"]} ({@link #filterRequired}), dry run or not, and nothing is deleted.
     */
    Response bulkDelete(Request request) {
        JsonNode body = request.json();
        List<Problem> problems = new ArrayList<>();
        boolean dryRun = false;
        if (body != null && body.isObject() && body.has("dry_run")) {
            JsonNode flag = body.get("dry_run");
            if (flag.isBoolean()) {
                dryRun = flag.booleanValue();
            } else if (!flag.isNull()) {   // null at the top level means the default, false
                problems.add(new Problem(List.of("body", "dry_run"), "Input should be a valid boolean", "bool_type"));
            }
            ObjectNode rest = ((ObjectNode) body).deepCopy();
            rest.remove("dry_run");
            body = rest;
        }
        BulkDeleteRequest deleteRequest;
        try {
            deleteRequest = ModelJson.readBody(json, body, BulkDeleteRequest.class);
        } catch (ApiException e) {
            if (problems.isEmpty() || e.problems().isEmpty()) {
                throw e;
            }
            problems.addAll(e.problems());
            throw ApiException.invalid(problems);
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (service.requireFilter()) {
            filterRequired(deleteRequest.filter());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (dryRun) {
            answer.put("deleted", List.of());
            answer.put("would_delete", service.dryRun(deleteRequest));
            return Response.ok(answer);
        }
        BulkDeleteResult result = service.bulkDelete(deleteRequest);
        answer.put("deleted", result.deleted());
        return Response.ok(answer);
    }

    /**
     * The service's own rule ({@code null} or {@link FlowRunFilter#matchesEverything()}), checked here so that the
     * answer is Prefect's 422 rather than the service's {@code IllegalArgumentException}: pydantic's {@code missing}
     * when there is no filter, {@code value_error} when the filter given has no condition left.
     */
    private static void filterRequired(FlowRunFilter filter) {
        if (filter == null) {
            throw ApiException.invalid(new Problem(List.of("body", "flow_runs"), "Field required: this server "
                    + "requires a filter for bulk_delete, and a bulk delete without one would delete any runs, up to "
                    + "'limit'", "missing"));
        }
        if (filter.matchesEverything()) {
            throw ApiException.invalid(new Problem(List.of("body", "flow_runs"), "Value error, this server requires "
                    + "a filter for bulk_delete, and this one matches every run: it has no condition left (empty "
                    + "sub-filters such as \"name\": {} and empty lists such as \"all_\": [] are dropped)",
                    "value_error"));
        }
    }

    /** The storage's criterion for a filter: null (every run) for no filter or one whose conditions all drop. */
    private static Criterion criterionOf(FlowRunFilter filter) {
        return filter == null ? null : filter.toCriterion().orElse(null);
    }
}
