package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * One HTTP request as a handler sees it: its path parameters and its body, read at most once and
 * refused with 413 past {@link #MAX_BODY_BYTES}.
 */
public final class Request {
    /** Bodies larger than this (10 MiB) are refused with 413. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** How much of a too-large body is read and discarded so that the client gets its 413 (see {@link #tooLarge}). */
    private static final long DISCARD_LIMIT = 4L * MAX_BODY_BYTES;

    private final HttpExchange exchange;
    private final ServerJson json;
    private final Map<String, String> pathParams;
    private byte[] body;
    private JsonNode parsed;

    Request(HttpExchange exchange, ServerJson json, Map<String, String> pathParams) {
        this.exchange = exchange;
        this.json = json;
        this.pathParams = Map.copyOf(pathParams);
    }

    public String method() {
        return exchange.getRequestMethod();
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

    /** The raw body; 413 when it is over 10 MiB, by its Content-Length or by what was read. */
    public byte[] bytes() {
        if (body == null) {
            body = readBody();
        }
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
     * 1 KiB, or null when there is no body (or it was never read because it was too large).
     */
    Object echo() {
        if (parsed != null) {
            return parsed;
        }
        if (body == null || body.length == 0) {
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

    private byte[] readBody() {
        try (InputStream in = exchange.getRequestBody()) {
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && declaredLength(declared) > MAX_BODY_BYTES) {
                throw tooLarge(in);
            }
            // Counts while reading: a chunked body has no Content-Length, and a declared one may lie.
            byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
            if (b.length > MAX_BODY_BYTES) {
                throw tooLarge(in);
            }
            return b;
        } catch (IOException e) {
            throw ApiException.detail(400, "Could not read the request body");
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw ApiException.detail(400, "Invalid Content-Length header");
        }
    }

    /**
     * The 413 answer. Most clients read an answer only once they have sent their whole body, and a connection
     * closed under them loses it: so up to {@link #DISCARD_LIMIT} more bytes are read and thrown away (never kept)
     * before answering; past that the connection is simply closed.
     */
    private static ApiException tooLarge(InputStream in) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long discarded = 0;
        int n;
        while (discarded < DISCARD_LIMIT && (n = in.read(sink)) > 0) {
            discarded += n;
        }
        return ApiException.detail(413, "Request body is larger than " + (MAX_BODY_BYTES / (1024 * 1024)) + " MiB");
    }
}
