package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.CriterionSql;
import dev.flowsweep.jdbc.internal.layout.FilterSelection;
import dev.flowsweep.jdbc.internal.layout.RowMapping;
import dev.flowsweep.jdbc.internal.layout.SortSql;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.DeletionImpact;
import dev.flowsweep.spi.FlowRunStore;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static dev.flowsweep.jdbc.internal.sql.Aliases.RUN;

/**
 * Flow runs. Filters become SQL through the layout's criteria ({@link CriterionSql}), orders through
 * {@link SortSql}; rows map to runs through the layout. The bulk delete's steps are the database's
 * ({@link DatabaseEngine#lockForDelete}, {@link DatabaseEngine#orphanSubflows},
 * {@link DatabaseEngine#deleteRunsReturning}), each a fixed number of statements whatever the number of runs, with
 * what the layout adds around the delete ({@link TableLayout#beforeDeletingRuns}, {@link TableLayout#afterDeletingRuns}).
 */
final class JdbcFlowRunStore implements FlowRunStore {
    private final SqlRunner sql;
    private final DatabaseEngine db;
    private final TableLayout layout;
    private final RowMapping<FlowRun> runs;
    private final CriterionSql criteria;
    private final String selectColumns;

    JdbcFlowRunStore(SqlRunner sql, TableLayout layout) {
        this.sql = sql;
        this.db = sql.db();
        this.layout = layout;
        this.runs = layout.flowRuns();
        this.criteria = new CriterionSql(layout.criteria());
        this.selectColumns = runs.columns(RUN);
    }

    @Override
    public void insert(FlowRun run) {
        Objects.requireNonNull(run, "run");
        String what = "insert flow run " + run.id() + " (id taken or no flow " + run.flowId() + ")";
        sql.atomically(what, () -> Statements.run(sql, what, runs.insert(run)));
    }

    @Override
    public Optional<FlowRun> findById(UUID id) {
        List<FlowRun> found = runs.complete(sql, sql.query("find flow run", Sql.of("SELECT " + selectColumns + " FROM "
                + runs.table() + " " + RUN + " WHERE " + RUN + ".id = ").uuid(id), runs::read));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<FlowRun> find(Criterion criterion, FlowRunSort sort, int limit, int offset) {
        checkLimit(limit);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        if (limit == 0) {
            return List.of();
        }
        Sql query = select(selectColumns, criterion).append(SortSql.orderBy(db, layout.criteria(), sort));
        return runs.complete(sql, sql.query("find flow runs", db.limit(query, limit, offset), runs::read));
    }

    @Override
    public List<UUID> findIds(Criterion criterion, FlowRunSort sort, int limit) {
        checkLimit(limit);
        if (limit == 0) {
            return List.of();
        }
        Sql query = select(RUN + ".id", criterion).append(SortSql.orderBy(db, layout.criteria(), sort));
        return sql.query("find flow run ids", db.limit(query, limit, 0), row -> row.uuid("id"));
    }

    @Override
    public long count(Criterion criterion) {
        return sql.query("count flow runs", select("COUNT(*)", criterion), row -> row.bigint(1)).get(0);
    }

    /**
     * The database's locking of the newest matching runs, in id order, locking no run it does not return
     * ({@link DatabaseEngine#lockForDelete}).
     */
    @Override
    public List<UUID> lockIdsForDelete(Criterion criterion, int limit) {
        checkLimit(limit);
        if (limit == 0) {
            return List.of();
        }
        return db.lockForDelete(sql, new FilterSelection(layout, criterion), limit);
    }

    /** Parents among these runs' task runs set to null, the database's way ({@link DatabaseEngine#orphanSubflows}). */
    @Override
    public int orphanSubflowsOf(Collection<UUID> flowRunIds) {
        if (flowRunIds.isEmpty()) {
            return 0;
        }
        return db.orphanSubflows(sql, runs.table(), layout.taskRuns().table(), flowRunIds);
    }

    /**
     * What the layout does before, the database's delete reporting exactly the rows it deleted
     * ({@link DatabaseEngine#deleteRunsReturning}), what the layout does after.
     */
    @Override
    public List<DeletedFlowRun> delete(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        layout.beforeDeletingRuns(sql, ids);
        List<DeletedFlowRun> deleted = db.deleteRunsReturning(sql, runs.table(), ids);
        layout.afterDeletingRuns(sql, deleted);
        return deleted;
    }

    /** The layout's counts ({@link TableLayout#impact}), for distinct ids in bounded chunks. */
    @Override
    public DeletionImpact impact(Collection<UUID> ids) {
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
        DeletionImpact total = layout.impact(sql, List.of());
        for (List<UUID> chunk : db.listsPerStatement(distinct)) {
            total = total.plus(layout.impact(sql, chunk));
        }
        return total;
    }

    private Sql select(String columns, Criterion criterion) {
        Sql s = Sql.of("SELECT " + columns + " FROM " + runs.table() + " " + RUN);
        Sql where = criteria.where(criterion);
        return where == null ? s : s.append(" WHERE ").append(where);
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
    }
}
