package dev.flowsweep.jdbc.internal.archive;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.layout.prefect.PrefectLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.spi.ArchiveBatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The archive statements of one database and layout. Each is {@code INSERT INTO <prefix>archive (batch_id, reason,
 * actor, archived_at, kind, source_id, document) SELECT …, <the row's JSON> FROM <table> WHERE <the runs>}: the
 * database builds the document, so a run's archive costs one statement per table whatever the number of rows.
 * Documents: field names are column names, times ISO-8601 UTC strings with six fraction digits and {@code Z}
 * (docs/CONTRACT.md, "Archive").
 */
public abstract class ArchiveSql {
    /** The archive table's columns, in the order every statement writes them. */
    static final String COLUMNS = "(batch_id, reason, actor, archived_at, kind, source_id, document)";

    protected final TableLayout layout;
    protected final DatabaseEngine db;
    protected final String archive;
    protected final String queue;

    protected ArchiveSql(TableLayout layout) {
        this.layout = layout;
        this.db = layout.db();
        this.archive = layout.bookkeeping().archive();
        this.queue = layout.bookkeeping().purgeQueue();
    }

    /** The archive SQL of this layout on its database. */
    public static ArchiveSql of(TableLayout layout) {
        String database = layout.db().name();
        if (layout instanceof PrefectLayout) {
            return switch (database) {
                case "postgresql" -> new PostgresPrefectArchiveSql(layout);
                case "sqlite" -> new SqlitePrefectArchiveSql(layout);
                default -> throw new IllegalStateException("no archive SQL for Prefect's layout on " + database);
            };
        }
        return switch (database) {
            case "postgresql" -> new PostgresArchiveSql(layout);
            case "h2" -> new H2ArchiveSql(layout);
            case "mariadb" -> new MariaDbArchiveSql(layout);
            default -> throw new IllegalStateException("no archive SQL for Flowsweep's layout on " + database);
        };
    }

    /**
     * The statements archiving these runs (one list as {@link DatabaseEngine#in} takes it) and what goes with them,
     * run before anything of theirs changes. {@code sql} may be used to read the catalog.
     */
    public abstract List<Sql> archiveRuns(SqlRunner sql, ArchiveBatch batch, List<UUID> runIds, Instant at);

    /**
     * The statement archiving the logs of these runs (one list as {@link DatabaseEngine#in} takes it) under
     * {@code batch}, the batch their purge queue entries carried, skipping logs already archived.
     */
    public abstract Sql archiveLogs(SqlRunner sql, ArchiveBatch batch, List<UUID> runIds, Instant at);

    /** {@code INSERT INTO archive (…) SELECT <batch values>, '<kind>', <source id>, <document> FROM }. */
    protected Sql insertFrom(ArchiveBatch batch, Instant at, String kind, String sourceId, String document) {
        return Sql.of("INSERT INTO " + archive + " " + COLUMNS + " SELECT ").append(batchValues(batch, at))
                .append(", '" + kind + "', " + sourceId + ", " + document + " FROM ");
    }

    /** The batch id, reason, actor and time as SELECT items, each cast so that every database types them. */
    protected Sql batchValues(ArchiveBatch batch, Instant at) {
        return Sql.of("CAST(").uuid(batch.id()).append(" AS " + uuidType() + "), CAST(").text(batch.reason())
                .append(" AS " + textType() + "), CAST(").text(batch.actor()).append(" AS " + textType() + "), CAST(")
                .time(at).append(" AS " + timeType() + ")");
    }

    /**
     * The logs statement: {@code INSERT INTO archive (…) SELECT <batch values>, 'log', <source id>, <document> FROM
     * <log> l WHERE NOT EXISTS (archived) AND <the runs>}.
     */
    protected Sql logsInsert(ArchiveBatch batch, List<UUID> runIds, Instant at, String sourceId, String document) {
        return insertFrom(batch, at, "log", sourceId, document).append(layout.logs().table() + " l WHERE NOT EXISTS "
                        + "(SELECT 1 FROM " + archive + " a WHERE a.kind = 'log' AND a.source_id = " + sourceId + ") AND ")
                .append(db.in("l.flow_run_id", SqlType.UUID, runIds));
    }

    /** The SQL type of a UUID parameter on this database. */
    protected abstract String uuidType();

    /** The SQL type of a text parameter on this database. */
    protected String textType() {
        return "VARCHAR(255)";
    }

    /** The SQL type of a time parameter on this database. */
    protected String timeType() {
        return "TIMESTAMP(6)";
    }
}
