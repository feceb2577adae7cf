package dev.flowsweep.jdbc.internal.layout.prefect;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What a Prefect server leaves behind when it deletes runs, and Flowsweep deletes in the same transaction: the runs'
 * artifacts ({@code artifact.flow_run_id} has no foreign key; Prefect's vacuum removes them later, when it is on), and
 * the {@code artifact_collection} rows whose {@code latest_id} was one of them, fixed as Prefect's
 * {@code _reconcile_artifact_collections} fixes them: pointed at the newest remaining artifact of the same key, with the
 * fields Prefect copies from it, or deleted when no artifact of that key is left. Three statements whatever the number
 * of runs or artifacts.
 */
final class Artifacts {
    private static final String COPIED = "latest_id, data, description, type, created, updated, flow_run_id, "
            + "task_run_id, metadata_";

    private final DatabaseEngine db;

    Artifacts(DatabaseEngine db) {
        this.db = db;
    }

    /**
     * How many artifacts of {@code flowRunIds} (non-empty) a delete would remove, and how many collections it would
     * delete: those pointing at one of them with no artifact of their key left outside these runs.
     */
    long[] countOfRuns(SqlRunner sql, Collection<UUID> flowRunIds) {
        long artifacts = sql.query("count the runs' artifacts", Sql.of("SELECT COUNT(*) FROM artifact WHERE ")
                .append(db.in("flow_run_id", SqlType.UUID, flowRunIds)), row -> row.bigint(1)).get(0);
        if (artifacts == 0) {
            return new long[]{0, 0};
        }
        long collections = sql.query("count the artifact collections left without an artifact",
                Sql.of("SELECT COUNT(*) FROM artifact_collection c WHERE c.latest_id IN (SELECT a.id FROM artifact a"
                                + " WHERE ").append(db.in("a.flow_run_id", SqlType.UUID, flowRunIds))
                        .append(") AND NOT EXISTS (SELECT 1 FROM artifact o WHERE o.key = c.key AND (o.flow_run_id IS"
                                + " NULL OR NOT ").append(db.in("o.flow_run_id", SqlType.UUID, flowRunIds)).append("))"),
                row -> row.bigint(1)).get(0);
        return new long[]{artifacts, collections};
    }

    /** Deletes the artifacts of {@code flowRunIds} (non-empty) and fixes the collections that pointed at them. */
    void deleteOfRuns(SqlRunner sql, Collection<UUID> flowRunIds) {
        List<UUID> deleted = sql.query("delete the deleted runs' artifacts", Sql.of("DELETE FROM artifact WHERE ")
                .append(db.in("flow_run_id", SqlType.UUID, flowRunIds)).append(" RETURNING id"), row -> row.uuid("id"));
        if (deleted.isEmpty()) {
            return;
        }
        sql.update("point artifact collections at their newest remaining artifact", Sql.of("UPDATE artifact_collection"
                        + " SET (" + COPIED + ") = (SELECT a.id, a.data, a.description, a.type, a.created, a.updated,"
                        + " a.flow_run_id, a.task_run_id, a.metadata_ FROM artifact a WHERE a.key = artifact_collection.key"
                        + " ORDER BY a.created DESC, a.id DESC LIMIT 1) WHERE ")
                .append(db.in("latest_id", SqlType.UUID, deleted))
                .append(" AND EXISTS (SELECT 1 FROM artifact a WHERE a.key = artifact_collection.key)"));
        sql.update("delete artifact collections left without an artifact", Sql.of("DELETE FROM artifact_collection"
                + " WHERE ").append(db.in("latest_id", SqlType.UUID, deleted)));
    }
}
