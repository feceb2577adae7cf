package dev.flowsweep.spring.boot.properties;

import dev.flowsweep.jdbc.SchemaMode;

import java.time.Duration;

/** {@code flowsweep.storage.*}: the {@code JdbcStorage} built on the application's {@code DataSource}. */
public class StorageProperties {
    /**
     * Which tables: FLOWSWEEP (Flowsweep's own schema, created or validated by the storage) or PREFECT (Prefect's
     * own tables, not available in this version: startup fails).
     */
    private Layout layout = Layout.FLOWSWEEP;

    /** Prefix of every table and index name: empty, or [a-z_][a-z0-9_]* of at most 24 characters. */
    private String tablePrefix = "flowsweep_";

    /** CREATE creates missing tables and migrates forward; VALIDATE only checks them (Flyway, Liquibase). */
    private SchemaMode schemaMode = SchemaMode.CREATE;

    /** Timeout of each statement, in whole seconds rounded up; 0 for none. */
    private Duration statementTimeout = Duration.ofSeconds(60);

    /** How long a statement waits for a row lock before failing (then retried); 0 keeps the database's own. */
    private Duration lockTimeout = Duration.ofSeconds(10);

    /** How long startup waits for another instance that is creating the schema. */
    private Duration schemaLockWait = Duration.ofMinutes(2);

    /** The table layouts a storage can work on. */
    public enum Layout {
        /** Flowsweep's own tables ({@code <prefix>flow_run}, {@code <prefix>log}, ...). */
        FLOWSWEEP(true),
        /** Prefect's own tables, in a Prefect server's database: not available in this version. */
        PREFECT(false);

        private final boolean available;

        Layout(boolean available) {
            this.available = available;
        }

        /** Whether this version of Flowsweep can use the layout. */
        public boolean isAvailable() {
            return available;
        }
    }

    public Layout getLayout() {
        return layout;
    }

    public void setLayout(Layout layout) {
        this.layout = layout;
    }

    public String getTablePrefix() {
        return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    public SchemaMode getSchemaMode() {
        return schemaMode;
    }

    public void setSchemaMode(SchemaMode schemaMode) {
        this.schemaMode = schemaMode;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Duration getSchemaLockWait() {
        return schemaLockWait;
    }

    public void setSchemaLockWait(Duration schemaLockWait) {
        this.schemaLockWait = schemaLockWait;
    }
}
