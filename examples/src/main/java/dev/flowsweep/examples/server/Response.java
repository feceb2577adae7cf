package dev.flowsweep.examples.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status and a JSON value (or no body). {@link ServerJson} writes the value.
 *
 * @param body    a value Jackson can write (a model, a list, a map, a JsonNode); null with {@code hasBody} false
 *                means no body
 * @param headers extra response headers
 */
public record Response(int status, Object body, boolean hasBody, Map<String, String> headers) {
    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response ok(Object body) {
        return json(200, body);
    }

    public static Response created(Object body) {
        return json(201, body);
    }

    public static Response json(int status, Object body) {
        return new Response(status, body, true, Map.of());
    }

    public static Response noContent() {
        return new Response(204, null, false, Map.of());
    }

    /** A status with an empty body (Prefect answers {@code POST /logs} with 201 and nothing). */
    public static Response empty(int status) {
        return new Response(status, null, false, Map.of());
    }

    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, body, hasBody, h);
    }
}
