package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.body.LogCountQuery;
import dev.flowsweep.examples.server.body.LogQuery;
import dev.flowsweep.model.Log;
import dev.flowsweep.service.TransientRetries;
import dev.flowsweep.spi.FlowsweepStorage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Logs: create (a list, answered 201 with no body as Prefect does), filter and count by {@code flow_run_id.any_}.
 * Logs of deleted runs disappear in the background, after the bulk delete answered.
 */
final class LogHandlers {
    private final FlowsweepStorage storage;
    private final TransientRetries writes;
    private final ServerJson json;

    LogHandlers(FlowsweepStorage storage, TransientRetries writes, ServerJson json) {
        this.storage = storage;
        this.writes = writes;
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
        writes.inTransaction(tx -> {
            tx.logs().insert(logs);
            return null;
        });
        return Response.empty(201);
    }

    Response filter(Request request) {
        LogQuery query = ModelJson.readBody(json, request.json(), LogQuery.class);
        List<UUID> runs = query.flowRunIds();
        if (query.limit() == 0 || (runs != null && runs.isEmpty())) {
            return Response.ok(List.of());
        }
        return Response.ok(storage.inTransaction(tx -> tx.logs().find(runs, query.limit(), query.offset())));
    }

    Response count(Request request) {
        List<UUID> runs = ModelJson.readBody(json, request.json(), LogCountQuery.class).flowRunIds();
        if (runs != null && runs.isEmpty()) {
            return Response.ok(0);
        }
        return Response.ok(storage.inTransaction(tx -> tx.logs().count(runs)));
    }
}
