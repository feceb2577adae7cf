package dev.flowsweep.jdbc.internal.archive;

import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.jdbc.internal.sql.TagIndex;
import dev.flowsweep.spi.ArchiveBatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The archive on Flowsweep's own tables: the documents of {@code flow_run} (with its {@code tags} array from the tag
 * table), {@code task_run} and {@code log}, each field a column (the helper columns {@code name_lower},
 * {@code effective_start_time} and {@code created_by_set}, which Java derives, are left out). Each database writes the
 * JSON fragments its way.
 */
abstract class FlowsweepArchiveSql extends ArchiveSql {
    private enum Kind { TEXT, UUID, TIME, INT }

    private record Field(String name, Kind kind) {
    }

    private static final List<Field> RUN = List.of(f("id", Kind.UUID), f("name", Kind.TEXT), f("flow_id", Kind.UUID),
            f("state_type", Kind.TEXT), f("state_name", Kind.TEXT), f("tags", null), f("deployment_id", Kind.UUID),
            f("work_queue_name", Kind.TEXT), f("flow_version", Kind.TEXT), f("start_time", Kind.TIME),
            f("end_time", Kind.TIME), f("expected_start_time", Kind.TIME), f("next_scheduled_start_time", Kind.TIME),
            f("parent_task_run_id", Kind.UUID), f("idempotency_key", Kind.TEXT), f("created_by_id", Kind.UUID),
            f("created_by_type", Kind.TEXT), f("created_by_display_value", Kind.TEXT), f("created", Kind.TIME),
            f("updated", Kind.TIME));
    private static final List<Field> TASK_RUN = List.of(f("id", Kind.UUID), f("flow_run_id", Kind.UUID),
            f("task_key", Kind.TEXT), f("dynamic_key", Kind.TEXT), f("name", Kind.TEXT), f("state_type", Kind.TEXT),
            f("state_name", Kind.TEXT));
    private static final List<Field> LOG = List.of(f("id", Kind.UUID), f("name", Kind.TEXT), f("log_level", Kind.INT),
            f("message", Kind.TEXT), f("log_timestamp", Kind.TIME), f("flow_run_id", Kind.UUID),
            f("task_run_id", Kind.UUID));

    FlowsweepArchiveSql(TableLayout layout) {
        super(layout);
    }

    private static Field f(String name, Kind kind) {
        return new Field(name, kind);
    }

    @Override
    public List<Sql> archiveRuns(SqlRunner sql, ArchiveBatch batch, List<UUID> runIds, Instant at) {
        Sql runs = insertFrom(batch, at, "flow_run", uuidText("r.id"), document(RUN, "r"))
                .append(layout.flowRuns().table() + " r WHERE ").append(db.in("r.id", SqlType.UUID, runIds));
        Sql tasks = insertFrom(batch, at, "task_run", uuidText("t.id"), document(TASK_RUN, "t"))
                .append(layout.taskRuns().table() + " t WHERE ").append(db.in("t.flow_run_id", SqlType.UUID, runIds));
        return List.of(runs, tasks);
    }

    @Override
    public Sql archiveLogs(SqlRunner sql, ArchiveBatch batch, List<UUID> runIds, Instant at) {
        return logsInsert(batch, runIds, at, uuidText("l.id"), document(LOG, "l"));
    }

    private String document(List<Field> fields, String alias) {
        StringBuilder pairs = new StringBuilder();
        for (Field field : fields) {
            String col = alias + "." + field.name();
            String value;
            if (field.kind() == null) {
                TagIndex tags = layout.tagIndex();
                value = tags("(SELECT " + "%s" + " FROM " + tags.table() + " g WHERE g." + tags.runColumn() + " = "
                        + alias + ".id)", "g." + tags.tagColumn(), "g.tag_order");
            } else {
                value = switch (field.kind()) {
                    case TEXT, INT -> col;
                    case UUID -> uuidText(col);
                    case TIME -> time(col);
                };
            }
            if (!pairs.isEmpty()) {
                pairs.append(", ");
            }
            pairs.append(pair(field.name(), value));
        }
        return object(pairs.toString());
    }

    /** The text of a UUID column. */
    abstract String uuidText(String col);

    /** A time column as {@code YYYY-MM-DDTHH:MM:SS.ffffffZ}, null as null. */
    abstract String time(String col);

    /** One key and value of an object. */
    abstract String pair(String key, String value);

    /** The object of these pairs, as text. */
    abstract String object(String pairs);

    /**
     * The tags array: {@code subquery} has a {@code %s} where the aggregate goes, over {@code tag} in {@code order};
     * an empty array when the run has no tags.
     */
    abstract String tags(String subquery, String tag, String order);
}
