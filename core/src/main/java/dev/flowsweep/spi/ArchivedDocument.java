package dev.flowsweep.spi;

import java.time.Instant;
import java.util.UUID;

/**
 * One archived row: a JSON document holding a deleted row's columns (docs/CONTRACT.md, "Archive").
 *
 * @param id         the archive row's id, increasing in the order rows were archived
 * @param batchId    the archive batch (one deleting transaction, or the purge that archived logs for it)
 * @param reason     the deletion reason's audit code
 * @param actor      nullable
 * @param archivedAt when the row was archived (UTC, microseconds)
 * @param kind       the table the row came from, without prefix: {@code flow_run}, {@code task_run}, {@code log}, and
 *                   on Prefect's layout {@code flow_run_state}, {@code task_run_state}
 * @param sourceId   the id of the archived row
 * @param document   the row as a JSON object: field names are column names, times ISO-8601 UTC strings
 */
public record ArchivedDocument(long id, UUID batchId, String reason, String actor, Instant archivedAt, String kind,
                               String sourceId, String document) {
}
