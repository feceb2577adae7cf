package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.spi.PurgeTask;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The log purge's SQL on PostgreSQL.
 * <ul>
 *   <li>Claims are one statement that deletes the rows it claims and returns them:
 *       {@code DELETE FROM q WHERE flow_run_id = ANY(ARRAY(SELECT flow_run_id FROM q WHERE … FOR UPDATE SKIP LOCKED))
 *       RETURNING …}, each row locked and deleted in one pass, with no second statement to remove it. The same
 *       statement makes the purge transaction's commit asynchronous ({@link #ASYNCHRONOUS_COMMIT}).</li>
 *   <li>Logs: PostgreSQL has no {@code DELETE … LIMIT}, and its bounded form ({@link PostgresEngine#deleteAtMost}, by
 *       {@code ctid}) reads the rows twice. So one statement first counts, index only and stopping past the bound, the
 *       logs of the runs, and deletes them with a plain {@code DELETE … WHERE flow_run_id = ANY(?)} only when there are
 *       at most the bound (the count gates the delete: past the bound it deletes nothing); past the bound, the bounded
 *       form follows.</li>
 * </ul>
 */
public final class PostgresPurge extends PurgeSql {
    static final PostgresPurge INSTANCE = new PostgresPurge();

    /**
     * A condition that is always true and, evaluated once (an uncorrelated sub-select), makes the commit of the
     * claiming transaction asynchronous ({@code synchronous_commit = off} for this transaction only): it does not wait
     * for its WAL to reach the disk. A purge transaction may: it only claims (deleting queue rows) and deletes logs, so
     * a server crash that loses its commit puts back the logs and the queue rows together (PostgreSQL never keeps part
     * of a transaction), and the purge is done again from the queue. The queue rows themselves are written by the
     * bulk delete's transaction, whose commit stays synchronous.
     */
    private static final String ASYNCHRONOUS_COMMIT = "(SELECT set_config('synchronous_commit', 'off', true)) = 'off'";

    private PostgresPurge() {
    }

    @Override
    public List<PurgeTask> takeDue(SqlRunner sql, String queue, Instant now, int max) {
        Sql claim = Sql.of("SELECT flow_run_id FROM " + queue + " WHERE next_attempt_at <= ").time(now)
                .append(" ORDER BY enqueued_at, flow_run_id LIMIT ").integer(max).append(" FOR UPDATE SKIP LOCKED");
        return takeWhere(sql, queue, "claim log purges", claim);
    }

    @Override
    public List<PurgeTask> take(SqlRunner sql, String queue, List<UUID> flowRunIds, Instant now) {
        Sql claim = Sql.of("SELECT flow_run_id FROM " + queue + " WHERE ")
                .append(sql.db().in("flow_run_id", SqlType.UUID, flowRunIds)).append(" AND next_attempt_at <= ")
                .time(now).append(" FOR UPDATE SKIP LOCKED");
        return takeWhere(sql, queue, "claim handed-over log purges", claim);
    }

    private static List<PurgeTask> takeWhere(SqlRunner sql, String queue, String what, Sql claim) {
        List<PurgeTask> tasks = new ArrayList<>(sql.query(what, Sql.of("DELETE FROM " + queue
                + " WHERE flow_run_id = ANY(ARRAY(").append(claim).append(")) AND " + ASYNCHRONOUS_COMMIT
                + " RETURNING " + TASK_COLUMNS), PurgeSql::task));
        tasks.sort(OLDEST_FIRST);
        return tasks;
    }

    /** Past the bound ({@link #countGatedDelete} deleted nothing), the bounded {@code ctid} form. */
    @Override
    public int deleteLogs(SqlRunner sql, String logTable, List<UUID> flowRunIds, int maxRows) {
        long[] counts = sql.query("purge logs", countGatedDelete(sql.db(), logTable, flowRunIds, maxRows),
                row -> new long[] {row.bigint(1), row.bigint(2)}).get(0);
        if (counts[0] <= maxRows) {
            return Math.toIntExact(counts[1]);
        }
        return super.deleteLogs(sql, logTable, flowRunIds, maxRows);
    }

    /**
     * One statement returning the logs counted (at most {@code bound + 1}) and deleted (all of them, or none past the
     * bound): {@code WITH n AS (SELECT count(*) AS c FROM (SELECT 1 FROM log WHERE flow_run_id = ANY(?) LIMIT bound + 1)
     * x), d AS (DELETE FROM log WHERE flow_run_id = ANY(?) AND (SELECT c FROM n) <= bound RETURNING 1) SELECT (SELECT c
     * FROM n), (SELECT count(*) FROM d)}. The count reads the flow run index only (an index-only scan of the log's
     * {@code flow_run_id} index); the delete's condition on it is a one-time filter, checked before the delete reads a
     * row.
     */
    public static Sql countGatedDelete(DatabaseEngine db, String logTable, List<UUID> flowRunIds, long bound) {
        return Sql.of("WITH n AS (SELECT count(*) AS c FROM (SELECT 1 FROM " + logTable + " WHERE ")
                .append(db.in("flow_run_id", SqlType.UUID, flowRunIds)).append(" LIMIT ").bind(SqlType.BIGINT, bound + 1)
                .append(") x), d AS (DELETE FROM " + logTable + " WHERE ")
                .append(db.in("flow_run_id", SqlType.UUID, flowRunIds)).append(" AND (SELECT c FROM n) <= ")
                .bind(SqlType.BIGINT, bound)
                .append(" RETURNING 1) SELECT (SELECT c FROM n) AS c, (SELECT count(*) FROM d) AS deleted");
    }
}
