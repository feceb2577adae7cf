package dev.flowsweep.jdbc.schema;

import dev.flowsweep.jdbc.dialect.Dialect;
import dev.flowsweep.jdbc.sql.Tables;
import dev.flowsweep.spi.FlowsweepStorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates, migrates and validates Flowsweep's tables. Creation runs the shipped {@link Migration}s newer than
 * the version recorded in the {@code schema_version} table, holding the dialect's schema lock (an advisory lock
 * on PostgreSQL, {@code GET_LOCK} on MariaDB, a JVM lock for embedded H2) so that instances starting at once
 * migrate once; the scripts are idempotent besides. Validation checks every table and column and the version.
 */
public final class SchemaManager {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaManager.class);

    private final Dialect dialect;
    private final Tables tables;
    private final Duration lockWait;

    public SchemaManager(Dialect dialect, Tables tables, Duration lockWait) {
        this.dialect = dialect;
        this.tables = tables;
        this.lockWait = lockWait;
    }

    /** The columns each table must have, as the stores read and write them. */
    public Map<String, List<String>> expectedColumns() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(tables.schemaVersion(), List.of("version", "description", "installed_at"));
        m.put(tables.flow(), List.of("id", "name"));
        m.put(tables.concurrencyLimit(), List.of("id", "name", "slot_limit", "active", "active_slots"));
        m.put(tables.deployment(), List.of("id", "name", "flow_id", "concurrency_limit_id"));
        m.put(tables.flowRun(), List.of("id", "name", "name_lower", "flow_id", "state_type", "state_name",
                "deployment_id", "work_queue_name", "flow_version", "start_time", "end_time", "expected_start_time",
                "next_scheduled_start_time", "effective_start_time", "parent_task_run_id", "idempotency_key",
                "created_by_set", "created_by_id", "created_by_type", "created_by_display_value", "created", "updated"));
        m.put(tables.flowRunTag(), List.of("flow_run_id", "tag_order", "tag"));
        m.put(tables.taskRun(), List.of("id", "flow_run_id", "task_key", "dynamic_key", "name", "state_type",
                "state_name"));
        m.put(tables.log(), List.of("id", "name", "log_level", "message", "log_timestamp", "flow_run_id",
                "task_run_id"));
        m.put(tables.purgeQueue(), List.of("flow_run_id", "enqueued_at", "next_attempt_at", "attempts", "failed",
                "last_error"));
        return m;
    }

    /** Creates what is missing and migrates forward, then validates. Returns the schema version. */
    public int createOrMigrate(Connection c) {
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try (Dialect.SchemaLock ignored = dialect.lockSchema(c, lockName(c), lockWait)) {
                int current = recordedVersion(c);
                for (Migration m : Migration.ALL) {
                    if (m.version() > current) {
                        apply(c, m);
                        LOG.info("Flowsweep schema: applied {} ({} tables prefixed \"{}\")",
                                m.resource(dialect.name()), dialect.name(), tables.prefix());
                    }
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new FlowsweepStorageException("cannot create the Flowsweep schema (" + dialect.name()
                    + ", prefix \"" + tables.prefix() + "\"): " + e.getMessage(), e);
        }
        return validate(c);
    }

    /**
     * Checks that every table and column exists and that the recorded version is the current one.
     *
     * @return the schema version
     * @throws FlowsweepStorageException naming what is missing or which version was found
     */
    public int validate(Connection c) {
        try {
            for (Map.Entry<String, List<String>> e : expectedColumns().entrySet()) {
                String table = e.getKey();
                if (!tableExists(c, table)) {
                    throw new FlowsweepStorageException("Flowsweep schema validation failed: table " + table
                            + " is missing (" + howToCreate() + ")", null);
                }
                String probe = "SELECT " + String.join(", ", e.getValue()) + " FROM " + table + " WHERE 1 = 0";
                try (Statement st = c.createStatement()) {
                    st.executeQuery(probe).close();
                } catch (SQLException ex) {
                    rollbackQuietly(c);
                    throw new FlowsweepStorageException("Flowsweep schema validation failed: table " + table
                            + " lacks some of the columns " + e.getValue() + ": " + ex.getMessage() + " ("
                            + howToCreate() + ")", ex);
                }
            }
            int version = recordedVersion(c);
            if (version < Migration.LATEST) {
                throw new FlowsweepStorageException("Flowsweep schema validation failed: schema version " + version
                        + " is recorded in " + tables.schemaVersion() + ", this release needs " + Migration.LATEST
                        + " (" + howToCreate() + ")", null);
            }
            if (version > Migration.LATEST) {
                LOG.warn("Flowsweep schema version {} is newer than this release's {}; continuing", version,
                        Migration.LATEST);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return version;
        } catch (SQLException e) {
            throw new FlowsweepStorageException("cannot validate the Flowsweep schema: " + e.getMessage(), e);
        }
    }

    private String howToCreate() {
        return "run " + Migration.ALL.get(0).resource(dialect.name()) + " and later scripts with ${prefix} = \""
                + tables.prefix() + "\", or start JdbcStorage with SchemaMode.CREATE";
    }

    private void apply(Connection c, Migration m) throws SQLException {
        List<String> statements = m.statements(dialect.name(), tables.prefix());
        boolean atomic = dialect.transactionalDdl();
        if (atomic) {
            c.setAutoCommit(false);
        }
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("schema statement failed: " + e.getMessage() + "\n" + sql,
                            e.getSQLState(), e.getErrorCode(), e);
                }
            }
            if (atomic) {
                c.commit();
            }
        } catch (SQLException e) {
            if (atomic) {
                rollbackQuietly(c);
            }
            throw e;
        } finally {
            if (atomic) {
                c.setAutoCommit(true);
            }
        }
    }

    /** The highest version in the version table; 0 when the table does not exist yet. */
    private int recordedVersion(Connection c) throws SQLException {
        if (!tableExists(c, tables.schemaVersion())) {
            return 0;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM " + tables.schemaVersion())) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Whether the table exists in the connection's current catalog and schema. */
    boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String name = md.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                : md.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        String escape = md.getSearchStringEscape();
        String pattern = escape == null || escape.isEmpty() ? name
                : name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), pattern, null)) {
            while (rs.next()) {
                if (name.equals(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private String lockName(Connection c) throws SQLException {
        return c.getCatalog() + "." + c.getSchema() + "." + tables.prefix();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }
}
