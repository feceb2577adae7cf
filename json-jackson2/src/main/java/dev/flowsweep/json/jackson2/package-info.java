/**
 * Flowsweep's JSON on Jackson 2 ({@code com.fasterxml.jackson}):
 * {@link dev.flowsweep.json.jackson2.FlowsweepJacksonModule} for your {@code ObjectMapper},
 * {@link dev.flowsweep.json.jackson2.FlowsweepJson} ready made, and
 * {@link dev.flowsweep.json.jackson2.FlowsweepJsonException} for bad input. The rules, the wire records and the problem
 * model are flowsweep-json's ({@code Wire}, {@code Shapes}, {@code JsonProblem}, {@code JsonOptions}); only the
 * Jackson 2 glue is here, as only the Jackson 3 glue is in {@code dev.flowsweep.json.jackson3}.
 */
package dev.flowsweep.json.jackson2;
