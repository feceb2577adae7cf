package dev.flowsweep.spring.boot.properties;

import dev.flowsweep.jdbc.SchemaMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code flowsweep.storage.*}: the {@code JdbcStorage} built on the application's {@code DataSource}. */
public class StorageProperties {
    /**
     * Which tables: FLOWSWEEP (Flowsweep's own schema, created or validated by the storage, on H2, PostgreSQL or
     * MariaDB) or PREFECT (a Prefect server's own tables, in its PostgreSQL database or SQLite file: checked, never
     * altered; Flowsweep's four bookkeeping tables are created beside them).
     */
    private Layout layout = Layout.FLOWSWEEP;

    /**
     * With the prefect layout: Alembic revisions of Prefect's schema accepted besides the ones this release was tested
     * with (every table and column Flowsweep uses is still checked).
     */
    private List<String> acceptPrefectRevisions = new ArrayList<>();

    /** With the prefect layout: accept a Prefect database at any Alembic revision. */
    private boolean acceptAnyPrefectRevision;

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

    /** The table layouts a storage can work on: {@link dev.flowsweep.jdbc.Layout}'s. */
    public enum Layout {
        /** Flowsweep's own tables ({@code <prefix>flow_run}, {@code <prefix>log}, ...). */
        FLOWSWEEP(dev.flowsweep.jdbc.Layout.FLOWSWEEP),
        /** Prefect's own tables, in a Prefect server's PostgreSQL or SQLite database. */
        PREFECT(dev.flowsweep.jdbc.Layout.PREFECT);

        private final dev.flowsweep.jdbc.Layout jdbc;

        Layout(dev.flowsweep.jdbc.Layout jdbc) {
            this.jdbc = jdbc;
        }

        /** The storage's layout. */
        public dev.flowsweep.jdbc.Layout jdbc() {
            return jdbc;
        }
    }

    public Layout getLayout() {
        return layout;
    }

    public void setLayout(Layout layout) {
        this.layout = layout;
    }

    public List<String> getAcceptPrefectRevisions() {
        return acceptPrefectRevisions;
    }

    public void setAcceptPrefectRevisions(List<String> acceptPrefectRevisions) {
        this.acceptPrefectRevisions = acceptPrefectRevisions;
    }

    public boolean isAcceptAnyPrefectRevision() {
        return acceptAnyPrefectRevision;
    }

    public void setAcceptAnyPrefectRevision(boolean acceptAnyPrefectRevision) {
        this.acceptAnyPrefectRevision = acceptAnyPrefectRevision;
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
