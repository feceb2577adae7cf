package dev.flowsweep.jdbc.internal.layout;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.sql.Aliases;
import dev.flowsweep.jdbc.internal.sql.Column;
import dev.flowsweep.jdbc.internal.sql.Sql;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * How a layout expresses each leaf of a filter on its flow run table (alias {@value Aliases#RUN}): the expression
 * and type of each column, and the conditions on tags, names, the creator and parent runs. {@link CriterionSql}
 * combines them; lists are bound the database's way ({@link DatabaseEngine#in}), so every leaf is written once per
 * layout and works on every database. A column may be an expression (a start time as
 * {@code coalesce(r.start_time, r.expected_start_time)}) and a leaf a JSON test the database writes.
 */
public abstract class RunCriteria {
    /** The database the fragments are written for. */
    protected final DatabaseEngine db;

    /** Fragments for {@code db}. */
    protected RunCriteria(DatabaseEngine db) {
        this.db = db;
    }

    /**
     * The expression and type of a column tested by {@code any_}, {@code not_any_} and {@code is_null_}.
     *
     * @throws IllegalArgumentException for {@code CREATED_BY} and {@code TAGS}, which only {@link #isNull} tests
     */
    public abstract Column column(Criterion.Column column);

    /**
     * The column is one of {@code values} (distinct, non-empty; state types as their names). Default:
     * {@link DatabaseEngine#in} on {@link #column}.
     */
    public Sql in(Criterion.Column column, Collection<?> values) {
        Column c = column(column);
        return db.in(c.expr(), c.type(), values);
    }

    /** The column is (or is not) null; for {@code TAGS}: the run has no tags (or has some). */
    public abstract Sql isNull(Criterion.Column column, boolean isNull);

    /**
     * {@code name.like_}: the run's name, lower-cased with {@code Locale.ROOT}, contains {@code lowerCaseText}
     * literally ({@code %}, {@code _} are plain characters).
     */
    public abstract Sql nameContains(String lowerCaseText);

    /** The expression and type of a time column bounded by {@code before_}/{@code after_}. */
    public abstract Column time(Criterion.TimeColumn column);

    /** The run carries every one of {@code tags} (distinct, non-empty). */
    public abstract Sql tagsAll(Set<String> tags);

    /** The run carries at least one of {@code tags} (distinct, non-empty). */
    public abstract Sql tagsAny(Set<String> tags);

    /** The run's parent task run belongs to one of {@code flowRunIds} (distinct, non-empty). */
    public abstract Sql parentFlowRunIn(Set<UUID> flowRunIds);

    /** The expression and type runs are sorted by for {@code key}; null for {@code ID} (the id alone). */
    public abstract Column sortKey(FlowRunSort.Key key);
}
