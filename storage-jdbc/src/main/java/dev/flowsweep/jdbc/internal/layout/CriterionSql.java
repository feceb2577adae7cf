package dev.flowsweep.jdbc.internal.layout;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.jdbc.internal.sql.Aliases;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.model.StateType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a {@link Criterion} into a SQL condition on the flow run table (alias {@value Aliases#RUN}), by composition:
 * {@link Criterion.And}, {@link Criterion.Or} and {@code not_any_} only join their children's fragments; every leaf
 * is written by the layout's {@link RunCriteria} and binds its own values.
 */
public final class CriterionSql implements Criterion.Visitor<Sql> {
    private final RunCriteria criteria;

    /** Conditions written with these leaves. */
    public CriterionSql(RunCriteria criteria) {
        this.criteria = criteria;
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
        return criteria.in(c.column(), values(c.column(), c.values()));
    }

    /** {@code x IS NOT NULL AND NOT (x IN …)}: a null column is not matched. */
    @Override
    public Sql visitNotIn(Criterion.NotIn c) {
        String expr = criteria.column(c.column()).expr();
        return Sql.of("(" + expr + " IS NOT NULL AND NOT (")
                .append(criteria.in(c.column(), values(c.column(), c.values()))).append("))");
    }

    @Override
    public Sql visitIsNull(Criterion.IsNull c) {
        return criteria.isNull(c.column(), c.isNull());
    }

    @Override
    public Sql visitNameContains(Criterion.NameContains c) {
        return criteria.nameContains(c.lowerCaseText());
    }

    @Override
    public Sql visitTimeBound(Criterion.TimeBound c) {
        var column = criteria.time(c.column());
        return Sql.of(column.expr() + (c.before() ? " <= " : " >= ")).bind(column.type(), c.bound());
    }

    @Override
    public Sql visitTagsContainAll(Criterion.TagsContainAll c) {
        return criteria.tagsAll(new LinkedHashSet<>(c.tags()));
    }

    @Override
    public Sql visitTagsContainAny(Criterion.TagsContainAny c) {
        return criteria.tagsAny(new LinkedHashSet<>(c.tags()));
    }

    @Override
    public Sql visitParentFlowRunIn(Criterion.ParentFlowRunIn c) {
        Set<UUID> ids = new LinkedHashSet<>(c.flowRunIds());
        return criteria.parentFlowRunIn(ids);
    }

    /** {@code id < ?}: the database's own order of ids, the one its {@code ORDER BY id DESC} walks down. */
    @Override
    public Sql visitIdBelow(Criterion.IdBelow c) {
        var id = criteria.column(Criterion.Column.ID);
        return Sql.of(id.expr() + " < ").bind(id.type(), c.id());
    }

    /** The distinct values, state types as their names. */
    private static List<Object> values(Criterion.Column column, List<?> values) {
        Set<Object> distinct = new LinkedHashSet<>();
        for (Object v : values) {
            distinct.add(column == Criterion.Column.STATE_TYPE ? ((StateType) v).name() : v);
        }
        return new ArrayList<>(distinct);
    }
}
