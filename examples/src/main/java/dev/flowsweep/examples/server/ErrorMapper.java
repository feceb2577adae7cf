package dev.flowsweep.examples.server;

import dev.flowsweep.spi.FlowsweepCommitUnknownException;
import dev.flowsweep.spi.FlowsweepConflictException;
import dev.flowsweep.spi.FlowsweepStatementTimeoutException;
import dev.flowsweep.spi.FlowsweepStorageException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a handler threw into Prefect's error answers:
 * <ul>
 *   <li>422: {@code {"exception_message": "Invalid request received.", "exception_detail": [{"loc", "msg", "type"}],
 *       "request_body": …}} for an invalid request ({@link ApiException#invalid}, a Jakarta constraint violation);</li>
 *   <li>{@code {"detail": "…"}} for the rest: 404, 405, 409 (an integrity conflict from storage), 413, and for a
 *       storage failure, by what the caller may do about it (Prefect's client retries 503 by itself):
 *       <ul>
 *         <li>{@link FlowsweepCommitUnknownException} (the connection was lost while the commit was in flight: the
 *             request may or may not have been carried out, and repeating it is safe): 503, {@code Retry-After: 1};</li>
 *         <li>{@link FlowsweepStatementTimeoutException} (rolled back, nothing changed): 503, {@code Retry-After: 5};</li>
 *         <li>any other transient one ({@link FlowsweepStorageException#isTransient()}: a deadlock, lock timeout or
 *             lost connection that outlasted the retries; nothing changed): 503, {@code Retry-After: 1};</li>
 *         <li>any other: 500;</li>
 *       </ul>
 *       and 500 for a bug — with a short message; the stack trace goes to the server's log only.</li>
 * </ul>
 */
final class ErrorMapper {
    static final String COMMIT_UNKNOWN = "The database connection was lost while the commit was in flight: the "
            + "request may or may not have been carried out (a bulk delete deletes all its runs or none). Repeating the "
            + "same request is safe.";
    static final String STATEMENT_TIMEOUT = "The database did not finish within the statement timeout: the request "
            + "was rolled back, nothing was deleted or changed; try again later or with a smaller limit.";
    static final String STORAGE_BUSY = "Storage busy or unreachable (a deadlock, lock timeout or lost database "
            + "connection outlasted the retries): nothing was changed; try again.";

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    Response toResponse(Throwable error, Request request) {
        if (error instanceof ApiException api) {
            return fromApi(api, request);
        }
        if (error instanceof ConstraintViolationException cve) {
            return fromApi(ApiException.invalid(problemsOf(cve)), request);
        }
        ApiException fromModule = ModelJson.invalidRequest(error);
        if (fromModule != null) {
            return fromApi(fromModule, request);
        }
        if (error instanceof FlowsweepConflictException conflict) {
            return detail(409, conflict.getMessage(), Map.of());
        }
        if (error instanceof FlowsweepCommitUnknownException unknown) {
            log.warn("Commit outcome unknown, answered 503: {}", unknown.toString());
            return detail(503, COMMIT_UNKNOWN, Map.of("Retry-After", "1"));
        }
        if (error instanceof FlowsweepStatementTimeoutException timeout) {
            log.warn("Statement timeout, answered 503: {}", timeout.toString());
            return detail(503, STATEMENT_TIMEOUT, Map.of("Retry-After", "5"));
        }
        if (error instanceof FlowsweepStorageException storage && storage.isTransient()) {
            // A deadlock, lock timeout or lost connection (after the retries, where the server retries): worth trying
            // again. Prefect's client retries 503 by itself; a 500 it would not.
            log.warn("Storage busy, answered 503: {}", storage.toString());
            return detail(503, STORAGE_BUSY, Map.of("Retry-After", "1"));
        }
        if (error instanceof FlowsweepStorageException storage) {
            log.error("Storage failure", storage);
            return detail(500, "Storage failure: the request was not completed", Map.of());
        }
        log.error("Unexpected error", error);
        return detail(500, "Internal Server Error", Map.of());
    }

    private static Response fromApi(ApiException api, Request request) {
        if (api.problems().isEmpty()) {
            return detail(api.status(), api.detail(), api.headers());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exception_message", "Invalid request received.");
        body.put("exception_detail", api.problems());
        body.put("request_body", request == null ? null : request.echo());
        Response r = Response.json(api.status(), body);
        for (Map.Entry<String, String> h : api.headers().entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        return r;
    }

    private static Response detail(int status, String detail, Map<String, String> headers) {
        Response r = Response.json(status, Map.of("detail", detail == null ? "" : detail));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        return r;
    }

    /** A violation of {@code limit} in the service becomes a problem at {@code ["body", "limit"]}. */
    private static List<Problem> problemsOf(ConstraintViolationException e) {
        List<Problem> problems = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            String field = null;
            for (Path.Node node : v.getPropertyPath()) {
                field = node.getName(); // the leaf, e.g. "limit"
            }
            List<Object> loc = field == null ? List.of("body") : List.of("body", field);
            problems.add(new Problem(loc, v.getMessage(), typeOf(v)));
        }
        return problems;
    }

    /** Pydantic's code for a Jakarta constraint: a range violated below or above, or a generic value error. */
    private static String typeOf(ConstraintViolation<?> v) {
        String annotation = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (annotation) {
            case "Min", "Positive", "PositiveOrZero", "DecimalMin" -> "greater_than_equal";
            case "Max", "DecimalMax" -> "less_than_equal";
            case "Range" -> {
                Object min = v.getConstraintDescriptor().getAttributes().get("min");
                boolean below = min instanceof Number m && v.getInvalidValue() instanceof Number n
                        && n.longValue() < m.longValue();
                yield below ? "greater_than_equal" : "less_than_equal";
            }
            case "Size" -> "too_long";
            default -> "value_error";
        };
    }
}
