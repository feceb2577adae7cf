package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.spi.PurgeTask;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The log purge's SQL on SQLite: claims are one {@code DELETE … RETURNING} (the transaction holds the database's only
 * write lock, so there is nothing to skip); logs go by the default bounded delete
 * ({@link SqliteEngine#deleteAtMost}: by {@code rowid}, found in the index).
 */
final class SqlitePurge extends PurgeSql {
    static final SqlitePurge INSTANCE = new SqlitePurge();

    private SqlitePurge() {
    }

    /** {@code DELETE FROM q WHERE flow_run_id IN (SELECT … ORDER BY enqueued_at, flow_run_id LIMIT ?) RETURNING …}. */
    @Override
    public List<PurgeTask> takeDue(SqlRunner sql, String queue, Instant now, int max) {
        Sql claim = Sql.of("SELECT flow_run_id FROM " + queue + " WHERE next_attempt_at <= ").time(now)
                .append(" ORDER BY enqueued_at, flow_run_id LIMIT ").integer(max);
        return deleteReturning(sql, "claim log purges",
                Sql.of("DELETE FROM " + queue + " WHERE flow_run_id IN (").append(claim).append(")"));
    }

    /** {@code DELETE FROM q WHERE flow_run_id IN (…) AND next_attempt_at <= ? RETURNING …}. */
    @Override
    public List<PurgeTask> take(SqlRunner sql, String queue, List<UUID> flowRunIds, Instant now) {
        return deleteReturning(sql, "claim handed-over log purges", Sql.of("DELETE FROM " + queue + " WHERE ")
                .append(sql.db().in("flow_run_id", SqlType.UUID, flowRunIds)).append(" AND next_attempt_at <= ")
                .time(now));
    }

    private static List<PurgeTask> deleteReturning(SqlRunner sql, String what, Sql delete) {
        List<PurgeTask> tasks = new ArrayList<>(sql.query(what, delete.append(" RETURNING " + TASK_COLUMNS),
                PurgeSql::task));
        tasks.sort(OLDEST_FIRST);
        return tasks;
    }
}
