package dev.flowsweep.jdbc.internal.database;

import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.spi.ArchiveBatch;
import dev.flowsweep.spi.PurgeTask;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The log purge's SQL on one database, beside its {@link DatabaseEngine}: how the purge queue is claimed by deleting
 * its rows ({@link #takeDue}, {@link #take}) and how the logs of claimed runs are deleted in bounded statements
 * ({@link #deleteLogs}). One subclass per database that does better than these defaults, which H2 and MariaDB use:
 * a {@code SELECT … FOR UPDATE SKIP LOCKED} of the rows, then a {@code DELETE} of them by key (MariaDB refuses a
 * {@code DELETE} that reads its own table in a subquery), and the database's own bounded delete
 * ({@link DatabaseEngine#deleteAtMost}: {@code DELETE … LIMIT} on MariaDB, {@code FETCH FIRST} on H2, one pass each).
 * {@link PostgresPurge} and {@link SqlitePurge} claim in one {@code DELETE … RETURNING}.
 *
 * <p>Table names come from the layout (the queue table, the log table); the columns are the queue's own and the log's
 * {@code flow_run_id}, which every layout has.
 */
public class PurgeSql {
    /** The queue columns a claim returns: {@value}. */
    protected static final String TASK_COLUMNS =
            "flow_run_id, enqueued_at, attempts, failed, last_error, archive_batch_id, archive_reason, archive_actor";
    /** Oldest first, as a claim orders them. */
    protected static final Comparator<PurgeTask> OLDEST_FIRST =
            Comparator.comparing(PurgeTask::enqueuedAt).thenComparing(PurgeTask::flowRunId, Uuids.ORDER);

    /** For subclasses and {@link #of}. */
    protected PurgeSql() {
    }

    /** The purge SQL of the database {@code db} is. */
    public static PurgeSql of(DatabaseEngine db) {
        if (db instanceof PostgresEngine) {
            return PostgresPurge.INSTANCE;
        }
        if (db instanceof SqliteEngine) {
            return SqlitePurge.INSTANCE;
        }
        return DEFAULT;
    }

    private static final PurgeSql DEFAULT = new PurgeSql();

    /** A row of {@link #TASK_COLUMNS}. */
    protected static PurgeTask task(Row row) throws SQLException {
        String batch = row.string("archive_batch_id");
        ArchiveBatch archive = batch == null ? null
                : new ArchiveBatch(UUID.fromString(batch), row.string("archive_reason"), row.string("archive_actor"));
        return new PurgeTask(row.uuid("flow_run_id"), row.time("enqueued_at"), row.integer("attempts"),
                row.bool("failed"), row.string("last_error"), archive);
    }

    /**
     * Up to {@code max} entries of {@code queue} due at {@code now}, oldest first, locked; entries locked by another
     * transaction skipped: {@code SELECT … WHERE next_attempt_at <= ? ORDER BY enqueued_at, flow_run_id LIMIT ?
     * FOR UPDATE SKIP LOCKED}.
     */
    public List<PurgeTask> claimDue(SqlRunner sql, String queue, Instant now, int max) {
        DatabaseEngine db = sql.db();
        Sql s = Sql.of("SELECT " + TASK_COLUMNS + " FROM " + queue + " WHERE next_attempt_at <= ").time(now)
                .append(" ORDER BY enqueued_at, flow_run_id");
        return sql.query("claim log purges", db.limit(s, max, 0).append(db.forUpdateSkipLocked()), PurgeSql::task);
    }

    /** Removes and returns what {@link #claimDue} would claim. Default: that claim, then a delete by key. */
    public List<PurgeTask> takeDue(SqlRunner sql, String queue, Instant now, int max) {
        List<PurgeTask> tasks = claimDue(sql, queue, now, max);
        deleteClaimed(sql, queue, tasks);
        return tasks;
    }

    /**
     * Removes and returns the entries of {@code flowRunIds} (distinct, non-empty) due at {@code now}, skipping those
     * locked by another transaction, oldest first. Default: per list the database takes at once, {@code SELECT … WHERE
     * flow_run_id IN (…) AND next_attempt_at <= ? FOR UPDATE SKIP LOCKED}, then a delete by key.
     */
    public List<PurgeTask> take(SqlRunner sql, String queue, List<UUID> flowRunIds, Instant now) {
        DatabaseEngine db = sql.db();
        List<PurgeTask> taken = new ArrayList<>();
        for (List<UUID> chunk : db.listsPerStatement(flowRunIds)) {
            List<PurgeTask> tasks = sql.query("claim handed-over log purges", Sql.of("SELECT " + TASK_COLUMNS
                            + " FROM " + queue + " WHERE ").append(db.in("flow_run_id", SqlType.UUID, chunk))
                    .append(" AND next_attempt_at <= ").time(now).append(db.forUpdateSkipLocked()), PurgeSql::task);
            deleteClaimed(sql, queue, tasks);
            taken.addAll(tasks);
        }
        taken.sort(OLDEST_FIRST);
        return taken;
    }

    private static void deleteClaimed(SqlRunner sql, String queue, List<PurgeTask> tasks) {
        if (!tasks.isEmpty()) {
            sql.update("remove claimed log purges", sql.db().deleteWhereIn(queue, "flow_run_id", ids(tasks)));
        }
    }

    /**
     * Deletes at most {@code maxRows} rows of {@code logTable} whose {@code flow_run_id} is one of {@code flowRunIds}
     * (distinct, non-empty); returns how many. Default: per list the database takes at once, its bounded delete
     * ({@link DatabaseEngine#deleteAtMost}) of the rows still allowed.
     */
    public int deleteLogs(SqlRunner sql, String logTable, List<UUID> flowRunIds, int maxRows) {
        DatabaseEngine db = sql.db();
        int deleted = 0;
        for (List<UUID> chunk : db.listsPerStatement(flowRunIds)) {
            if (deleted >= maxRows) {
                break;
            }
            Sql where = db.in("flow_run_id", SqlType.UUID, chunk);
            deleted += sql.update("purge logs", db.deleteAtMost(logTable, where, maxRows - deleted));
        }
        return deleted;
    }

    /** The ids of these tasks. */
    protected static List<UUID> ids(Collection<PurgeTask> tasks) {
        List<UUID> ids = new ArrayList<>(tasks.size());
        for (PurgeTask t : tasks) {
            ids.add(t.flowRunId());
        }
        return ids;
    }
}
