package dev.flowsweep.jdbc.sql;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.jdbc.dialect.Dialect;
import dev.flowsweep.model.StateType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@link Criterion} into a SQL condition on the flow run table (alias {@value #RUN}), by composition:
 * each node writes its own fragment and binds its own values; {@link Criterion.And} and {@link Criterion.Or}
 * only join their children's fragments. Lists are bound the dialect's way ({@link Dialect#in}), so a list of
 * 100,000 ids is one array parameter on PostgreSQL and H2.
 *
 * <p>Tag criteria are {@code r.id IN (SELECT flow_run_id FROM tag WHERE tag …)} so the database can start from
 * the tag index instead of testing every run; {@code name.like_} uses the {@code name_lower} column written by
 * Java with {@code Locale.ROOT}, and {@code start_time} bounds the {@code effective_start_time} column
 * ({@code coalesce(start_time, expected_start_time)}, also written by Java).
 */
public final class CriterionSql implements Criterion.Visitor<Sql> {
    /** The alias of the flow run table that the fragments refer to. */
    public static final String RUN = "r";
    /** The escape character of {@code LIKE} patterns. */
    static final char LIKE_ESCAPE = '!';

    private final Dialect dialect;
    private final Tables tables;

    /** Fragments for this dialect over these tables. */
    public CriterionSql(Dialect dialect, Tables tables) {
        this.dialect = dialect;
        this.tables = tables;
    }

    /** The condition for {@code criterion}, or {@code null} when it is null (every run matches). */
    public Sql where(Criterion criterion) {
        return criterion == null ? null : criterion.accept(this);
    }

    @Override
    public Sql visitAnd(Criterion.And c) {
        return join(c.children(), " AND ");
    }

    @Override
    public Sql visitOr(Criterion.Or c) {
        return join(c.children(), " OR ");
    }

    private Sql join(List<Criterion> children, String operator) {
        Sql sql = Sql.of("(");
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) {
                sql.append(operator);
            }
            sql.append(children.get(i).accept(this));
        }
        return sql.append(")");
    }

    @Override
    public Sql visitMatchNone(Criterion.MatchNone c) {
        return Sql.of("1 = 0");
    }

    @Override
    public Sql visitIn(Criterion.In c) {
        ColumnRef col = column(c.column());
        return dialect.in(col.expr, col.type, values(c.column(), c.values()));
    }

    /** {@code x IS NOT NULL AND NOT (x IN …)}: a null column is not matched. */
    @Override
    public Sql visitNotIn(Criterion.NotIn c) {
        ColumnRef col = column(c.column());
        return Sql.of("(" + col.expr + " IS NOT NULL AND NOT (")
                .append(dialect.in(col.expr, col.type, values(c.column(), c.values()))).append("))");
    }

    @Override
    public Sql visitIsNull(Criterion.IsNull c) {
        return switch (c.column()) {
            case TAGS -> Sql.of((c.isNull() ? "NOT EXISTS" : "EXISTS") + " (SELECT 1 FROM " + tables.flowRunTag()
                    + " t WHERE t.flow_run_id = " + RUN + ".id)");
            case CREATED_BY -> Sql.of(RUN + ".created_by_set = " + (c.isNull() ? "FALSE" : "TRUE"));
            default -> Sql.of(column(c.column()).expr + (c.isNull() ? " IS NULL" : " IS NOT NULL"));
        };
    }

    /** {@code r.name_lower LIKE ? ESCAPE '!'} with {@code %}, {@code _} and {@code !} escaped in the value. */
    @Override
    public Sql visitNameContains(Criterion.NameContains c) {
        return Sql.of(RUN + ".name_lower LIKE ").text("%" + escapeLike(c.lowerCaseText()) + "%")
                .append(" ESCAPE '" + LIKE_ESCAPE + "'");
    }

    @Override
    public Sql visitTimeBound(Criterion.TimeBound c) {
        String expr = switch (c.column()) {
            case EFFECTIVE_START_TIME -> RUN + ".effective_start_time";
            case END_TIME -> RUN + ".end_time";
            case EXPECTED_START_TIME -> RUN + ".expected_start_time";
            case NEXT_SCHEDULED_START_TIME -> RUN + ".next_scheduled_start_time";
        };
        return Sql.of(expr + (c.before() ? " <= " : " >= ")).time(c.bound());
    }

    /** Runs having every one of the distinct tags: grouped over the tag index. */
    @Override
    public Sql visitTagsContainAll(Criterion.TagsContainAll c) {
        Set<String> distinct = new LinkedHashSet<>(c.tags());
        Sql sql = Sql.of(RUN + ".id IN (SELECT t.flow_run_id FROM " + tables.flowRunTag() + " t WHERE ")
                .append(dialect.in("t.tag", SqlType.TEXT, distinct));
        if (distinct.size() > 1) {
            sql.append(" GROUP BY t.flow_run_id HAVING COUNT(DISTINCT t.tag) = ").integer(distinct.size());
        }
        return sql.append(")");
    }

    @Override
    public Sql visitTagsContainAny(Criterion.TagsContainAny c) {
        return Sql.of(RUN + ".id IN (SELECT t.flow_run_id FROM " + tables.flowRunTag() + " t WHERE ")
                .append(dialect.in("t.tag", SqlType.TEXT, new LinkedHashSet<>(c.tags()))).append(")");
    }

    @Override
    public Sql visitParentFlowRunIn(Criterion.ParentFlowRunIn c) {
        return Sql.of(RUN + ".parent_task_run_id IN (SELECT tr.id FROM " + tables.taskRun() + " tr WHERE ")
                .append(dialect.in("tr.flow_run_id", SqlType.UUID, new LinkedHashSet<>(c.flowRunIds()))).append(")");
    }

    /** Escapes the LIKE wildcards and the escape character itself. */
    static String escapeLike(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '%' || ch == '_' || ch == LIKE_ESCAPE) {
                b.append(LIKE_ESCAPE);
            }
            b.append(ch);
        }
        return b.toString();
    }

    private static List<Object> values(Criterion.Column column, List<?> values) {
        Set<Object> distinct = new LinkedHashSet<>();
        for (Object v : values) {
            distinct.add(column == Criterion.Column.STATE_TYPE ? ((StateType) v).name() : v);
        }
        return new ArrayList<>(distinct);
    }

    private static ColumnRef column(Criterion.Column column) {
        return switch (column) {
            case ID -> new ColumnRef(RUN + ".id", SqlType.UUID);
            case NAME -> new ColumnRef(RUN + ".name", SqlType.TEXT);
            case DEPLOYMENT_ID -> new ColumnRef(RUN + ".deployment_id", SqlType.UUID);
            case WORK_QUEUE_NAME -> new ColumnRef(RUN + ".work_queue_name", SqlType.TEXT);
            case STATE_TYPE -> new ColumnRef(RUN + ".state_type", SqlType.TEXT);
            case STATE_NAME -> new ColumnRef(RUN + ".state_name", SqlType.TEXT);
            case FLOW_VERSION -> new ColumnRef(RUN + ".flow_version", SqlType.TEXT);
            case PARENT_TASK_RUN_ID -> new ColumnRef(RUN + ".parent_task_run_id", SqlType.UUID);
            case IDEMPOTENCY_KEY -> new ColumnRef(RUN + ".idempotency_key", SqlType.TEXT);
            case CREATED_BY_ID -> new ColumnRef(RUN + ".created_by_id", SqlType.UUID);
            case CREATED_BY_TYPE -> new ColumnRef(RUN + ".created_by_type", SqlType.TEXT);
            case START_TIME -> new ColumnRef(RUN + ".start_time", SqlType.TIME);
            case END_TIME -> new ColumnRef(RUN + ".end_time", SqlType.TIME);
            case CREATED_BY, TAGS -> throw new IllegalArgumentException(column + " is only tested by IsNull");
        };
    }

    private record ColumnRef(String expr, SqlType type) {
    }
}
