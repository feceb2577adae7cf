/**
 * Retention: keep the database small without thinking about it. A {@link dev.flowsweep.retention.RetentionPolicy}
 * says which runs to delete regularly (by default finished top-level runs that ended more than a given time ago);
 * a {@link dev.flowsweep.retention.RetentionService} runs policies on a schedule, in batches through
 * {@code BulkDeleteService}, never two runs of one policy at once, and on a shared database never on two instances at
 * once (a lease row, see {@link dev.flowsweep.spi.LeaseStore}). It also sweeps orphaned logs.
 */
package dev.flowsweep.retention;
