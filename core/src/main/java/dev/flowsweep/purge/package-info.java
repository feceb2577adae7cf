/**
 * Asynchronous purge of the logs of deleted flow runs.
 *
 * <p>A bulk delete enqueues one purge per deleted run in its own transaction
 * ({@link dev.flowsweep.spi.PurgeQueueStore#enqueue}); {@link dev.flowsweep.purge.LogPurger} carries the purges out
 * in the background, in bounded batches, with retries, and never drops one. In the JDBC adapter the queue is a
 * table, so purges survive a restart and are shared by every instance that uses the database.
 */
package dev.flowsweep.purge;
