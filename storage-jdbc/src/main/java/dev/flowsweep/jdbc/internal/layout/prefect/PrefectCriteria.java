package dev.flowsweep.jdbc.internal.layout.prefect;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.layout.RunCriteria;
import dev.flowsweep.jdbc.internal.sql.Column;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.flowsweep.jdbc.internal.sql.Aliases.RUN;

/**
 * Filters on Prefect's {@code flow_run} table, with the contract's semantics rather than a Prefect server's (docs
 * CONTRACT.md): names compare exactly and sort by code point; {@code name.like_} is a literal substring of the name
 * lower-cased as {@code Locale.ROOT} does ({@code strpos}/{@code instr}, so {@code %} and {@code _} are plain
 * characters); tags are tested through the JSON array ({@link PrefectDialect#tagsAny}); the creator's id and type are
 * read from the JSON object, where a JSON {@code null} is a null creator like SQL NULL; start-time bounds and sorts
 * use {@code coalesce(start_time, expected_start_time)}; {@code parent_flow_run_id} goes through {@code task_run}.
 */
final class PrefectCriteria extends RunCriteria {
    private static final SqlType TIME = SqlType.TIMESTAMPTZ;
    private static final String EFFECTIVE_START = "coalesce(" + RUN + ".start_time, " + RUN + ".expected_start_time)";

    private final PrefectDialect dialect;

    PrefectCriteria(DatabaseEngine db, PrefectDialect dialect) {
        super(db);
        this.dialect = dialect;
    }

    @Override
    public Column column(Criterion.Column column) {
        return switch (column) {
            case ID -> new Column(RUN + ".id", SqlType.UUID);
            case NAME -> new Column(RUN + ".name", SqlType.TEXT);
            case DEPLOYMENT_ID -> new Column(RUN + ".deployment_id", SqlType.UUID);
            case WORK_QUEUE_NAME -> new Column(RUN + ".work_queue_name", SqlType.TEXT);
            case STATE_TYPE -> new Column(RUN + ".state_type", SqlType.TEXT);
            case STATE_NAME -> new Column(RUN + ".state_name", SqlType.TEXT);
            case FLOW_VERSION -> new Column(RUN + ".flow_version", SqlType.TEXT);
            case PARENT_TASK_RUN_ID -> new Column(RUN + ".parent_task_run_id", SqlType.UUID);
            case IDEMPOTENCY_KEY -> new Column(RUN + ".idempotency_key", SqlType.TEXT);
            case CREATED_BY_ID -> new Column(dialect.jsonText(RUN + ".created_by", "id"), SqlType.TEXT);
            case CREATED_BY_TYPE -> new Column(dialect.jsonText(RUN + ".created_by", "type"), SqlType.TEXT);
            case START_TIME -> new Column(RUN + ".start_time", TIME);
            case END_TIME -> new Column(RUN + ".end_time", TIME);
            case CREATED_BY, TAGS -> throw new IllegalArgumentException(column + " is only tested by IsNull");
        };
    }

    /**
     * State types through the enum ({@link PrefectDialect#stateTypeIn}); creator ids as the lower-case text Prefect
     * stores in the JSON object; every other column the database's way.
     */
    @Override
    public Sql in(Criterion.Column column, Collection<?> values) {
        if (column == Criterion.Column.STATE_TYPE) {
            return dialect.stateTypeIn(column(column).expr(), values);
        }
        if (column == Criterion.Column.CREATED_BY_ID) {
            List<String> text = new ArrayList<>(values.size());
            for (Object v : values) {
                text.add(((UUID) v).toString());
            }
            return db.in(column(column).expr(), SqlType.TEXT, text);
        }
        return super.in(column, values);
    }

    @Override
    public Sql isNull(Criterion.Column column, boolean isNull) {
        return switch (column) {
            case TAGS -> Sql.of(dialect.tagsEmpty(RUN + ".tags", isNull));
            case CREATED_BY -> Sql.of((isNull ? "" : "NOT ") + dialect.jsonIsNull(RUN + ".created_by"));
            default -> Sql.of(column(column).expr() + (isNull ? " IS NULL" : " IS NOT NULL"));
        };
    }

    /**
     * The lower-cased name holds the text: {@code strpos(lower(r.name COLLATE "und-x-icu"), ?) > 0} on PostgreSQL,
     * {@code instr(flowsweep_lower(r.name), ?) > 0} on SQLite.
     *
     * @throws IllegalArgumentException when the database cannot lower-case names as the contract says (PostgreSQL
     *                                  without ICU): a filter Prefect's schema cannot answer exactly
     */
    @Override
    public Sql nameContains(String lowerCaseText) {
        String lower = dialect.lowerCase(RUN + ".name");
        if (lower == null) {
            throw new IllegalArgumentException("a filter Prefect's schema cannot answer exactly: name.like_ needs the "
                    + "names lower-cased as Locale.ROOT does, and " + dialect.whyNoLowerCase());
        }
        return dialect.contains(lower, lowerCaseText);
    }

    @Override
    public Column time(Criterion.TimeColumn column) {
        return switch (column) {
            case EFFECTIVE_START_TIME -> new Column(EFFECTIVE_START, TIME);
            case END_TIME -> new Column(RUN + ".end_time", TIME);
            case EXPECTED_START_TIME -> new Column(RUN + ".expected_start_time", TIME);
            case NEXT_SCHEDULED_START_TIME -> new Column(RUN + ".next_scheduled_start_time", TIME);
        };
    }

    @Override
    public Sql tagsAll(Set<String> tags) {
        return dialect.tagsAll(RUN + ".tags", tags);
    }

    @Override
    public Sql tagsAny(Set<String> tags) {
        return dialect.tagsAny(RUN + ".tags", tags);
    }

    @Override
    public Sql parentFlowRunIn(Set<UUID> flowRunIds) {
        return Sql.of(RUN + ".parent_task_run_id IN (SELECT tr.id FROM task_run tr WHERE ")
                .append(db.in("tr.flow_run_id", SqlType.UUID, flowRunIds)).append(")");
    }

    @Override
    public Column sortKey(FlowRunSort.Key key) {
        return switch (key) {
            case ID -> null;
            case START_TIME -> new Column(EFFECTIVE_START, TIME);
            case EXPECTED_START_TIME -> new Column(RUN + ".expected_start_time", TIME);
            case NAME -> new Column(dialect.codePointOrder(RUN + ".name"), SqlType.TEXT);
            case NEXT_SCHEDULED_START_TIME -> new Column(RUN + ".next_scheduled_start_time", TIME);
            case END_TIME -> new Column(RUN + ".end_time", TIME);
        };
    }
}
