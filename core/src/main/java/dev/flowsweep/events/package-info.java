/**
 * Deletion events: a {@link dev.flowsweep.events.DeletionListener} registered on a
 * {@code BulkDeleteService} is told, after commit, about every bulk delete, single delete, drain batch and
 * retention batch: which runs, why ({@link dev.flowsweep.events.DeletionReason}), by whom, the slots released and
 * the log purges queued. {@link dev.flowsweep.events.Slf4jAuditListener} writes them as audit lines.
 */
package dev.flowsweep.events;
