package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.model.Log;
import dev.flowsweep.spi.FlowsweepStorage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Logs: create (a list, answered 201 with no body as Prefect does), filter and count by {@code flow_run_id.any_}.
 * Logs of deleted runs disappear in the background, after the bulk delete answered.
 */
final class LogHandlers {
    private static final int MAX_FILTER_LIMIT = 200;

    private final FlowsweepStorage storage;
    private final ServerJson json;

    LogHandlers(FlowsweepStorage storage, ServerJson json) {
        this.storage = storage;
        this.json = json;
    }

    void register(Router router) {
        router.post("/logs", this::create);
        router.post("/logs/filter", this::filter);
        router.post("/logs/count", this::count);
    }

    Response create(Request request) {
        JsonNode body = request.json();
        if (!body.isArray()) {
            throw ApiException.invalid(new Problem(List.of("body"), "Input should be a valid list", "list_type"));
        }
        List<Problem> problems = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Log log = ModelJson.readLogCreate(json, body.get(i), List.of("body", i), problems);
            if (log != null) {
                logs.add(log);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        storage.inTransaction(tx -> {
            tx.logs().insert(logs);
            return null;
        });
        return Response.empty(201);
    }

    Response filter(Request request) {
        JsonBody body = JsonBody.of(request.json());
        List<UUID> flowRunIds = readFlowRunIds(body);
        Integer limit = body.optionalInt("limit", 0, MAX_FILTER_LIMIT);
        Integer offset = body.optionalInt("offset", 0, null);
        JsonNode sort = body.raw("sort");
        if (sort != null && !(sort.isTextual() && sort.textValue().equals("TIMESTAMP_ASC"))) {
            body.problem(body.child("sort"), "Input should be 'TIMESTAMP_ASC' (the only order supported)", "enum");
        }
        body.done();
        int max = limit == null ? MAX_FILTER_LIMIT : limit;
        if (max == 0 || (flowRunIds != null && flowRunIds.isEmpty())) {
            return Response.ok(List.of());
        }
        List<Log> logs = storage.inTransaction(tx -> tx.logs().find(flowRunIds, max, offset == null ? 0 : offset));
        return Response.ok(logs);
    }

    Response count(Request request) {
        JsonBody body = JsonBody.of(request.json());
        List<UUID> flowRunIds = readFlowRunIds(body);
        body.done();
        if (flowRunIds != null && flowRunIds.isEmpty()) {
            return Response.ok(0);
        }
        return Response.ok(storage.inTransaction(tx -> tx.logs().count(flowRunIds)));
    }

    /** {@code logs.flow_run_id.any_}: null when not given (every log); an empty list matches none. */
    private static List<UUID> readFlowRunIds(JsonBody body) {
        JsonBody logs = body.object("logs");
        JsonBody flowRunId = logs.object("flow_run_id");
        JsonNode any = flowRunId.raw("any_");
        flowRunId.checkFields();
        logs.checkFields();
        if (any == null) {
            return null;
        }
        List<Object> at = flowRunId.child("any_");
        if (!any.isArray()) {
            body.problem(at, "Input should be a valid list", "list_type");
            return null;
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < any.size(); i++) {
            List<Object> itemAt = new ArrayList<>(at);
            itemAt.add(i);
            UUID id = body.uuidValue(any.get(i), itemAt);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
