package dev.flowsweep.examples.boot;

import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson3.FlowsweepJson3Exception;
import dev.flowsweep.spi.FlowsweepStorageException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Flowsweep's refusals and failures as RFC 9457 problems: the reason, never a stack trace. Spring MVC's own errors
 * are answered as {@link ResponseEntityExceptionHandler} answers them (in place of Boot's problem-details handler).
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** A value out of range ({@code limit} above the cap, an actor too long): 422, naming each. */
    @ExceptionHandler(ConstraintViolationException.class)
    public ProblemDetail invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(ConstraintViolation::getMessage)
                .sorted()
                .collect(Collectors.joining("; "));
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }

    /**
     * A body that Flowsweep's JSON rules refuse (a {@code BulkDeleteRequest} or filter with an unknown key, a string
     * for a number, a bad UUID, ...): 422 with each problem, located in the body as Prefect locates it
     * ({@code {"loc": ["body", "limit"], "msg": "...", "type": "int_type"}}). Any other unreadable body: Spring's 400.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FlowsweepJson3Exception refused) {
                List<JsonProblem> problems = refused.problems().stream().map(p -> p.withLocPrefix("body")).toList();
                ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                        problems.get(0).msg());
                detail.setProperty("problems", problems);
                return handleExceptionInternal(e, detail, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
            }
        }
        return super.handleHttpMessageNotReadable(e, headers, status, request);
    }

    /** A request this API or Flowsweep refuses (no tag, an unknown retention policy): 400. */
    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail refused(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** The database failed (after Flowsweep's retries): 503; nothing was deleted. */
    @ExceptionHandler(FlowsweepStorageException.class)
    public ProblemDetail storage(FlowsweepStorageException e) {
        log.warn("cleanup failed in the storage", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the database failed; nothing was deleted, try again");
    }
}
