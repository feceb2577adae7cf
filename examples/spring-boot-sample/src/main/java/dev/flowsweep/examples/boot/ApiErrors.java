package dev.flowsweep.examples.boot;

import dev.flowsweep.spi.FlowsweepStorageException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.stream.Collectors;

/** Flowsweep's refusals and failures as RFC 9457 problems: the reason, never a stack trace. */
@RestControllerAdvice
public class ApiErrors {
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
