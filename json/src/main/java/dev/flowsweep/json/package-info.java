/**
 * Flowsweep's JSON: Prefect's wire format for Flowsweep's types, read strictly and written exactly (the module's
 * {@code README.md} describes the format, its rules and the problem codes). On Jackson 2:
 * {@link dev.flowsweep.json.FlowsweepJacksonModule} for your mapper, {@link dev.flowsweep.json.FlowsweepJson} ready
 * made, {@link dev.flowsweep.json.FlowsweepJsonException} for bad input. The rules ({@code Wire}, {@code Shapes},
 * {@link dev.flowsweep.json.JsonTimes}, {@link dev.flowsweep.json.StateJson}, {@link dev.flowsweep.json.JsonProblem})
 * are plain Java with jackson-annotations only, shared with the Jackson 3 binding ({@code flowsweep-json-jackson3}).
 */
package dev.flowsweep.json;
