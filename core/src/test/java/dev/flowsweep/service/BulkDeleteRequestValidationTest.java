package dev.flowsweep.service;

import dev.flowsweep.filter.FlowRunFilter;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Iterator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checks of a request against a cap ({@link BulkDeleteRequest#validate(int)}) and of a drain's batch size. */
class BulkDeleteRequestValidationTest {
    private static final int CAP = 200;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 199, 200})
    void acceptsLimitsWithinOneToCap(int limit) {
        assertDoesNotThrow(() -> BulkDeleteRequest.of(null, limit).validate(CAP));
    }

    @Test
    void acceptsAbsentLimitMeaningTheCap() {
        assertDoesNotThrow(() -> BulkDeleteRequest.of(FlowRunFilter.matchAll()).validate(CAP));
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 201, Integer.MAX_VALUE})
    void refusesLimitsOutsideOneToCapNamingValueAndRange(int limit) {
        BulkDeleteRequest request = BulkDeleteRequest.of(null, limit);
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class, () -> request.validate(CAP));

        ConstraintViolation<?> violation = single(e);
        assertEquals("limit", violation.getPropertyPath().toString());
        assertEquals(limit, violation.getInvalidValue());
        assertEquals("limit must be between 1 and 200, was " + limit, violation.getMessage());
        assertEquals("limit must be between 1 and 200, was " + limit, e.getMessage());
        assertSame(request, violation.getRootBean());
    }

    @Test
    void capIsAParameter() {
        assertDoesNotThrow(() -> BulkDeleteRequest.of(null, 50).validate(50));
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> BulkDeleteRequest.of(null, 51).validate(50));
        assertEquals("limit must be between 1 and 50, was 51", single(e).getMessage());
    }

    @Test
    void refusesActorLongerThan255Characters() {
        assertDoesNotThrow(() -> new BulkDeleteRequest(null, 1, "a".repeat(255)).validate(CAP));

        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> new BulkDeleteRequest(null, 1, "a".repeat(256)).validate(CAP));
        ConstraintViolation<?> violation = single(e);
        assertEquals("actor", violation.getPropertyPath().toString());
        assertEquals("actor must be at most 255 characters long", violation.getMessage());
    }

    @Test
    void reportsEveryViolationInPathOrder() {
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> new BulkDeleteRequest(null, 0, "a".repeat(300)).validate(CAP));

        assertEquals(2, e.getConstraintViolations().size());
        assertEquals("actor must be at most 255 characters long; limit must be between 1 and 200, was 0",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 201})
    void refusesBatchSizesOutsideOneToCap(int batchSize) {
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> Checks.batchSize(batchSize, CAP));

        ConstraintViolation<?> violation = single(e);
        assertEquals("batchSize", violation.getPropertyPath().toString());
        assertEquals("batchSize must be between 1 and 200, was " + batchSize, violation.getMessage());
    }

    @Test
    void acceptsBatchSizesWithinOneToCap() {
        assertDoesNotThrow(() -> Checks.batchSize(1, CAP));
        assertDoesNotThrow(() -> Checks.batchSize(200, CAP));
    }

    @Test
    void refusesCapBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BulkDeleteRequest.of(null, 1).validate(0));
        assertEquals("limitCap must be at least 1, was 0", e.getMessage());
    }

    @Test
    void refusesNullRequest() {
        assertThrows(NullPointerException.class, () -> Checks.request(null, CAP));
    }

    // A host maps violations by their path and constraint (the HTTP example answers Pydantic's error codes).

    @Test
    void theViolatedBoundIsTheConstraintOfTheViolation() {
        ConstraintViolationException below = assertThrows(ConstraintViolationException.class,
                () -> BulkDeleteRequest.of(null, 0).validate(CAP));
        ConstraintViolationException above = assertThrows(ConstraintViolationException.class,
                () -> BulkDeleteRequest.of(null, 201).validate(CAP));
        ConstraintViolationException tooLong = assertThrows(ConstraintViolationException.class,
                () -> new BulkDeleteRequest(null, null, "a".repeat(256)).validate(CAP));

        // The bounds that hold whatever the cap are the record's own annotations.
        Min min = (Min) single(below).getConstraintDescriptor().getAnnotation();
        assertEquals(1, min.value());
        assertEquals(1L, single(below).getConstraintDescriptor().getAttributes().get("value"));
        Max max = (Max) single(above).getConstraintDescriptor().getAnnotation();
        assertEquals(Max.class, max.annotationType());
        assertEquals(200, max.value());
        Size size = (Size) single(tooLong).getConstraintDescriptor().getAnnotation();
        assertEquals(BulkDeleteRequest.MAX_ACTOR_LENGTH, size.max());
        assertEquals("actor must be at most {max} characters long",
                single(tooLong).getConstraintDescriptor().getMessageTemplate());
    }

    @Test
    void thePathIsOnePropertyNode() {
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> BulkDeleteRequest.of(null, 0).validate(CAP));

        Iterator<Path.Node> nodes = single(e).getPropertyPath().iterator();
        Path.Node node = nodes.next();
        assertFalse(nodes.hasNext());
        assertEquals("limit", node.getName());
        assertEquals(ElementKind.PROPERTY, node.getKind());
        assertEquals("limit", node.as(Path.PropertyNode.class).getName());
    }

    private static ConstraintViolation<?> single(ConstraintViolationException e) {
        assertEquals(1, e.getConstraintViolations().size(), () -> "violations: " + e.getConstraintViolations());
        return e.getConstraintViolations().iterator().next();
    }
}
