/**
 * Deletion events: a {@link dev.flowsweep.events.DeletionListener} registered on a
 * {@code BulkDeleteService} is told, after commit, about every bulk delete, single delete, drain batch and
 * retention batch: which runs, why ({@link dev.flowsweep.events.DeletionReason}), by whom, the slots released, the
 * log purges queued and how long the call took. {@link dev.flowsweep.events.Slf4jAuditListener} writes them as audit
 * lines.
 *
 * <h2>What metrics and health checks are built from</h2>
 * Everything a metrics binding or a health indicator needs is public, without reaching into internals:
 * <table>
 *   <caption>Sources</caption>
 *   <tr><th>Measure</th><th>Source</th></tr>
 *   <tr><td>runs deleted, by reason</td><td>{@link dev.flowsweep.events.DeletionEvent#runIds()} and
 *       {@link dev.flowsweep.events.DeletionEvent#reason()}</td></tr>
 *   <tr><td>slots released</td><td>{@link dev.flowsweep.events.DeletionEvent#releasedSlots()}</td></tr>
 *   <tr><td>bulk delete latency</td><td>{@link dev.flowsweep.events.DeletionEvent#elapsed()}</td></tr>
 *   <tr><td>purge pending, failed, age of the oldest</td><td>{@code LogPurger.pendingCount()},
 *       {@code failedCount()}, {@code oldestPendingAge()} (they read the storage: poll them, as gauges)</td></tr>
 *   <tr><td>purge latency, logs purged, purge failures</td><td>{@code dev.flowsweep.purge.PurgeListener}: one
 *       {@code PurgeBatch} per purge transaction</td></tr>
 *   <tr><td>retention batches, last success</td><td>{@code dev.flowsweep.retention.RetentionRunListener}
 *       ({@code onBatch}, {@code onRunFinished}) and {@code RetentionService.status()}</td></tr>
 * </table>
 * Listeners run on the thread that did the work, after it committed; they should be quick, and what they throw is
 * logged and ignored.
 */
package dev.flowsweep.events;
