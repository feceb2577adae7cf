/**
 * Flowsweep's JSON: Prefect's wire format for Flowsweep's types, read strictly and written exactly (the module's
 * {@code README.md} describes the format, its rules and the problem codes), whatever the Jackson. The rules
 * ({@code Wire}, {@code Shapes}, {@link dev.flowsweep.json.JsonTimes}, {@link dev.flowsweep.json.StateJson}), the
 * options ({@link dev.flowsweep.json.JsonOptions}) and the problem model ({@link dev.flowsweep.json.JsonProblem}) are
 * plain Java with jackson-annotations only; this artifact has no Jackson binding. The bindings apply them: on
 * Jackson 2, {@code dev.flowsweep.json.jackson2} ({@code flowsweep-json-jackson2}); on Jackson 3,
 * {@code dev.flowsweep.json.jackson3} ({@code flowsweep-json-jackson3}).
 */
package dev.flowsweep.json;
