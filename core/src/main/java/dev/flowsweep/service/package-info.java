/**
 * The bulk delete engine: {@link dev.flowsweep.service.BulkDeleteService} deletes flow runs by filter
 * ({@code bulkDelete}, {@code dryRun}, {@code deleteById}, {@code drain}), each batch in one storage transaction that
 * orphans subflow runs, deletes task runs and runs, releases concurrency slots and queues the log purge.
 *
 * <p>What lives where: the public API ({@code BulkDeleteService}, {@link dev.flowsweep.service.BulkDeleteRequest},
 * the result and progress records); the checks made before storage is touched, in plain code, reported as Jakarta
 * {@code ConstraintViolationException}s ({@code Checks}, {@code PlainViolation}); the unit of work of one transaction
 * ({@code DeleteTransaction}); the transient-failure retries ({@code TransientRetries}); what follows a commit
 * ({@code AfterCommit}: the purge wake-up with the deleted ids, then the
 * {@link dev.flowsweep.events.DeletionListener}s). A drain is a {@link dev.flowsweep.batch.BatchLoop} of bulk deletes.
 * This package depends on {@code events}, {@code purge} (only {@link dev.flowsweep.purge.PurgeWakeUp}), {@code batch},
 * {@code filter}, {@code model} and the storage SPI; {@code retention} is built on it, never the other way round.
 */
package dev.flowsweep.service;
