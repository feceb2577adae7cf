/**
 * Flowsweep's JSON on Jackson 3 ({@code tools.jackson}), for Spring Boot 4's mapper and any other Jackson 3 host:
 * {@link dev.flowsweep.json.jackson3.FlowsweepJackson3Module} for your {@code JsonMapper} and
 * {@link dev.flowsweep.json.jackson3.FlowsweepJson3Exception} for bad input. The rules, the wire records and the
 * problem model are flowsweep-json's ({@code Wire}, {@code Shapes}, {@code JsonProblem}); only the Jackson 3 glue is
 * here, and jackson-databind 2 is not needed at run time.
 */
package dev.flowsweep.json.jackson3;
