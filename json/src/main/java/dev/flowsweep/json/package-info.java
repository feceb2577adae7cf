/**
 * Flowsweep's JSON: Prefect's wire format for Flowsweep's types, read strictly and written exactly, on Jackson 2.
 * The format, its rules and the problem codes are described in the module's {@code README.md}.
 *
 * <ul>
 *   <li>{@link dev.flowsweep.json.FlowsweepJacksonModule}: register on your own {@code ObjectMapper}.</li>
 *   <li>{@link dev.flowsweep.json.FlowsweepJson}: a ready mapper with {@code read}/{@code write} methods, which also
 *       binds your own records by the same rules.</li>
 *   <li>{@link dev.flowsweep.json.FlowsweepJsonException}: the one exception for bad input, with its
 *       {@link dev.flowsweep.json.JsonProblem} ({@code loc}, {@code msg}, {@code type}) for Prefect's 422 body.</li>
 *   <li>{@link dev.flowsweep.json.JsonOptions}: the longest list read, and {@code released_slots} in results.</li>
 *   <li>{@link dev.flowsweep.json.JsonTimes}: the time format, to parse or format times elsewhere.</li>
 * </ul>
 *
 * <p>Layers: the rules are plain Java with jackson-annotations and Jakarta constraints only ({@code Wire},
 * {@link dev.flowsweep.json.JsonTimes}, {@link dev.flowsweep.json.JsonProblem},
 * {@link dev.flowsweep.json.JsonValueException}, {@link dev.flowsweep.json.StateJson}, {@code Shapes}); the
 * Jackson 2 glue ({@code Strict}, the module, {@link dev.flowsweep.json.FlowsweepJson} and the exception) applies
 * them, and a binding for another Jackson would apply the same ones.
 */
package dev.flowsweep.json;
