/**
 * Flowsweep's Spring Boot auto-configuration: with {@code flowsweep-spring-boot-starter} on the classpath, a
 * {@code DataSource} and {@code flowsweep.*} properties, an application gets
 * <ul>
 *   <li>{@link dev.flowsweep.spring.boot.FlowsweepStorageAutoConfiguration}: the {@code JdbcStorage} (and why a bulk
 *       delete never joins the caller's transaction);</li>
 *   <li>{@link dev.flowsweep.spring.boot.FlowsweepAutoConfiguration}: the log purger, {@code BulkDeleteService},
 *       retention, and {@link dev.flowsweep.spring.boot.FlowsweepLifecycle} that starts and stops them;</li>
 *   <li>{@link dev.flowsweep.spring.boot.FlowsweepMetricsAutoConfiguration}: Micrometer meters (the list is in
 *       {@link dev.flowsweep.spring.boot.metrics.FlowsweepMetrics}): deletions counted and timed, purge transactions
 *       timed, the purge queue, retention runs;</li>
 *   <li>{@link dev.flowsweep.spring.boot.FlowsweepHealthAutoConfiguration}: the Actuator health indicator;</li>
 *   <li>{@link dev.flowsweep.spring.boot.FlowsweepJsonAutoConfiguration}: Flowsweep's types on Spring Boot's JSON
 *       mapper (Jackson 3), read with Flowsweep's strict rules and written in Prefect's format.</li>
 * </ul>
 * The properties are in {@link dev.flowsweep.spring.boot.properties}.
 */
package dev.flowsweep.spring.boot;
