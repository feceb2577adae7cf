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
 *   <li>Logs: the default bounded delete ({@link PurgeSql#deleteLogs}), which on PostgreSQL is
 *       {@code DELETE … WHERE ctid = ANY(ARRAY(SELECT ctid … WHERE flow_run_id = ANY(?) LIMIT n))}
 *       ({@link PostgresEngine#deleteAtMost}). Measured against the two other ways to bound it (docs/BENCHMARKS.md,
 *       20,000 logs of 200 runs in a table of 1,000,000): a plain {@code DELETE … = ANY(?)} took 9.8 ms and has no
 *       bound; the {@code ctid} form 13.5 ms; a plain delete gated on an index-only count of the logs, 15–20 ms (the
 *       count reads the index entries the delete then reads again). So there is no fast path: one bounded form.</li>
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
}
