package dev.flowsweep.jdbc.internal.layout;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.report.ReportedTable;
import dev.flowsweep.jdbc.internal.schema.SchemaDefinition;
import dev.flowsweep.jdbc.internal.sql.Column;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.jdbc.internal.sql.TagIndex;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.DeletionImpact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The layout axis: which tables hold Flowsweep's model, independent of the database they are in. One subclass per
 * layout — {@code flowsweep.FlowsweepLayout}, Flowsweep's own {@code <prefix>}-named tables, and
 * {@code prefect.PrefectLayout}, a Prefect server's tables — each built for one {@link DatabaseEngine}, whose fragments
 * it uses. It owns
 * <ul>
 *   <li>table names and how a row maps to each model type, read and insert ({@link RowMapping}): a layout may
 *       insert several rows per value and complete what it read from other rows;</li>
 *   <li>how each leaf of a filter is expressed on its run table ({@link #criteria()}: the expression and
 *       {@link dev.flowsweep.jdbc.internal.sql.SqlType} of each column, the tag, name, creator and start-time
 *       conditions, the sort keys), and whether tags live in a table of their own ({@link #tagIndex()}), which
 *       lets a bulk delete filtered by one tag start from that tag's rows;</li>
 *   <li>what happens around a run delete besides the delete itself ({@link #beforeDeletingRuns},
 *       {@link #afterDeletingRuns});</li>
 *   <li>the bookkeeping tables beside its own ({@link #bookkeeping()}) and how its schema is created or validated
 *       ({@link #schema()}).</li>
 * </ul>
 * Column names that every layout shares with Prefect ({@code id}, {@code name}, {@code flow_run_id},
 * {@code parent_task_run_id}, {@code state_type}, {@code deployment_id}, {@code concurrency_limit_id},
 * {@code active}, {@code active_slots}) the stores and database strategies write themselves; the bookkeeping tables'
 * columns are Flowsweep's in every layout.
 *
 * <p>Why layout and database are separate axes: the same tables are used on several databases and one database
 * holds several layouts, so neither may assume the other. Prefect's own tables ({@code prefect.PrefectLayout}, on
 * PostgreSQL and SQLite) use every method: its tables ({@code flow}, {@code flow_run}, {@code task_run}, {@code log},
 * {@code deployment}, {@code concurrency_limit_v2}, …) are never altered and have no prefix, while the
 * {@link Bookkeeping} tables keep one beside them; tags are a JSON array column, so it has no {@link #tagIndex()};
 * {@code name.like_} and start times are expressions instead of helper columns written by Java; a run insert also
 * writes its {@code flow_run_state} row and {@code state_id} ({@link RowMapping#insert} returns several statements); a
 * delete also deletes the runs' artifacts and fixes {@code artifact_collection} ({@link #afterDeletingRuns}); slots
 * decay as Prefect decays them ({@link #releaseSlots}); and its schema step checks Prefect's {@code alembic_version}
 * instead of creating Prefect's tables ({@link SchemaDefinition#checkPrerequisites}). What differs between Prefect's
 * schema on PostgreSQL and on SQLite (JSON, enums, intervals) is that layout's own dialect, one per database.
 */
public abstract class TableLayout {
    /** The database this layout's fragments are written for. */
    protected final DatabaseEngine db;

    /** A layout on {@code db}. */
    protected TableLayout(DatabaseEngine db) {
        this.db = db;
    }

    /** The database this layout's fragments are written for. */
    public final DatabaseEngine db() {
        return db;
    }

    /** For messages: which tables, e.g. {@code tables flowsweep_*}. */
    public abstract String describe();

    /** The table prefix of the tables this layout creates. */
    public abstract String tablePrefix();

    // -------------------------------------------------------------------------------------------- tables and rows

    /** Flows. */
    public abstract RowMapping<Flow> flows();

    /** Flow runs; selected with the alias {@code r}, whose fragments {@link #criteria()} writes. */
    public abstract RowMapping<FlowRun> flowRuns();

    /** Task runs. */
    public abstract RowMapping<TaskRun> taskRuns();

    /** Deployments. */
    public abstract RowMapping<Deployment> deployments();

    /** Concurrency limits. */
    public abstract RowMapping<ConcurrencyLimit> concurrencyLimits();

    /** Logs. */
    public abstract RowMapping<Log> logs();

    /** The log column that logs are ordered by and aged by, with its type. */
    public abstract Column logTimestamp();

    /** Flowsweep's own tables beside these. */
    public abstract Bookkeeping bookkeeping();

    // ------------------------------------------------------------------------------------------------- filters

    /** How each leaf of a filter is written on the run table. */
    public abstract RunCriteria criteria();

    /** The table of one row per tag, when tags are kept that way; null otherwise. */
    public abstract TagIndex tagIndex();

    // ------------------------------------------------------------------------------------------ around deletes

    /**
     * Runs, in the bulk delete's transaction, what must happen before the runs {@code flowRunIds} (locked, non-empty)
     * are deleted, besides their task runs and subflows. Default: nothing (foreign keys cascade).
     */
    public void beforeDeletingRuns(SqlRunner sql, Collection<UUID> flowRunIds) {
    }

    /** Runs, in the bulk delete's transaction, what must happen after these runs were deleted. Default: nothing. */
    public void afterDeletingRuns(SqlRunner sql, List<DeletedFlowRun> deleted) {
    }

    /**
     * What deleting {@code flowRunIds} (distinct, at most a bounded chunk) would remove, per table
     * ({@link DeletionImpact}), read without locking. Default: the runs, their task runs and their logs, one count
     * each; a layout with more tables around a run adds them.
     */
    public DeletionImpact impact(SqlRunner sql, Collection<UUID> flowRunIds) {
        if (flowRunIds.isEmpty()) {
            return DeletionImpact.none();
        }
        return DeletionImpact.of(count(sql, flowRuns().table(), "id", flowRunIds),
                count(sql, taskRuns().table(), "flow_run_id", flowRunIds),
                count(sql, logs().table(), "flow_run_id", flowRunIds));
    }

    /** {@code SELECT COUNT(*) FROM table WHERE column IN (ids)}. */
    protected final long count(SqlRunner sql, String table, String column, Collection<UUID> ids) {
        return count(sql, "count " + table + " rows of the runs", Sql.of("SELECT COUNT(*) FROM " + table + " WHERE ")
                .append(db.in(column, SqlType.UUID, ids)));
    }

    /** A {@code SELECT COUNT(*) …} query's one number. */
    protected static long count(SqlRunner sql, String what, Sql query) {
        return sql.query(what, query, row -> row.bigint(1)).get(0);
    }

    /** Whose the run tables are, for the report: {@link ReportedTable#FLOWSWEEP} unless a layout says otherwise. */
    protected String tablesOwner() {
        return ReportedTable.FLOWSWEEP;
    }

    /**
     * The tables the database report looks at ({@code dev.flowsweep.jdbc.DatabaseReport}): the layout's run tables,
     * then the bookkeeping tables and the archive table under the prefix (listed when they exist). A layout with more
     * tables around a run adds them.
     */
    public List<ReportedTable> reportedTables() {
        String owner = tablesOwner();
        List<ReportedTable> list = new ArrayList<>();
        for (String table : List.of(flowRuns().table(), taskRuns().table(), logs().table(), flows().table(),
                deployments().table(), concurrencyLimits().table())) {
            list.add(new ReportedTable(table, owner));
        }
        if (tagIndex() != null) {
            list.add(new ReportedTable(tagIndex().table(), owner));
        }
        Bookkeeping b = bookkeeping();
        for (String table : List.of(b.purgeQueue(), b.lease(), b.schemaVersion(), tablePrefix() + "archive")) {
            list.add(new ReportedTable(table, ReportedTable.FLOWSWEEP));
        }
        return list;
    }

    // ------------------------------------------------------------------------------------------------- limits

    /**
     * The assignments of the {@code UPDATE} of the limit table that releases {@code slots} slots of each active limit
     * it matches; {@code slots} is an integer expression (a parameter, or a {@code CASE} on the limit's id).
     * Default: {@code active_slots = GREATEST(active_slots - (slots), 0)}.
     */
    public Sql releaseSlots(Sql slots) {
        return Sql.of("active_slots = ").append(db.greatest(Sql.of("active_slots - (").append(slots).append(")"),
                Sql.of("0")));
    }

    // -------------------------------------------------------------------------------------------------- schema

    /** How this layout's schema is created, migrated and validated. */
    public abstract SchemaDefinition schema();
}
