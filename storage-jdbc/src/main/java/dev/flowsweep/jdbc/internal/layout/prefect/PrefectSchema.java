package dev.flowsweep.jdbc.internal.layout.prefect;

import dev.flowsweep.jdbc.UnsupportedDatabaseException;
import dev.flowsweep.jdbc.internal.layout.Bookkeeping;
import dev.flowsweep.jdbc.internal.schema.Migration;
import dev.flowsweep.jdbc.internal.schema.SchemaDefinition;
import dev.flowsweep.jdbc.internal.schema.SchemaManager;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schema step of Prefect's layout. Prefect's tables are Prefect's: they are checked, never created or altered.
 * Before anything else, the database must be a Prefect database ({@code alembic_version} and {@code flow_run} exist)
 * at an accepted Alembic revision; then the four bookkeeping tables are created from
 * {@code db/prefect/<database>/V<n>__*.sql} (in {@code SchemaMode.CREATE}) and every table the stores use is
 * validated. The dialect then reads what its fragments depend on, and the indexes worth creating are kept to be
 * advised ({@link #advisedIndexes}).
 */
final class PrefectSchema implements SchemaDefinition {
    /** The bookkeeping scripts of this release, oldest first. */
    static final List<Migration> MIGRATIONS = List.of(new Migration(1, "flowsweep_bookkeeping"),
            new Migration(2, "archive"));
    /** The Alembic head of Prefect's PostgreSQL schema this release was tested with. */
    static final String POSTGRESQL_HEAD = "9e9dadc36797";
    /** The Alembic head of Prefect's SQLite schema this release was tested with. */
    static final String SQLITE_HEAD = "f416ea180ae1";

    private final PrefectLayout layout;
    private final PrefectDialect dialect;
    private final String folder;
    private final Set<String> acceptedRevisions;
    private volatile String revision;
    private volatile List<String> advised = List.of();

    /**
     * @param extraRevisions revisions accepted besides the tested head; null to accept any revision
     */
    PrefectSchema(PrefectLayout layout, PrefectDialect dialect, Set<String> extraRevisions) {
        this.layout = layout;
        this.dialect = dialect;
        this.folder = "db/prefect/" + layout.db().name();
        if (extraRevisions == null) {
            this.acceptedRevisions = null;
        } else {
            Set<String> accepted = new TreeSet<>(extraRevisions);
            accepted.add(testedHead());
            this.acceptedRevisions = Set.copyOf(accepted);
        }
    }

    private String testedHead() {
        return layout.db().name().equals("sqlite") ? SQLITE_HEAD : POSTGRESQL_HEAD;
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
        return layout.tablePrefix();
    }

    @Override
    public String versionTable() {
        return layout.bookkeeping().schemaVersion();
    }

    /** The columns of Prefect's tables the stores read and write, and the bookkeeping tables. */
    @Override
    public Map<String, List<String>> expectedColumns() {
        Bookkeeping b = layout.bookkeeping();
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(b.schemaVersion(), List.of("version", "description", "installed_at"));
        m.put("flow", List.of("id", "created", "updated", "name"));
        m.put("concurrency_limit_v2", List.of("id", "created", "updated", "active", "name", "\"limit\"", "active_slots",
                "denied_slots", "slot_decay_per_second", "avg_slot_occupancy_seconds"));
        m.put("deployment", List.of("id", "created", "updated", "name", "flow_id", "concurrency_limit_id",
                "concurrency_limit", "enforce_parameter_schema", "paused", "status", "parameter_openapi_schema"));
        m.put("flow_run", List.of("id", "created", "updated", "name", "state_type", "state_name", "state_timestamp",
                "state_id", "run_count", "total_run_time", "flow_version", "parameters", "idempotency_key", "context",
                "empirical_policy", "tags", "auto_scheduled", "flow_id", "deployment_id", "parent_task_run_id",
                "work_queue_name", "created_by", "job_variables", "labels", "expected_start_time",
                "next_scheduled_start_time", "start_time", "end_time"));
        m.put("flow_run_state", List.of("id", "created", "updated", "type", "\"timestamp\"", "name", "message",
                "state_details", "data", "flow_run_id", "result_artifact_id"));
        m.put("task_run", List.of("id", "created", "updated", "name", "state_type", "state_name", "state_timestamp",
                "state_id", "run_count", "total_run_time", "task_key", "dynamic_key", "empirical_policy", "task_inputs",
                "tags", "flow_run_id", "flow_run_run_count", "labels"));
        m.put("task_run_state", List.of("id", "created", "updated", "type", "\"timestamp\"", "name", "message",
                "state_details", "data", "task_run_id", "result_artifact_id"));
        m.put("log", List.of("id", "created", "updated", "name", "level", "flow_run_id", "task_run_id", "message",
                "\"timestamp\""));
        m.put("artifact", List.of("id", "key", "type", "data", "description", "created", "updated", "flow_run_id",
                "task_run_id", "metadata_"));
        m.put("artifact_collection", List.of("id", "key", "latest_id", "type", "data", "description", "created",
                "updated", "flow_run_id", "task_run_id", "metadata_"));
        m.put(b.purgeQueue(), List.of("flow_run_id", "enqueued_at", "next_attempt_at", "attempts", "failed",
                "last_error", "archive_batch_id", "archive_reason", "archive_actor"));
        m.put(b.archive(), List.of("id", "batch_id", "reason", "actor", "archived_at", "kind", "source_id", "document"));
        m.put(b.lease(), List.of("name", "owner", "acquired_at", "expires_at"));
        return m;
    }

    /**
     * A Prefect database at an accepted revision, or a clear refusal; then the dialect's inspection.
     *
     * @throws UnsupportedDatabaseException when it is not a Prefect database, or at a revision not accepted
     */
    @Override
    public void checkPrerequisites(Connection connection) throws SQLException {
        for (String table : List.of("alembic_version", "flow_run")) {
            if (!SchemaManager.tableExists(connection, table)) {
                throw new UnsupportedDatabaseException("not a Prefect database (no table " + table + " in "
                        + where(connection) + "): Layout.PREFECT works on the tables of a Prefect 3 server, which "
                        + "creates them when it starts (alembic upgrade head)");
            }
        }
        List<String> found = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version_num FROM alembic_version")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        if (found.size() != 1) {
            throw new UnsupportedDatabaseException("not a Prefect database (alembic_version holds " + found.size()
                    + " revisions in " + where(connection) + ", a Prefect server keeps exactly one)");
        }
        String rev = found.get(0);
        if (acceptedRevisions != null && !acceptedRevisions.contains(rev)) {
            throw new UnsupportedDatabaseException("the Prefect database is at Alembic revision " + rev
                    + ", which this Flowsweep release was not tested with (accepted on " + layout.db().name() + ": "
                    + String.join(", ", acceptedRevisions) + "). If its tables are as Flowsweep expects, accept it with "
                    + "JdbcStorage.builder(dataSource).layout(Layout.PREFECT).acceptPrefectRevisions(\"" + rev
                    + "\") or .acceptAnyPrefectRevision()");
        }
        revision = rev;
        advised = List.copyOf(dialect.inspect(connection, prefix()));
    }

    /** The Alembic revision found at startup. */
    String revision() {
        return revision;
    }

    @Override
    public List<String> advisedIndexes() {
        return advised;
    }

    private static String where(Connection c) throws SQLException {
        String schema = c.getSchema();
        return schema != null ? "schema " + schema : "database " + c.getMetaData().getURL();
    }
}
