/**
 * The building blocks of work done in batches: {@link dev.flowsweep.batch.BatchLoop}, the loop of one run (stop
 * conditions, time budget, totals) under a drain, a retention policy's run and the orphaned-log sweep; and
 * {@link dev.flowsweep.batch.BatchExecutor}, the host's executor or a thread of the component's own, for the
 * background components (the log purger, the retention service). Nothing here touches storage.
 */
package dev.flowsweep.batch;
