package dev.flowsweep.service;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The checks a {@link BulkDeleteService} makes before it touches storage, in plain code: the cap is a setting of each
 * service, so it cannot be an annotation. One place for each bound: {@code limit} and a drain's {@code batchSize}
 * 1..cap, {@code actor} at most {@link BulkDeleteRequest#MAX_ACTOR_LENGTH} characters. A failed check is reported as
 * Jakarta Bean Validation reports a violated constraint ({@link ConstraintViolationException}, see
 * {@link PlainViolation}), so that a host maps it like any other.
 */
final class Checks {
    private static final Min AT_LEAST_ONE = PlainViolation.annotationOf(BulkDeleteRequest.class, "limit", Min.class);
    private static final Size ACTOR_SIZE = PlainViolation.annotationOf(BulkDeleteRequest.class, "actor", Size.class);

    private Checks() {
    }

    /** {@code limit} null or 1..cap, {@code actor} null or not too long; both reported when both are wrong. */
    static void request(BulkDeleteRequest request, int limitCap) {
        Objects.requireNonNull(request, "request");
        if (limitCap < 1) {
            throw new IllegalArgumentException("limitCap must be at least 1, was " + limitCap);
        }
        List<ConstraintViolation<?>> violations = new ArrayList<>(2);
        actor(request.actor(), request, violations);
        Integer limit = request.limit();
        if (limit != null) {
            range("limit", limit, limitCap, request, violations);
        }
        throwIfAny(violations);
    }

    /** A drain's batch size: 1..cap. */
    static void batchSize(int batchSize, int limitCap) {
        List<ConstraintViolation<?>> violations = new ArrayList<>(1);
        range("batchSize", batchSize, limitCap, null, violations);
        throwIfAny(violations);
    }

    /** An actor given without a request (a drain, a single delete): null or not too long. */
    static void actor(String actor) {
        List<ConstraintViolation<?>> violations = new ArrayList<>(1);
        actor(actor, null, violations);
        throwIfAny(violations);
    }

    private static void actor(String actor, Object rootBean, List<ConstraintViolation<?>> violations) {
        if (actor != null && actor.length() > BulkDeleteRequest.MAX_ACTOR_LENGTH) {
            violations.add(new PlainViolation("actor", actor, rootBean, ACTOR_SIZE,
                    "actor must be at most " + BulkDeleteRequest.MAX_ACTOR_LENGTH + " characters long"));
        }
    }

    private static void range(String property, int value, int cap, Object rootBean,
                              List<ConstraintViolation<?>> violations) {
        if (value >= 1 && value <= cap) {
            return;
        }
        String message = property + " must be between 1 and " + cap + ", was " + value;
        violations.add(new PlainViolation(property, value, rootBean,
                value < 1 ? AT_LEAST_ONE : PlainViolation.max(cap), message));
    }

    private static void throwIfAny(List<ConstraintViolation<?>> violations) {
        if (violations.isEmpty()) {
            return;
        }
        String message = violations.stream().map(ConstraintViolation::getMessage).collect(Collectors.joining("; "));
        throw new ConstraintViolationException(message, new java.util.LinkedHashSet<>(violations));
    }
}
