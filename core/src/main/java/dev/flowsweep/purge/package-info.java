/**
 * Asynchronous purge of the logs of deleted flow runs.
 *
 * <p>A bulk delete enqueues one purge per deleted run in its own transaction
 * ({@link dev.flowsweep.spi.PurgeQueueStore#enqueue}) and, after commit, tells the purge through
 * {@link dev.flowsweep.purge.PurgeWakeUp} which runs it queued; {@link dev.flowsweep.purge.LogPurger} carries the
 * purges out in the background, in bounded batches, with retries, and never drops one. In the JDBC adapter the queue
 * is a table, so purges survive a restart and are shared by every instance that uses the database.
 *
 * <p>What lives where: {@code LogPurger} (the public entry: lifecycle, observation, settings); {@code PurgeScheduler}
 * (when a pass runs: start, hand-offs, wake-ups, polling, retry wake-ups); {@code HandOff} (the runs handed over
 * in process after a commit); {@code PurgeRunner} (one pass: the runs handed over, then
 * transactions until nothing is due, one run per transaction after a failure, failures recorded with their {@code Backoff});
 * {@code PurgeTransaction} (what one transaction does: the one replaceable unit, today {@code ClaimByDelete});
 * {@link dev.flowsweep.purge.PurgeListener} (told about every purge transaction, for metrics).
 */
package dev.flowsweep.purge;
