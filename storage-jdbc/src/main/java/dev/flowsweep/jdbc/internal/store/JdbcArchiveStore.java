package dev.flowsweep.jdbc.internal.store;

import java.util.Set;
import dev.flowsweep.spi.PurgeTask;
import dev.flowsweep.jdbc.internal.archive.ArchiveSql;
import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.spi.ArchiveBatch;
import dev.flowsweep.spi.ArchiveBatchSummary;
import dev.flowsweep.spi.ArchiveStore;
import dev.flowsweep.spi.ArchivedDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The archive, Flowsweep's bookkeeping table {@code <prefix>archive}. Archiving is {@code INSERT … SELECT} with the
 * document built by the database ({@link ArchiveSql}, one class per database and layout); an export reads through a
 * cursor ({@link SqlRunner#forEach}), {@value #FETCH_SIZE} rows at a time.
 */
final class JdbcArchiveStore implements ArchiveStore {
    /** Rows an export reads from the database at a time. */
    static final int FETCH_SIZE = 500;

    private final SqlRunner sql;
    private final DatabaseEngine db;
    private final String table;
    private final ArchiveSql archiveSql;

    JdbcArchiveStore(SqlRunner sql, TableLayout layout) {
        this.sql = sql;
        this.db = sql.db();
        this.table = layout.bookkeeping().archive();
        this.archiveSql = ArchiveSql.of(layout);
    }

    @Override
    public int archiveRuns(ArchiveBatch batch, Collection<UUID> flowRunIds, Instant archivedAt) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(archivedAt, "archivedAt");
        int written = 0;
        for (List<UUID> chunk : db.listsPerStatement(new ArrayList<>(new LinkedHashSet<>(flowRunIds)))) {
            for (Sql statement : archiveSql.archiveRuns(sql, batch, chunk, archivedAt)) {
                written += sql.update("archive deleted rows", statement);
            }
        }
        return written;
    }

    @Override
    public int archiveLogs(Collection<PurgeTask> tasks, Instant archivedAt) {
        Objects.requireNonNull(archivedAt, "archivedAt");
        Map<ArchiveBatch, Set<UUID>> byBatch = new LinkedHashMap<>();
        for (PurgeTask task : tasks) {
            if (task.archive() != null) {
                byBatch.computeIfAbsent(task.archive(), b -> new LinkedHashSet<>()).add(task.flowRunId());
            }
        }
        int written = 0;
        for (Map.Entry<ArchiveBatch, Set<UUID>> e : byBatch.entrySet()) {
            for (List<UUID> chunk : db.listsPerStatement(new ArrayList<>(e.getValue()))) {
                written += sql.update("archive logs", archiveSql.archiveLogs(sql, e.getKey(), chunk, archivedAt));
            }
        }
        return written;
    }

    /** Two statements: the newest batches by their first row, then their counts per kind. */
    @Override
    public List<ArchiveBatchSummary> batches(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        if (max == 0) {
            return List.of();
        }
        List<UUID> newest = sql.query("list archive batches", db.limit(Sql.of("SELECT batch_id, MIN(archived_at) AS "
                + "first_at FROM " + table + " GROUP BY batch_id ORDER BY first_at DESC, batch_id"), max, 0),
                row -> row.uuid("batch_id"));
        if (newest.isEmpty()) {
            return List.of();
        }
        Map<UUID, ArchiveBatchSummary> byId = new LinkedHashMap<>();
        for (UUID id : newest) {
            byId.put(id, null);
        }
        for (List<UUID> chunk : db.listsPerStatement(newest)) {
            List<Object[]> rows = sql.query("count archive batches", Sql.of("SELECT batch_id, kind, MIN(reason) AS "
                    + "reason, MIN(actor) AS actor, MIN(archived_at) AS first_at, MAX(archived_at) AS last_at, "
                    + "COUNT(*) AS n FROM " + table + " WHERE ").append(db.in("batch_id", SqlType.UUID, chunk))
                    .append(" GROUP BY batch_id, kind"), row -> new Object[]{row.uuid("batch_id"), row.string("kind"),
                    row.string("reason"), row.string("actor"), row.time("first_at"), row.time("last_at"),
                    row.bigint(7)});
            for (Object[] r : rows) {
                UUID id = (UUID) r[0];
                ArchiveBatchSummary prev = byId.get(id);
                Map<String, Long> counts = new TreeMap<>(prev == null ? Map.of() : prev.countByKind());
                counts.put((String) r[1], (Long) r[6]);
                Instant first = (Instant) r[4];
                Instant last = (Instant) r[5];
                if (prev != null) {
                    first = prev.firstAt().isBefore(first) ? prev.firstAt() : first;
                    last = prev.lastAt().isAfter(last) ? prev.lastAt() : last;
                }
                byId.put(id, new ArchiveBatchSummary(id, first, last, (String) r[2], (String) r[3], counts));
            }
        }
        return List.copyOf(byId.values());
    }

    @Override
    public long export(Instant before, Consumer<ArchivedDocument> sink) {
        Objects.requireNonNull(sink, "sink");
        Sql s = Sql.of("SELECT id, batch_id, reason, actor, archived_at, kind, source_id, document FROM " + table);
        if (before != null) {
            s.append(" WHERE archived_at < ").time(before);
        }
        s.append(" ORDER BY id");
        return sql.forEach("export the archive", s, FETCH_SIZE, row -> new ArchivedDocument(row.bigint(1),
                row.uuid("batch_id"), row.string("reason"), row.string("actor"), row.time("archived_at"),
                row.string("kind"), row.string("source_id"), row.string("document")), sink);
    }

    @Override
    public long count(Instant before) {
        Sql s = Sql.of("SELECT COUNT(*) FROM " + table);
        if (before != null) {
            s.append(" WHERE archived_at < ").time(before);
        }
        return sql.query("count the archive", s, row -> row.bigint(1)).get(0);
    }

    @Override
    public int drop(Instant before, int maxRows) {
        Objects.requireNonNull(before, "before");
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be > 0, was " + maxRows);
        }
        return sql.update("drop archived documents", db.deleteAtMost(table,
                Sql.of("archived_at < ").time(before), maxRows));
    }
}
