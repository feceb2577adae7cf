package dev.flowsweep.validation;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.service.BulkDeleteRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BulkDeleteValidatorTest {
    private static final BulkDeleteValidator DEFAULT_CAP = new BulkDeleteValidator(200);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 199, 200})
    void acceptsLimitsWithinOneToCap(int limit) {
        assertDoesNotThrow(() -> DEFAULT_CAP.validate(BulkDeleteRequest.of(null, limit)));
    }

    @Test
    void acceptsAbsentLimitMeaningTheCap() {
        assertDoesNotThrow(() -> DEFAULT_CAP.validate(BulkDeleteRequest.of(FlowRunFilter.matchAll())));
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 201, Integer.MAX_VALUE})
    void refusesLimitsOutsideOneToCapNamingValueAndRange(int limit) {
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> DEFAULT_CAP.validate(BulkDeleteRequest.of(null, limit)));

        ConstraintViolation<?> violation = single(e);
        assertEquals("limit", violation.getPropertyPath().toString());
        assertEquals(limit, violation.getInvalidValue());
        assertEquals("limit must be between 1 and 200, was " + limit, violation.getMessage());
        assertEquals("limit must be between 1 and 200, was " + limit, e.getMessage());
    }

    @Test
    void capIsPerValidator() {
        BulkDeleteValidator cap50 = new BulkDeleteValidator(50);

        assertDoesNotThrow(() -> cap50.validate(BulkDeleteRequest.of(null, 50)));
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> cap50.validate(BulkDeleteRequest.of(null, 51)));
        assertEquals("limit must be between 1 and 50, was 51", single(e).getMessage());
        assertEquals(50, cap50.limitCap());
    }

    @Test
    void refusesActorLongerThan255Characters() {
        assertDoesNotThrow(() -> DEFAULT_CAP.validate(new BulkDeleteRequest(null, 1, "a".repeat(255))));

        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> DEFAULT_CAP.validate(new BulkDeleteRequest(null, 1, "a".repeat(256))));
        ConstraintViolation<?> violation = single(e);
        assertEquals("actor", violation.getPropertyPath().toString());
        assertEquals("actor must be at most 255 characters long", violation.getMessage());
    }

    @Test
    void reportsEveryViolationInPathOrder() {
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> DEFAULT_CAP.validate(new BulkDeleteRequest(null, 0, "a".repeat(300))));

        assertEquals(2, e.getConstraintViolations().size());
        assertEquals("actor must be at most 255 characters long; limit must be between 1 and 200, was 0",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 201})
    void refusesBatchSizesOutsideOneToCap(int batchSize) {
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> DEFAULT_CAP.validateBatchSize(batchSize));

        ConstraintViolation<?> violation = single(e);
        assertEquals("batchSize", violation.getPropertyPath().toString());
        assertEquals("batchSize must be between 1 and 200, was " + batchSize, violation.getMessage());
    }

    @Test
    void acceptsBatchSizesWithinOneToCap() {
        assertDoesNotThrow(() -> DEFAULT_CAP.validateBatchSize(1));
        assertDoesNotThrow(() -> DEFAULT_CAP.validateBatchSize(200));
    }

    @Test
    void refusesCapBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BulkDeleteValidator(0));
        assertEquals("limitCap must be at least 1, was 0", e.getMessage());
    }

    @Test
    void refusesNullRequest() {
        assertThrows(NullPointerException.class, () -> DEFAULT_CAP.validate(null));
    }

    private static ConstraintViolation<?> single(ConstraintViolationException e) {
        assertEquals(1, e.getConstraintViolations().size(), () -> "violations: " + e.getConstraintViolations());
        return e.getConstraintViolations().iterator().next();
    }
}
