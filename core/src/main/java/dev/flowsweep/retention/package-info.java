/**
 * Retention: keep the database small without thinking about it. A {@link dev.flowsweep.retention.RetentionPolicy}
 * says which runs to delete regularly (by default finished top-level runs that ended more than a given time ago);
 * a {@link dev.flowsweep.retention.RetentionService} runs policies on a schedule, in batches through
 * {@code BulkDeleteService}, never two runs of one policy at once, and on a shared database never on two instances at
 * once (a lease row, see {@link dev.flowsweep.spi.LeaseStore}). It also sweeps orphaned logs.
 *
 * <p>What lives where: {@code RetentionService} (the public entry: operations, status, settings);
 * {@code RetentionSchedule} (the executor and what runs on it); {@code PolicyRunner} (one run of a policy: a
 * {@link dev.flowsweep.batch.BatchLoop} of bulk deletes); {@code OrphanLogSweeper} (the orphaned-log sweep, the same
 * loop over log deletes); {@code LeaseGuard} (acquire, renew, release a lease); {@code Lifecycle} (started, closing,
 * runs in flight). {@link dev.flowsweep.retention.RetentionRunListener} is told about runs and batches.
 */
package dev.flowsweep.retention;
