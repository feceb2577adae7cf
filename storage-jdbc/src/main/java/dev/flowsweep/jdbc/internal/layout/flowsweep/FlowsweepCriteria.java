package dev.flowsweep.jdbc.internal.layout.flowsweep;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.layout.RunCriteria;
import dev.flowsweep.jdbc.internal.sql.Column;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.jdbc.internal.sql.TagIndex;

import java.util.Set;
import java.util.UUID;

import static dev.flowsweep.jdbc.internal.sql.Aliases.RUN;

/**
 * Filters on Flowsweep's tables. Tag criteria are {@code r.id IN (SELECT flow_run_id FROM tag WHERE tag …)}, so the
 * database can start from the tag index instead of testing every run; {@code name.like_} uses the
 * {@code name_lower} column written by Java with {@code Locale.ROOT}, and {@code start_time} bounds and sorts use
 * the {@code effective_start_time} column ({@code coalesce(start_time, expected_start_time)}, also written by Java).
 * The creator is null exactly when {@code created_by_set} is false.
 */
final class FlowsweepCriteria extends RunCriteria {
    /** The escape character of {@code LIKE} patterns. */
    static final char LIKE_ESCAPE = '!';

    private final TagIndex tags;
    private final String taskRunTable;

    FlowsweepCriteria(DatabaseEngine db, TagIndex tags, String taskRunTable) {
        super(db);
        this.tags = tags;
        this.taskRunTable = taskRunTable;
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
            case CREATED_BY_ID -> new Column(RUN + ".created_by_id", SqlType.UUID);
            case CREATED_BY_TYPE -> new Column(RUN + ".created_by_type", SqlType.TEXT);
            case START_TIME -> new Column(RUN + ".start_time", SqlType.TIME);
            case END_TIME -> new Column(RUN + ".end_time", SqlType.TIME);
            case CREATED_BY, TAGS -> throw new IllegalArgumentException(column + " is only tested by IsNull");
        };
    }

    @Override
    public Sql isNull(Criterion.Column column, boolean isNull) {
        return switch (column) {
            case TAGS -> Sql.of((isNull ? "NOT EXISTS" : "EXISTS") + " (SELECT 1 FROM " + tags.table()
                    + " t WHERE t." + tags.runColumn() + " = " + RUN + ".id)");
            case CREATED_BY -> Sql.of(RUN + ".created_by_set = " + (isNull ? "FALSE" : "TRUE"));
            default -> Sql.of(column(column).expr() + (isNull ? " IS NULL" : " IS NOT NULL"));
        };
    }

    /** {@code r.name_lower LIKE ? ESCAPE '!'} with {@code %}, {@code _} and {@code !} escaped in the value. */
    @Override
    public Sql nameContains(String lowerCaseText) {
        return Sql.of(RUN + ".name_lower LIKE ").text("%" + escapeLike(lowerCaseText) + "%")
                .append(" ESCAPE '" + LIKE_ESCAPE + "'");
    }

    @Override
    public Column time(Criterion.TimeColumn column) {
        return switch (column) {
            case EFFECTIVE_START_TIME -> new Column(RUN + ".effective_start_time", SqlType.TIME);
            case END_TIME -> new Column(RUN + ".end_time", SqlType.TIME);
            case EXPECTED_START_TIME -> new Column(RUN + ".expected_start_time", SqlType.TIME);
            case NEXT_SCHEDULED_START_TIME -> new Column(RUN + ".next_scheduled_start_time", SqlType.TIME);
        };
    }

    /** Runs having every one of the distinct tags: grouped over the tag index. */
    @Override
    public Sql tagsAll(Set<String> distinct) {
        Sql sql = Sql.of(RUN + ".id IN (SELECT t." + tags.runColumn() + " FROM " + tags.table() + " t WHERE ")
                .append(db.in("t." + tags.tagColumn(), SqlType.TEXT, distinct));
        if (distinct.size() > 1) {
            sql.append(" GROUP BY t." + tags.runColumn() + " HAVING COUNT(DISTINCT t." + tags.tagColumn() + ") = ")
                    .integer(distinct.size());
        }
        return sql.append(")");
    }

    @Override
    public Sql tagsAny(Set<String> distinct) {
        return Sql.of(RUN + ".id IN (SELECT t." + tags.runColumn() + " FROM " + tags.table() + " t WHERE ")
                .append(db.in("t." + tags.tagColumn(), SqlType.TEXT, distinct)).append(")");
    }

    @Override
    public Sql parentFlowRunIn(Set<UUID> flowRunIds) {
        return Sql.of(RUN + ".parent_task_run_id IN (SELECT tr.id FROM " + taskRunTable + " tr WHERE ")
                .append(db.in("tr.flow_run_id", SqlType.UUID, flowRunIds)).append(")");
    }

    @Override
    public Column sortKey(FlowRunSort.Key key) {
        return switch (key) {
            case ID -> null;
            case START_TIME -> new Column(RUN + ".effective_start_time", SqlType.TIME);
            case EXPECTED_START_TIME -> new Column(RUN + ".expected_start_time", SqlType.TIME);
            case NAME -> new Column(RUN + ".name", SqlType.TEXT);
            case NEXT_SCHEDULED_START_TIME -> new Column(RUN + ".next_scheduled_start_time", SqlType.TIME);
            case END_TIME -> new Column(RUN + ".end_time", SqlType.TIME);
        };
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
}
