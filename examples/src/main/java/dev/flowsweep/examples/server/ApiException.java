package dev.flowsweep.examples.server;

import java.util.List;
import java.util.Map;

/**
 * An answer other than success, thrown by a handler and turned into JSON by {@link ErrorMapper}:
 * a 422 carries {@link Problem}s, every other status a {@code detail} text.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final List<Problem> problems;
    private final Map<String, String> headers;

    private ApiException(int status, String detail, List<Problem> problems, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    /** 422: the request is invalid; nothing was changed. */
    public static ApiException invalid(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid request needs at least one problem");
        }
        return new ApiException(422, "Invalid request received.", problems, Map.of());
    }

    public static ApiException invalid(Problem problem) {
        return invalid(List.of(problem));
    }

    /** An answer {@code {"detail": …}} with this status. */
    public static ApiException detail(int status, String detail) {
        return new ApiException(status, detail, List.of(), Map.of());
    }

    public static ApiException notFound(String detail) {
        return detail(404, detail);
    }

    public static ApiException conflict(String detail) {
        return detail(409, detail);
    }

    /** The same answer with one more response header. */
    public ApiException withHeader(String name, String value) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new ApiException(status, getMessage(), problems, h);
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    public List<Problem> problems() {
        return problems;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
