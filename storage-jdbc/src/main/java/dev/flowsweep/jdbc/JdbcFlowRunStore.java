package dev.flowsweep.jdbc;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.jdbc.dialect.Dialect;
import dev.flowsweep.jdbc.sql.CriterionSql;
import dev.flowsweep.jdbc.sql.Sql;
import dev.flowsweep.jdbc.sql.SortSql;
import dev.flowsweep.jdbc.sql.SqlType;
import dev.flowsweep.jdbc.sql.Tables;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.FlowRunStore;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Flow runs and their tags. Filters become SQL through {@link CriterionSql}, orders through {@link SortSql}.
 * The bulk delete's steps are one statement each, whatever the number of runs: lock, orphan subflows, delete
 * returning what this transaction deleted.
 */
final class JdbcFlowRunStore implements FlowRunStore {
    private static final String R = CriterionSql.RUN;
    private static final String COLUMNS = "id, name, name_lower, flow_id, state_type, state_name, deployment_id, "
            + "work_queue_name, flow_version, start_time, end_time, expected_start_time, next_scheduled_start_time, "
            + "effective_start_time, parent_task_run_id, idempotency_key, created_by_set, created_by_id, "
            + "created_by_type, created_by_display_value, created, updated";
    private static final String SELECT_COLUMNS = R + "." + COLUMNS.replace(", ", ", " + R + ".");

    private final SqlRunner sql;
    private final Tables tables;
    private final CriterionSql criteria;

    JdbcFlowRunStore(SqlRunner sql, Tables tables) {
        this.sql = sql;
        this.tables = tables;
        this.criteria = new CriterionSql(sql.dialect(), tables);
    }

    @Override
    public void insert(FlowRun run) {
        Objects.requireNonNull(run, "run");
        String what = "insert flow run " + run.id() + " (id taken or no flow " + run.flowId() + ")";
        sql.atomically(what, () -> {
            sql.update(what, insertRow(run));
            if (!run.tags().isEmpty()) {
                sql.update(what, insertTags(run));
            }
        });
    }

    private Sql insertRow(FlowRun run) {
        CreatedBy by = run.createdBy();
        StateType state = run.stateType();
        return Sql.of("INSERT INTO " + tables.flowRun() + " (" + COLUMNS + ") VALUES (")
                .uuid(run.id()).append(", ")
                .text(run.name()).append(", ")
                .text(run.name() == null ? null : run.name().toLowerCase(Locale.ROOT)).append(", ")
                .uuid(run.flowId()).append(", ")
                .text(state == null ? null : state.name()).append(", ")
                .text(run.stateName()).append(", ")
                .uuid(run.deploymentId()).append(", ")
                .text(run.workQueueName()).append(", ")
                .text(run.flowVersion()).append(", ")
                .time(run.startTime()).append(", ")
                .time(run.endTime()).append(", ")
                .time(run.expectedStartTime()).append(", ")
                .time(run.nextScheduledStartTime()).append(", ")
                .time(run.effectiveStartTime()).append(", ")
                .uuid(run.parentTaskRunId()).append(", ")
                .text(run.idempotencyKey()).append(", ")
                .bool(by != null).append(", ")
                .uuid(by == null ? null : by.id()).append(", ")
                .text(by == null ? null : by.type()).append(", ")
                .text(by == null ? null : by.displayValue()).append(", ")
                .time(run.created()).append(", ")
                .time(run.updated()).append(")");
    }

    private Sql insertTags(FlowRun run) {
        Sql s = Sql.of("INSERT INTO " + tables.flowRunTag() + " (flow_run_id, tag_order, tag) VALUES ");
        List<String> tags = run.tags();
        for (int i = 0; i < tags.size(); i++) {
            s.append(i == 0 ? "(" : ", (").uuid(run.id()).append(", ").integer(i).append(", ").text(tags.get(i))
                    .append(")");
        }
        return s;
    }

    @Override
    public Optional<FlowRun> findById(UUID id) {
        List<FlowRun> runs = withTags(sql.query("find flow run", Sql.of("SELECT " + SELECT_COLUMNS + " FROM "
                + tables.flowRun() + " " + R + " WHERE " + R + ".id = ").uuid(id), JdbcFlowRunStore::map));
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
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
        Sql query = select(SELECT_COLUMNS, criterion).append(SortSql.orderBy(sql.dialect(), sort));
        return withTags(sql.query("find flow runs", sql.dialect().limit(query, limit, offset), JdbcFlowRunStore::map));
    }

    @Override
    public List<UUID> findIds(Criterion criterion, FlowRunSort sort, int limit) {
        checkLimit(limit);
        if (limit == 0) {
            return List.of();
        }
        Sql query = select(R + ".id", criterion).append(SortSql.orderBy(sql.dialect(), sort));
        return sql.query("find flow run ids", sql.dialect().limit(query, limit, 0), row -> row.uuid("id"));
    }

    @Override
    public long count(Criterion criterion) {
        return sql.query("count flow runs", select("COUNT(*)", criterion), row -> row.bigint(1)).get(0);
    }

    /**
     * {@code SELECT r.id … ORDER BY r.id DESC LIMIT ? FOR UPDATE}: row locks taken in id order. Where the database
     * would lock other rows than those it returns, or in another order (H2 and MariaDB lock every matching row they
     * read, in the order of the index they read, before sorting and limiting), it takes three steps: the ids are
     * selected without locks, exactly those rows are locked through the primary key in id order, and the criterion is
     * checked again on the locked rows, so that a run deleted or changed in between is left out. A bulk delete then
     * never waits for a run it will not delete, and concurrent ones lock in the same order.
     */
    @Override
    public List<UUID> lockIdsForDelete(Criterion criterion, int limit) {
        checkLimit(limit);
        if (limit == 0) {
            return List.of();
        }
        String order = SortSql.orderBy(sql.dialect(), FlowRunSort.ID_DESC);
        String drivingTag = drivingTag(criterion);
        if (drivingTag != null && sql.dialect().supportsLateralJoin()) {
            return sql.query("lock flow runs for delete", lockDrivenByTag(criterion, drivingTag, limit),
                    row -> row.uuid("id"));
        }
        if (!sql.dialect().forUpdateLocksEveryMatchingRow()) {
            return sql.query("lock flow runs for delete", sql.dialect().limit(select(R + ".id", criterion).append(order),
                    limit, 0).append(sql.dialect().forUpdate()), row -> row.uuid("id"));
        }
        List<UUID> candidates = drivingTag != null && sql.dialect().supportsStraightJoin()
                ? sql.query("find flow runs to delete", candidatesDrivenByTag(sql.dialect(), tables, criterion,
                        drivingTag, limit), row -> row.uuid("id"))
                : findIds(criterion, FlowRunSort.ID_DESC, limit);
        if (candidates.isEmpty()) {
            return candidates;
        }
        List<UUID> locked = sql.query("lock flow runs for delete", Sql.of("SELECT " + R + ".id FROM " + tables.flowRun()
                        + " " + R + " WHERE ").append(sql.dialect().in(R + ".id", SqlType.UUID, candidates))
                .append(order).append(sql.dialect().forUpdate()), row -> row.uuid("id"));
        Sql where = criteria.where(criterion);
        if (where == null || locked.isEmpty()) {
            return locked;
        }
        return sql.query("check locked flow runs", Sql.of("SELECT " + R + ".id FROM " + tables.flowRun() + " " + R
                + " WHERE ").append(sql.dialect().in(R + ".id", SqlType.UUID, locked)).append(" AND ").append(where)
                .append(order), row -> row.uuid("id"));
    }

    /**
     * The runs carrying {@code tag}, newest id first, straight from the tag index, each checked against the whole
     * criterion and locked by a lateral subquery:
     * <pre>
     * SELECT x.id FROM (SELECT DISTINCT t.flow_run_id AS id FROM tag t WHERE t.tag = ? ORDER BY 1 DESC) c
     * CROSS JOIN LATERAL (SELECT r.id FROM flow_run r WHERE r.id = c.id AND &lt;criterion&gt; FOR UPDATE) x
     * ORDER BY c.id DESC LIMIT ?
     * </pre>
     * The plain {@code … WHERE r.id IN (SELECT … tag …) ORDER BY r.id DESC LIMIT ? FOR UPDATE} made PostgreSQL merge
     * the tag index with a backward walk of the primary key, which passes every newer run that does not match: the
     * walk grows as matching runs are deleted from the top, measured at 117,000 entries and 240 ms per batch halfway
     * through draining 500,000 of 1,000,000 runs (docs/BENCHMARKS.md). The lateral form reads the tag index in id
     * order and stops at {@code limit}; rows are still locked in id order.
     */
    private Sql lockDrivenByTag(Criterion criterion, String tag, int limit) {
        return Sql.of("SELECT x.id FROM (SELECT DISTINCT t.flow_run_id AS id FROM " + tables.flowRunTag()
                        + " t WHERE t.tag = ").text(tag)
                .append(" ORDER BY 1 DESC) c CROSS JOIN LATERAL (SELECT " + R + ".id FROM " + tables.flowRun() + " "
                        + R + " WHERE " + R + ".id = c.id AND ").append(criteria.where(criterion))
                .append(sql.dialect().forUpdate() + ") x ORDER BY c.id DESC LIMIT ").integer(limit);
    }

    /**
     * The newest runs carrying {@code tag} that match the whole criterion, straight from the tag index, without locks:
     * <pre>
     * SELECT t.flow_run_id AS id FROM tag t STRAIGHT_JOIN flow_run r ON r.id = t.flow_run_id
     * WHERE t.tag = ? AND &lt;criterion&gt; GROUP BY t.flow_run_id ORDER BY t.flow_run_id DESC LIMIT ?
     * </pre>
     * MariaDB has no {@code LATERAL}; the join reads the tag index backwards in id order and stops at the limit
     * ({@code GROUP BY} folds a tag listed twice on one run). The plain {@code r.id IN (SELECT … tag …) ORDER BY r.id
     * DESC LIMIT ?} materializes the tag's runs and walks the primary key backwards past every newer run that does not
     * match, a walk that grows as matching runs are deleted from the top: 110 ms of a 250 ms bulk delete of 200 runs
     * (100,000 runs, 10 % tagged, after 2,000 deleted), against under a millisecond for the join (docs/BENCHMARKS.md).
     * The ids are then locked and checked again as for any criterion.
     */
    static Sql candidatesDrivenByTag(Dialect dialect, Tables tables, Criterion criterion, String tag, int limit) {
        Sql query = Sql.of("SELECT t.flow_run_id AS id FROM " + tables.flowRunTag() + " t STRAIGHT_JOIN "
                + tables.flowRun() + " " + R + " ON " + R + ".id = t.flow_run_id WHERE t.tag = ").text(tag);
        // "Carries the tag" is what the join says already; as a condition too it would make MariaDB read every
        // run carrying it first (a materialized subquery), which the join is here to avoid.
        Criterion rest = withoutTag(criterion, tag);
        if (rest != null) {
            query.append(" AND ").append(new CriterionSql(dialect, tables).where(rest));
        }
        return dialect.limit(query.append(" GROUP BY t.flow_run_id ORDER BY t.flow_run_id DESC"), limit, 0);
    }

    /** {@code criterion} without the conditions that say only "carries {@code tag}"; null when nothing is left. */
    static Criterion withoutTag(Criterion criterion, String tag) {
        if (criterion instanceof Criterion.TagsContainAny any && Set.copyOf(any.tags()).equals(Set.of(tag))
                || criterion instanceof Criterion.TagsContainAll all && Set.copyOf(all.tags()).equals(Set.of(tag))) {
            return null;
        }
        if (criterion instanceof Criterion.And and) {
            List<Criterion> rest = new ArrayList<>();
            for (Criterion child : and.children()) {
                Criterion kept = withoutTag(child, tag);
                if (kept != null) {
                    rest.add(kept);
                }
            }
            return rest.isEmpty() ? null : rest.size() == 1 ? rest.get(0) : new Criterion.And(rest);
        }
        return criterion;
    }

    /**
     * A tag every matching run carries, when the criterion says so at its top level: {@code tags.any_} of one tag, or
     * {@code tags.all_}, alone or ANDed with anything. Null otherwise.
     */
    static String drivingTag(Criterion criterion) {
        if (criterion instanceof Criterion.TagsContainAny any && new LinkedHashSet<>(any.tags()).size() == 1) {
            return any.tags().get(0);
        }
        if (criterion instanceof Criterion.TagsContainAll all && !all.tags().isEmpty()) {
            return all.tags().get(0);
        }
        if (criterion instanceof Criterion.And and) {
            for (Criterion child : and.children()) {
                String tag = drivingTag(child);
                if (tag != null) {
                    return tag;
                }
            }
        }
        return null;
    }

    /**
     * One UPDATE: parents among these runs' task runs are set to null ({@link Dialect#orphanSubflows}); where that
     * UPDATE may lock rows it does not change (MariaDB), a plain read of the subflows' ids, then an UPDATE by key.
     */
    @Override
    public int orphanSubflowsOf(Collection<UUID> flowRunIds) {
        if (flowRunIds.isEmpty()) {
            return 0;
        }
        Sql ofTheseRuns = sql.dialect().in("tr.flow_run_id", SqlType.UUID, new LinkedHashSet<>(flowRunIds));
        if (sql.dialect().deleteMayLockOtherRows()) {
            List<UUID> subflows = sql.query("find subflow runs",
                    sql.dialect().subflowIds(tables.flowRun(), tables.taskRun(), ofTheseRuns), row -> row.uuid("id"));
            return subflows.isEmpty() ? 0 : sql.update("orphan subflow runs", sql.dialect().updateWhereIn(
                    tables.flowRun(), "parent_task_run_id = NULL", "id", new LinkedHashSet<>(subflows)));
        }
        return sql.update("orphan subflow runs", sql.dialect().orphanSubflows(tables.flowRun(), tables.taskRun(),
                ofTheseRuns));
    }

    /**
     * One statement that deletes and reports exactly the rows it deleted (RETURNING, or H2's OLD TABLE). Where such a
     * DELETE may lock other rows too (MariaDB), two: the rows are locked and read through the primary key
     * ({@code SELECT … FOR UPDATE}: what this transaction then deletes, as it deletes it), then deleted by key.
     */
    @Override
    public List<DeletedFlowRun> delete(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        if (sql.dialect().deleteMayLockOtherRows()) {
            List<DeletedFlowRun> locked = sql.query("lock flow runs to delete", Sql.of("SELECT id, state_type, "
                    + "deployment_id FROM " + tables.flowRun() + " WHERE ")
                    .append(sql.dialect().in("id", SqlType.UUID, new LinkedHashSet<>(ids)))
                    .append(" ORDER BY " + sql.dialect().orderBy("id", false, false) + sql.dialect().forUpdate()),
                    row -> new DeletedFlowRun(row.uuid("id"), row.stateType("state_type"), row.uuid("deployment_id")));
            if (!locked.isEmpty()) {
                List<UUID> lockedIds = new ArrayList<>(locked.size());
                locked.forEach(r -> lockedIds.add(r.id()));
                sql.update("delete flow runs", sql.dialect().deleteWhereIn(tables.flowRun(), "id", lockedIds));
            }
            return locked;
        }
        Sql where = sql.dialect().in("id", SqlType.UUID, new LinkedHashSet<>(ids));
        return sql.query("delete flow runs", sql.dialect().deleteReturning(tables.flowRun(), where,
                "id, state_type, deployment_id"),
                row -> new DeletedFlowRun(row.uuid("id"), row.stateType("state_type"), row.uuid("deployment_id")));
    }

    private Sql select(String columns, Criterion criterion) {
        Sql s = Sql.of("SELECT " + columns + " FROM " + tables.flowRun() + " " + R);
        Sql where = criteria.where(criterion);
        return where == null ? s : s.append(" WHERE ").append(where);
    }

    /** Loads the tags of these runs with one query and puts them in. */
    private List<FlowRun> withTags(List<FlowRun> runs) {
        if (runs.isEmpty()) {
            return runs;
        }
        List<UUID> ids = new ArrayList<>(runs.size());
        for (FlowRun r : runs) {
            ids.add(r.id());
        }
        Map<UUID, List<String>> tags = new HashMap<>();
        sql.query("find flow run tags", Sql.of("SELECT flow_run_id, tag FROM " + tables.flowRunTag() + " WHERE ")
                .append(sql.dialect().in("flow_run_id", SqlType.UUID, ids)).append(" ORDER BY flow_run_id, tag_order"),
                row -> tags.computeIfAbsent(row.uuid("flow_run_id"), k -> new ArrayList<>()).add(row.string("tag")));
        if (tags.isEmpty()) {
            return runs;
        }
        List<FlowRun> result = new ArrayList<>(runs.size());
        for (FlowRun r : runs) {
            List<String> t = tags.get(r.id());
            result.add(t == null ? r : r.toBuilder().tags(t).build());
        }
        return result;
    }

    private static FlowRun map(Row row) throws SQLException {
        CreatedBy by = row.bool("created_by_set")
                ? new CreatedBy(row.uuid("created_by_id"), row.string("created_by_type"),
                row.string("created_by_display_value"))
                : null;
        return new FlowRun(row.uuid("id"), row.string("name"), row.uuid("flow_id"), row.stateType("state_type"),
                row.string("state_name"), List.of(), row.uuid("deployment_id"), row.string("work_queue_name"),
                row.string("flow_version"), row.time("start_time"), row.time("end_time"),
                row.time("expected_start_time"), row.time("next_scheduled_start_time"),
                row.uuid("parent_task_run_id"), row.string("idempotency_key"), by, row.time("created"),
                row.time("updated"));
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
    }
}
