package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.PurgeSql;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.spi.ArchiveBatch;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spi.PurgeQueueStore;
import dev.flowsweep.spi.PurgeTask;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The durable purge queue, a bookkeeping table. Claims use {@code FOR UPDATE SKIP LOCKED}, so instances sharing the
 * database never claim the same entry at once; the purge claims by deleting ({@link #takeDue}, {@link #take}), with the
 * database's statements from {@link PurgeSql}.
 */
final class JdbcPurgeQueueStore implements PurgeQueueStore {
    /** Longest {@code last_error} kept (the column holds 4000 characters). */
    static final int MAX_ERROR_LENGTH = 4000;

    private final SqlRunner sql;
    private final DatabaseEngine db;
    private final String table;
    private final PurgeSql purge;

    JdbcPurgeQueueStore(SqlRunner sql, TableLayout layout) {
        this.sql = sql;
        this.db = sql.db();
        this.table = layout.bookkeeping().purgeQueue();
        this.purge = PurgeSql.of(db);
    }

    /** Idempotent: the database's insert-if-absent (ON CONFLICT DO NOTHING, MERGE, ON DUPLICATE KEY). */
    @Override
    public void enqueue(Collection<UUID> flowRunIds, Instant now) {
        Objects.requireNonNull(now, "now");
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(flowRunIds));
        if (ids.isEmpty()) {
            return;
        }
        Statements.run(sql, "enqueue log purges", db.insertPurgeEntries(table, ids, now));
    }

    /** The entries, then their archive flag: batch, reason and actor ({@link ArchiveFlags}). */
    @Override
    public void enqueue(Collection<UUID> flowRunIds, Instant now, ArchiveBatch archive) {
        enqueue(flowRunIds, now);
        if (archive != null) {
            ArchiveFlags.set(sql, table, new ArrayList<>(new LinkedHashSet<>(flowRunIds)), archive);
        }
    }

    /** {@code SELECT … WHERE next_attempt_at <= ? ORDER BY enqueued_at, flow_run_id LIMIT ? FOR UPDATE SKIP LOCKED}. */
    @Override
    public List<PurgeTask> claimDue(Instant now, int max) {
        Objects.requireNonNull(now, "now");
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        if (max == 0) {
            return List.of();
        }
        return purge.claimDue(sql, table, now, max);
    }

    @Override
    public List<PurgeTask> takeDue(Instant now, int max) {
        Objects.requireNonNull(now, "now");
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        if (max == 0) {
            return List.of();
        }
        return purge.takeDue(sql, table, now, max);
    }

    @Override
    public List<PurgeTask> take(Collection<UUID> flowRunIds, Instant now) {
        Objects.requireNonNull(now, "now");
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(flowRunIds));
        if (ids.isEmpty()) {
            return List.of();
        }
        return purge.take(sql, table, ids, now);
    }

    @Override
    public void complete(Collection<UUID> flowRunIds) {
        if (flowRunIds.isEmpty()) {
            return;
        }
        sql.update("complete log purges", db.deleteWhereIn(table, "flow_run_id", new LinkedHashSet<>(flowRunIds)));
    }

    /** An entry that is no longer queued stays gone. */
    @Override
    public void recordFailure(UUID flowRunId, int attempts, String error, Instant nextAttemptAt, boolean failed) {
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        String e = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        sql.update("record log purge failure", Sql.of("UPDATE " + table + " SET attempts = ")
                .integer(attempts).append(", last_error = ").text(e).append(", next_attempt_at = ").time(nextAttemptAt)
                .append(", failed = ").bool(failed).append(" WHERE flow_run_id = ").uuid(flowRunId));
    }

    @Override
    public int retryFailed(Instant now) {
        Objects.requireNonNull(now, "now");
        return sql.update("retry failed log purges", Sql.of("UPDATE " + table
                + " SET attempts = 0, failed = FALSE, next_attempt_at = ").time(now).append(" WHERE failed = TRUE"));
    }

    @Override
    public PurgeQueueStats stats() {
        long[] counts = new long[2];
        Instant[] oldest = new Instant[1];
        sql.query("purge queue stats", Sql.of("SELECT failed, COUNT(*) AS n, MIN(enqueued_at) AS oldest FROM "
                + table + " GROUP BY failed"), row -> {
                    counts[row.bool("failed") ? 1 : 0] = row.bigint(2);
                    Instant t = row.time("oldest");
                    if (oldest[0] == null || t.isBefore(oldest[0])) {
                        oldest[0] = t;
                    }
                    return null;
                });
        return new PurgeQueueStats(counts[0], counts[1], oldest[0]);
    }
}
