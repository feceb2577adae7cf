package dev.flowsweep.jdbc.internal.schema;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.spi.FlowsweepStorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates, migrates and validates a layout's tables on a database. Creation runs the layout's {@link Migration}s newer
 * than the version recorded in its version table, each applied the database's way
 * ({@link DatabaseEngine#applyMigration}, atomically where DDL is transactional), holding the database's schema lock
 * ({@link DatabaseEngine#lockSchema}) so that instances starting at once migrate once; the scripts are idempotent
 * besides. Validation checks every table and column and the version.
 */
public final class SchemaManager {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaManager.class);

    private final DatabaseEngine db;
    private final SchemaDefinition schema;
    private final Duration lockWait;

    public SchemaManager(DatabaseEngine db, SchemaDefinition schema, Duration lockWait) {
        this.db = db;
        this.schema = schema;
        this.lockWait = lockWait;
    }

    /** Creates what is missing and migrates forward, then validates. Returns the schema version. */
    public int createOrMigrate(Connection c) {
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try (DatabaseEngine.SchemaLock ignored = db.lockSchema(c, lockName(c), lockWait)) {
                schema.checkPrerequisites(c);
                int current = recordedVersion(c);
                for (Migration m : schema.migrations()) {
                    if (m.version() > current) {
                        db.applyMigration(c, m.statements(schema.folder(), schema.prefix()));
                        LOG.info("Flowsweep schema: applied {} ({} tables prefixed \"{}\")",
                                m.resource(schema.folder()), db.name(), schema.prefix());
                    }
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new FlowsweepStorageException("cannot create the Flowsweep schema (" + db.name()
                    + ", prefix \"" + schema.prefix() + "\"): " + e.getMessage(), e);
        }
        return validateTables(c);
    }

    /**
     * Checks that every table and column exists and that the recorded version is the current one.
     *
     * @return the schema version
     * @throws FlowsweepStorageException naming what is missing or which version was found
     */
    public int validate(Connection c) {
        try {
            schema.checkPrerequisites(c);
        } catch (SQLException e) {
            throw new FlowsweepStorageException("cannot validate the Flowsweep schema: " + e.getMessage(), e);
        }
        return validateTables(c);
    }

    private int validateTables(Connection c) {
        try {
            for (Map.Entry<String, List<String>> e : schema.expectedColumns().entrySet()) {
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
            int latest = schema.latestVersion();
            int version = recordedVersion(c);
            if (version < latest) {
                throw new FlowsweepStorageException("Flowsweep schema validation failed: schema version " + version
                        + " is recorded in " + schema.versionTable() + ", this release needs " + latest
                        + " (" + howToCreate() + ")", null);
            }
            if (version > latest) {
                LOG.warn("Flowsweep schema version {} is newer than this release's {}; continuing", version, latest);
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
        return "run " + schema.migrations().get(0).resource(schema.folder()) + " and later scripts with ${prefix} = \""
                + schema.prefix() + "\", or start JdbcStorage with SchemaMode.CREATE";
    }

    /** The highest version in the version table; 0 when the table does not exist yet. */
    private int recordedVersion(Connection c) throws SQLException {
        if (!tableExists(c, schema.versionTable())) {
            return 0;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM " + schema.versionTable())) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Whether the table exists in the connection's current catalog and schema. */
    public static boolean tableExists(Connection c, String table) throws SQLException {
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
        return c.getCatalog() + "." + c.getSchema() + "." + schema.prefix();
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
