package dev.flowsweep.jdbc.internal.layout.flowsweep;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.layout.Bookkeeping;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.schema.Migration;
import dev.flowsweep.jdbc.internal.schema.SchemaDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of Flowsweep's tables: the scripts {@code db/<database>/V<n>__<description>.sql}, with the table prefix
 * as {@code ${prefix}}, each recording its version in {@code <prefix>schema_version}.
 */
public final class FlowsweepSchema implements SchemaDefinition {
    /** The scripts of this release, oldest first. */
    public static final List<Migration> MIGRATIONS = List.of(new Migration(1, "flowsweep_schema"),
            new Migration(2, "leases"), new Migration(3, "archive"));

    private final String folder;
    private final String prefix;
    private final TableLayout layout;

    FlowsweepSchema(DatabaseEngine db, String prefix, TableLayout layout) {
        this.folder = "db/" + db.name();
        this.prefix = prefix;
        this.layout = layout;
    }

    @Override
    public String folder() {
        return folder;
    }

    @Override
    public List<Migration> migrations() {
        return MIGRATIONS;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public String versionTable() {
        return layout.bookkeeping().schemaVersion();
    }

    /** The columns each table must have, as the stores read and write them. */
    @Override
    public Map<String, List<String>> expectedColumns() {
        Bookkeeping b = layout.bookkeeping();
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(b.schemaVersion(), List.of("version", "description", "installed_at"));
        m.put(layout.flows().table(), List.of("id", "name"));
        m.put(layout.concurrencyLimits().table(), List.of("id", "name", "slot_limit", "active", "active_slots"));
        m.put(layout.deployments().table(), List.of("id", "name", "flow_id", "concurrency_limit_id"));
        m.put(layout.flowRuns().table(), List.of("id", "name", "name_lower", "flow_id", "state_type", "state_name",
                "deployment_id", "work_queue_name", "flow_version", "start_time", "end_time", "expected_start_time",
                "next_scheduled_start_time", "effective_start_time", "parent_task_run_id", "idempotency_key",
                "created_by_set", "created_by_id", "created_by_type", "created_by_display_value", "created", "updated"));
        m.put(layout.tagIndex().table(), List.of("flow_run_id", "tag_order", "tag"));
        m.put(layout.taskRuns().table(), List.of("id", "flow_run_id", "task_key", "dynamic_key", "name", "state_type",
                "state_name"));
        m.put(layout.logs().table(), List.of("id", "name", "log_level", "message", "log_timestamp", "flow_run_id",
                "task_run_id"));
        m.put(b.purgeQueue(), List.of("flow_run_id", "enqueued_at", "next_attempt_at", "attempts", "failed",
                "last_error", "archive_batch_id", "archive_reason", "archive_actor"));
        m.put(b.archive(), List.of("id", "batch_id", "reason", "actor", "archived_at", "kind", "source_id", "document"));
        m.put(b.lease(), List.of("name", "owner", "acquired_at", "expires_at"));
        return m;
    }
}
