package dev.flowsweep.validation;

import dev.flowsweep.service.BulkDeleteRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.defs.RangeDef;
import org.hibernate.validator.cfg.defs.SizeDef;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates bulk delete requests against one service's cap, with Hibernate Validator.
 *
 * <ul>
 *   <li>{@code limit}: null (meaning "the cap") or 1..cap;
 *       message {@code "limit must be between 1 and 200, was 201"}.</li>
 *   <li>{@code actor}: null or at most {@value #MAX_ACTOR_LENGTH} characters.</li>
 *   <li>a drain's {@code batchSize}: 1..cap; message {@code "batchSize must be between 1 and 200, was 0"}.</li>
 * </ul>
 *
 * <p>Violations are thrown as a {@link ConstraintViolationException} whose {@link ConstraintViolation}s carry the
 * property path ({@code limit}, {@code actor} or {@code batchSize}) and the invalid value, so that a host can
 * map them to its own error format (the HTTP example answers 422). The cap is per instance, so the upper bound
 * is not an annotation on {@link BulkDeleteRequest}: it is added through Hibernate Validator's programmatic
 * constraint mapping when the validator is built (once per instance). The filter is not checked here: it is
 * already valid by construction.
 *
 * <p>Instances are immutable and thread-safe. Building one costs a few milliseconds (Hibernate Validator
 * bootstrap); {@code BulkDeleteService} builds one when it is constructed.
 */
public final class BulkDeleteValidator {
    /** The longest {@code actor} accepted, in UTF-16 characters. */
    public static final int MAX_ACTOR_LENGTH = 255;

    private static final String RANGE_MESSAGE = " must be between {min} and {max}, was " + ValidatedValueInterpolator.TOKEN;

    private final int limitCap;
    private final Validator validator;

    /**
     * @param limitCap the largest {@code limit} and drain batch size accepted, at least 1
     * @throws IllegalArgumentException when {@code limitCap < 1}
     */
    public BulkDeleteValidator(int limitCap) {
        if (limitCap < 1) {
            throw new IllegalArgumentException("limitCap must be at least 1, was " + limitCap);
        }
        this.limitCap = limitCap;
        this.validator = buildValidator(limitCap);
    }

    private static Validator buildValidator(int cap) {
        HibernateValidatorConfiguration configuration = Validation.byProvider(HibernateValidator.class)
                .configure()
                .ignoreXmlConfiguration()
                .messageInterpolator(new ValidatedValueInterpolator(new ParameterMessageInterpolator()));
        ConstraintMapping mapping = configuration.createConstraintMapping();
        // The annotations on BulkDeleteRequest (@Min(1), @Size(max = 255)) are replaced by single constraints
        // that know the cap, so that one violation names the whole range.
        mapping.type(BulkDeleteRequest.class)
                .field("limit").ignoreAnnotations(true)
                .constraint(new RangeDef().min(1).max(cap).message("limit" + RANGE_MESSAGE))
                .field("actor").ignoreAnnotations(true)
                .constraint(new SizeDef().max(MAX_ACTOR_LENGTH)
                        .message("actor must be at most {max} characters long"));
        mapping.type(DrainBatchSize.class)
                .field("batchSize")
                .constraint(new RangeDef().min(1).max(cap).message("batchSize" + RANGE_MESSAGE));
        configuration.addMapping(mapping);
        // The factory is deliberately never closed: a Validator must not outlive its closed factory, and an
        // open factory holds only caches (no threads, no files).
        ValidatorFactory factory = configuration.buildValidatorFactory();
        return factory.getValidator();
    }

    /** The largest {@code limit} and batch size this validator accepts. */
    public int limitCap() {
        return limitCap;
    }

    /**
     * Checks a request's {@code limit} and {@code actor}.
     *
     * @throws NullPointerException         when {@code request} is null
     * @throws ConstraintViolationException naming {@code limit} and/or {@code actor} when they are invalid
     */
    public void validate(BulkDeleteRequest request) {
        Objects.requireNonNull(request, "request");
        throwIfAny(validator.validate(request));
    }

    /**
     * Checks a drain's batch size: 1..cap.
     *
     * @throws ConstraintViolationException naming {@code batchSize} when it is outside 1..cap
     */
    public void validateBatchSize(int batchSize) {
        throwIfAny(validator.validate(new DrainBatchSize(batchSize)));
    }

    private static <T> void throwIfAny(Set<ConstraintViolation<T>> violations) {
        if (violations.isEmpty()) {
            return;
        }
        // Stable order (by property path) so that the exception message does not depend on hash order.
        Set<ConstraintViolation<?>> ordered = violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String message = ordered.stream().map(ConstraintViolation::getMessage).collect(Collectors.joining("; "));
        throw new ConstraintViolationException(message, ordered);
    }
}
