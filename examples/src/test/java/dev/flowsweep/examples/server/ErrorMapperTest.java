package dev.flowsweep.examples.server;

import dev.flowsweep.spi.FlowsweepCommitUnknownException;
import dev.flowsweep.spi.FlowsweepConflictException;
import dev.flowsweep.spi.FlowsweepStatementTimeoutException;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.FlowsweepTransientException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * How {@link ErrorMapper} answers each storage failure: a conflict 409; a commit in doubt 503 with
 * {@code Retry-After: 1}; a statement timeout 503 with {@code Retry-After: 5}; any other transient failure 503 with
 * {@code Retry-After: 1}; any other 500 — each with its own message, never the exception's.
 */
class ErrorMapperTest {
    private final ErrorMapper mapper = new ErrorMapper();

    @Test
    void conflictIs409WithItsMessage() {
        Response r = mapper.toResponse(new FlowsweepConflictException("flow run exists", new SQLException("dup", "23505")), null);
        assertEquals(409, r.status());
        assertEquals("flow run exists", detail(r));
        assertNull(r.headers().get("Retry-After"));
    }

    @Test
    void commitUnknownIs503RetryAfter1SayingRepeatingIsSafe() {
        Response r = mapper.toResponse(new FlowsweepCommitUnknownException("lost during commit",
                new SQLException("I/O error", "08006")), null);
        assertEquals(503, r.status());
        assertEquals("1", r.headers().get("Retry-After"));
        assertEquals("The database connection was lost while the commit was in flight: the request may or may not "
                + "have been carried out (a bulk delete deletes all its runs or none). Repeating the same request is "
                + "safe.", detail(r));
    }

    @Test
    void statementTimeoutIs503RetryAfter5SayingNothingChanged() {
        Response r = mapper.toResponse(new FlowsweepStatementTimeoutException("statement timeout",
                new SQLException("canceling statement", "57014")), null);
        assertEquals(503, r.status());
        assertEquals("5", r.headers().get("Retry-After"));
        assertEquals("The database did not finish within the statement timeout: the request was rolled back, nothing "
                + "was deleted or changed; try again later or with a smaller limit.", detail(r));
    }

    @Test
    void anyTransientFailureIs503RetryAfter1() {
        String busy = "Storage busy or unreachable (a deadlock, lock timeout or lost database connection outlasted "
                + "the retries): nothing was changed; try again.";
        for (FlowsweepStorageException e : new FlowsweepStorageException[]{
                new FlowsweepTransientException("connection lost", new SQLException("closed", "08003")),
                new FlowsweepStorageException("deadlock detected", new SQLException("deadlock", "40P01"), true)}) {
            Response r = mapper.toResponse(e, null);
            assertEquals(503, r.status(), e::toString);
            assertEquals("1", r.headers().get("Retry-After"), e::toString);
            assertEquals(busy, detail(r), e::toString);
        }
    }

    @Test
    void anyOtherStorageFailureIs500WithAShortMessage() {
        Response r = mapper.toResponse(new FlowsweepStorageException("relation does not exist",
                new SQLException("no table", "42P01")), null);
        assertEquals(500, r.status());
        assertEquals("Storage failure: the request was not completed", detail(r));
        assertNull(r.headers().get("Retry-After"));
        assertFalse(detail(r).contains("relation"));
    }

    private static String detail(Response r) {
        return String.valueOf(((Map<?, ?>) r.body()).get("detail"));
    }
}
