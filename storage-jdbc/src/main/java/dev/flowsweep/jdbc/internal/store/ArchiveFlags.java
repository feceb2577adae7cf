package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.spi.ArchiveBatch;

import java.util.List;
import java.util.UUID;

/**
 * Marks purge queue entries to archive their runs' logs: {@code UPDATE <queue> SET archive_batch_id = ?,
 * archive_reason = ?, archive_actor = ? WHERE flow_run_id IN (…)}, in the deleting transaction, right after the
 * entries were queued (docs/CONTRACT.md, "Archive").
 */
final class ArchiveFlags {
    private ArchiveFlags() {
    }

    static void set(SqlRunner sql, String queue, List<UUID> flowRunIds, ArchiveBatch archive) {
        for (List<UUID> chunk : sql.db().listsPerStatement(flowRunIds)) {
            sql.update("mark log purges to archive", Sql.of("UPDATE " + queue + " SET archive_batch_id = ")
                    .uuid(archive.id()).append(", archive_reason = ").text(archive.reason())
                    .append(", archive_actor = ").text(archive.actor()).append(" WHERE ")
                    .append(sql.db().in("flow_run_id", SqlType.UUID, chunk)));
        }
    }
}
