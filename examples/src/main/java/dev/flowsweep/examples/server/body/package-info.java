/**
 * The request bodies of the example server's routes other than {@code bulk_delete} (whose body,
 * {@code BulkDeleteRequest}, is core's). They are plain records bound by {@code flowsweep-json}'s rules on Jackson 2
 * ({@code FlowsweepJson.newObjectMapper}, flowsweep-json-jackson2): snake_case names, unknown keys refused, no
 * coercion, and the Jakarta constraints written on them ({@code @NotNull}: required; {@code @Size}, {@code @Min},
 * {@code @Max}). Where the wire shape differs from the record (defaults, Prefect's nested {@code state}, keys accepted
 * only as null), a {@code @JsonCreator} factory reads the wire shape.
 */
package dev.flowsweep.examples.server.body;
