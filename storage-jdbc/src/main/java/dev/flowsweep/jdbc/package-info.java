/**
 * Flowsweep's storage over JDBC: {@link dev.flowsweep.jdbc.JdbcStorage} and its builder, which choose a
 * {@link dev.flowsweep.jdbc.Database} (detected by default) and a {@link dev.flowsweep.jdbc.Layout} of tables
 * independently, and {@link dev.flowsweep.jdbc.SchemaMode}. This is the module's only exported package; everything
 * under {@code dev.flowsweep.jdbc.internal} may change without notice.
 */
package dev.flowsweep.jdbc;
