package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * One HTTP request as a handler sees it: its method, path parameters and body. The HTTP layer ({@link HttpAdapter})
 * has read the body before the handler runs, and answered 413 past {@link HttpLimits#maxBodyBytes()}.
 */
public final class Request {
    /** The default largest body (10 MiB): larger ones are refused with 413 ({@link HttpLimits#maxBodyBytes()}). */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final String method;
    private final ServerJson json;
    private final Map<String, String> pathParams;
    private final byte[] body;
    private JsonNode parsed;

    Request(String method, ServerJson json, Map<String, String> pathParams, byte[] body) {
        this.method = method;
        this.json = json;
        this.pathParams = Map.copyOf(pathParams);
        this.body = body;
    }

    public String method() {
        return method;
    }

    /** A path parameter ({@code {id}} in the route's pattern). */
    public String param(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no path parameter " + name);
        }
        return v;
    }

    /**
     * The path parameter as a UUID, or a 404 with {@code notFoundDetail} when it is not one: an id that is not a UUID
     * names nothing.
     */
    public UUID uuidParam(String name, String notFoundDetail) {
        try {
            return dev.flowsweep.model.Uuids.parseCanonical(param(name));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(notFoundDetail);
        }
    }

    /** The raw body (empty when there is none). */
    public byte[] bytes() {
        return body;
    }

    /** The body as JSON ({@link NullNode} when empty); 422 {@code json_invalid} when it is not JSON. */
    public JsonNode json() {
        if (parsed == null) {
            byte[] b = bytes();
            parsed = b.length == 0 ? NullNode.getInstance() : json.parseBody(b);
        }
        return parsed;
    }

    /**
     * What a 422 answer echoes as {@code request_body}: the parsed JSON when the body is JSON, else its text cut to
     * 1 KiB, or null when there is no body.
     */
    Object echo() {
        if (parsed != null) {
            return parsed;
        }
        if (body.length == 0) {
            return null;
        }
        try {
            return json.parseBody(body);
        } catch (ApiException notJson) {
            int n = Math.min(body.length, 1024);
            String text = new String(body, 0, n, StandardCharsets.UTF_8);
            // A cut in the middle of a multi-byte character decodes to U+FFFD: drop it.
            if (n < body.length && text.endsWith("\uFFFD")) {
                text = text.substring(0, text.length() - 1);
            }
            return text;
        }
    }
}
