package dev.flowsweep.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flowsweep.examples.server.body.LogCreate;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import dev.flowsweep.model.Log;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the server meets Flowsweep's JSON binding ({@code flowsweep-json-jackson2}): it reads filters and the bodies
 * strictly and writes the model in Prefect's shapes (a run with its nested {@code "state"}); this class puts the
 * binding's problems under the request's {@code loc}, e.g. {@code ["body", "flow_runs", …]}.
 */
final class ModelJson {
    private ModelJson() {
    }

    /**
     * A whole body read by the binding, e.g. {@code FlowRunCreate} for {@code POST /flow_runs}; an empty body reads
     * as {@code {}} (so a required field is reported {@code missing}); 422 when invalid.
     */
    static <T> T readBody(ServerJson json, JsonNode body, Class<T> type) {
        JsonNode node = body == null || body.isNull() ? JsonNodeFactory.instance.objectNode() : body;
        try {
            return json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(prefixed(e, List.of("body")));
        }
    }

    /** One element of the body of {@code POST /logs}; null (with problems recorded) when invalid. */
    static Log readLogCreate(ServerJson json, JsonNode node, List<Object> loc, List<Problem> problems) {
        try {
            return json.mapper().treeToValue(node, LogCreate.class).toLog();
        } catch (JsonProcessingException e) {
            problems.addAll(prefixed(e, loc));
            return null;
        }
    }

    /** A 422 for an error of the JSON binding that reached the error mapper, or null for anything else. */
    static ApiException invalidRequest(Throwable error) {
        if (error instanceof FlowsweepJsonException e) {
            return ApiException.invalid(prefixed(e, List.of("body")));
        }
        return null;
    }

    /** The module's problems, each with {@code loc} put in front of its own. */
    static List<Problem> prefixed(JsonProcessingException e, List<Object> loc) {
        List<Problem> out = new ArrayList<>();
        for (JsonProblem p : FlowsweepJsonException.problemsOf(e)) {
            List<Object> full = new ArrayList<>(loc);
            full.addAll(p.loc());
            out.add(new Problem(full, p.msg(), p.type()));
        }
        return out;
    }
}
