/**
 * Validation of requests before any storage is touched.
 *
 * <p>{@link dev.flowsweep.validation.BulkDeleteValidator} checks a
 * {@link dev.flowsweep.service.BulkDeleteRequest} against a service's cap with Hibernate Validator and reports
 * violations as a Jakarta {@link jakarta.validation.ConstraintViolationException}, whose violations carry the
 * property path ({@code limit}, {@code actor}, {@code batchSize}) and a message naming the value and the range.
 * No Expression Language implementation is needed: messages are interpolated by Hibernate Validator's
 * {@code ParameterMessageInterpolator}.
 */
package dev.flowsweep.validation;
