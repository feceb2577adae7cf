package dev.flowsweep.examples.server;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id of {@code X-Request-Id}: the client's own when it sent exactly one that is sane (1 to 128 letters,
 * digits and {@code . _ : + / = @ -}; e.g. a proxy's UUID), else a new random UUID. Echoed in the answer's header,
 * in every error body ({@code "request_id"}) and in the access log.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:+/=@-]{1,128}");

    private RequestIds() {
    }

    /** The id for a request whose {@code X-Request-Id} values are these (none: an empty list or null). */
    static String of(List<String> given) {
        if (given != null && given.size() == 1 && SANE.matcher(given.get(0)).matches()) {
            return given.get(0);
        }
        return generate();
    }

    static String generate() {
        return UUID.randomUUID().toString();
    }
}
