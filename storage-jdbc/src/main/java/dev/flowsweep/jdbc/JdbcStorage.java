package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.EmbeddedH2;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.layout.TablePrefix;
import dev.flowsweep.jdbc.internal.report.Reports;
import dev.flowsweep.jdbc.internal.schema.SchemaManager;
import dev.flowsweep.jdbc.internal.store.JdbcTransaction;
import dev.flowsweep.spi.FlowsweepStatementTimeoutException;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.TransactionCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The storage SPI over a {@link DataSource}: H2 2.x (the embedded default), PostgreSQL 12+, MariaDB 10.6+ and SQLite
 * 3.35+ ({@link Database}), in a {@link Layout} of tables: Flowsweep's own, or a Prefect server's.
 *
 * <pre>{@code
 * FlowsweepStorage storage = new JdbcStorage(dataSource);          // detects the database, creates the schema
 * FlowsweepStorage custom = JdbcStorage.builder(dataSource)
 *     .database(Database.POSTGRESQL)                                 // instead of detecting it
 *     .layout(Layout.FLOWSWEEP)                                      // the default
 *     .tablePrefix("fs_")
 *     .schemaMode(SchemaMode.VALIDATE)                               // the host runs db/<database>/V*.sql itself
 *     .statementTimeout(Duration.ofSeconds(30))
 *     .build();
 * FlowsweepStorage embedded = JdbcStorage.h2File(Path.of("flowsweep-data/flowsweep"));
 * JdbcStorage prefect = JdbcStorage.builder(prefectDataSource)       // a Prefect server's PostgreSQL or SQLite
 *     .layout(Layout.PREFECT)
 *     .build();
 * prefect.advisedIndexes();                                          // DDL worth running, never run by Flowsweep
 * }</pre>
 *
 * <p>Each {@link #inTransaction} call takes one connection from the DataSource, runs at READ COMMITTED with
 * autocommit off and the configured lock timeout, commits when the callback returns and rolls back when anything
 * fails, then puts the connection's autocommit, isolation, read-only flag and lock timeout back as it found them.
 * Failures of the database surface as {@link FlowsweepStorageException} keeping the {@link SQLException};
 * deadlocks, serialization failures, lock timeouts and a connection lost before the commit was sent are
 * {@link dev.flowsweep.spi.FlowsweepTransientException}s (core retries them, on a fresh connection); a connection lost
 * while the commit was in flight is a {@link dev.flowsweep.spi.FlowsweepCommitUnknownException} (never retried: it may
 * have committed); a statement past the statement timeout is a {@link FlowsweepStatementTimeoutException}. How each
 * database's errors are told apart: {@code internal.database.FailureKind} and the engines. The adapter itself never
 * retries. On SQLite, which has one writer at a time and no
 * row locks, each transaction is {@code BEGIN IMMEDIATE} under a busy timeout (the lock timeout), with foreign keys on
 * (Prefect's cascades need them) and autocommit left on; the connections must come in autocommit mode.
 *
 * <p>Two independent choices shape the SQL: the {@link Database} (detected from the connection's metadata and logged
 * unless named; MySQL and unknown databases are refused) and the {@link Layout} of tables. The schema of
 * {@link Layout#FLOWSWEEP} is shipped as versioned resources, {@code db/<database>/V<n>__<description>.sql}, with the
 * table prefix as the placeholder {@code ${prefix}}; the version is recorded in the {@code <prefix>schema_version}
 * table. Instances are thread-safe. The JDBC driver is the host's dependency: this module depends only on core and
 * the JDK (and, for {@link #h2File} alone, on H2).
 */
public final class JdbcStorage implements FlowsweepStorage {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    /** Default table prefix: tables are {@code flowsweep_flow_run}, {@code flowsweep_log}, … */
    public static final String DEFAULT_TABLE_PREFIX = "flowsweep_";
    /** Default layout: Flowsweep's own tables. */
    public static final Layout DEFAULT_LAYOUT = Layout.FLOWSWEEP;
    /** Default schema mode: create what is missing and migrate forward. */
    public static final SchemaMode DEFAULT_SCHEMA_MODE = SchemaMode.CREATE;
    /** Default timeout of each statement ({@link java.sql.Statement#setQueryTimeout}); zero means none. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Default lock wait timeout of each transaction ({@code lock_timeout} on PostgreSQL,
     * {@code innodb_lock_wait_timeout} on MariaDB, {@code LOCK_TIMEOUT} on H2, {@code busy_timeout} on SQLite); zero
     * keeps the database's own.
     */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** Default time an instance waits for another one that is creating the schema. */
    public static final Duration DEFAULT_SCHEMA_LOCK_WAIT = Duration.ofMinutes(2);

    private final DataSource dataSource;
    private final Database database;
    private final Layout layout;
    private final TableLayout tables;
    private final int queryTimeoutSeconds;
    private final Duration lockTimeout;
    private final String description;
    private final int schemaVersion;
    private final AutoCloseable owned;
    private final List<String> advisedIndexes;
    private volatile boolean closed;

    /**
     * A storage on this DataSource with every default: the database detected, Flowsweep's tables prefixed
     * {@value #DEFAULT_TABLE_PREFIX}, the schema created when missing.
     *
     * @throws FlowsweepStorageException when the database cannot be reached, is not supported, or the schema
     *                                   cannot be created
     */
    public JdbcStorage(DataSource dataSource) {
        this(builder(dataSource));
    }

    private JdbcStorage(Builder b) {
        this.dataSource = b.dataSource;
        this.layout = b.layout;
        this.queryTimeoutSeconds = b.statementTimeout.isZero() ? 0
                : (int) Math.max(1, Math.min(Integer.MAX_VALUE, (b.statementTimeout.toMillis() + 999) / 1000));
        this.lockTimeout = b.lockTimeout;
        this.owned = b.owned;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String product = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
            this.database = b.database != null ? b.database : Database.detect(md);
            this.tables = b.layout.create(database.engine(), b.tablePrefix,
                    b.anyPrefectRevision ? null : Set.copyOf(b.prefectRevisions));
            LOG.info("Flowsweep JDBC storage on {}: database {} ({}), layout {}", product, database.id(),
                    b.database != null ? "configured" : "detected", b.layout);
            DatabaseEngine db = tables.db();
            SchemaManager schema = new SchemaManager(db, tables.schema(), b.schemaLockWait);
            this.schemaVersion = b.schemaMode == SchemaMode.CREATE ? schema.createOrMigrate(c) : schema.validate(c);
            this.advisedIndexes = tables.schema().advisedIndexes();
            for (String ddl : advisedIndexes) {
                LOG.info("Flowsweep advises an index that Flowsweep never creates itself (run it if you wish): {}", ddl);
            }
            String where = c.getSchema() != null ? "schema " + c.getSchema()
                    : c.getCatalog() != null ? "database " + c.getCatalog() : md.getURL();
            this.description = "jdbc:" + database.id() + " (" + where + ", " + tables.describe() + ", schema v"
                    + schemaVersion + ")";
        } catch (SQLException e) {
            closeOwned();
            throw new FlowsweepStorageException("cannot start the Flowsweep JDBC storage: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeOwned();
            throw e;
        }
    }

    /** A builder for a storage on this DataSource, with the {@code DEFAULT_*} settings. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * The JDBC URL of an embedded H2 database in a file: {@code jdbc:h2:file:<absolute path>;WRITE_DELAY=0}.
     * {@code WRITE_DELAY=0} makes H2 write each commit to disk before returning, so a committed bulk delete and its
     * queued log purge survive {@code kill -9} (H2 otherwise delays writes by half a second).
     *
     * @param baseName the database file without its {@code .mv.db} suffix, e.g. {@code flowsweep-data/flowsweep}
     */
    public static String h2FileUrl(Path baseName) {
        return "jdbc:h2:file:" + baseName.toAbsolutePath().normalize() + ";WRITE_DELAY=0";
    }

    /**
     * A storage on an embedded H2 database file at {@link #h2FileUrl(Path)}, through H2's own DataSource, with every
     * default. It keeps the database open until {@link #close()}. Needs {@code com.h2database:h2} 2.x on the class
     * path (an optional dependency of this module).
     *
     * @throws FlowsweepStorageException when H2 is missing or the database cannot be opened
     */
    public static JdbcStorage h2File(Path baseName) {
        String url = h2FileUrl(baseName);
        return builder(EmbeddedH2.dataSource(url)).keepOpen(url).build();
    }

    @Override
    public <T> T inTransaction(TransactionCallback<T> work) {
        Objects.requireNonNull(work, "work");
        if (closed) {
            throw new IllegalStateException("this JdbcStorage is closed");
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw tables.db().translate("get a connection", e);
        }
        JdbcTransaction tx = JdbcTransaction.begin(connection, tables, queryTimeoutSeconds, lockTimeout);
        T result;
        try {
            result = work.doInTransaction(tx);
            tx.commit();
        } catch (FlowsweepStatementTimeoutException e) {
            tx.close(e);
            throw timedOut(e);
        } catch (RuntimeException | Error e) {
            tx.close(e);
            throw e;
        }
        tx.close();
        return result;
    }

    /** The timeout said with its figure; the transaction is rolled back by then. */
    private FlowsweepStatementTimeoutException timedOut(FlowsweepStatementTimeoutException e) {
        FlowsweepStatementTimeoutException named = new FlowsweepStatementTimeoutException("statement timeout after "
                + queryTimeoutSeconds * 1000L + " ms, nothing deleted or changed (the transaction was rolled back; "
                + "JdbcStorage's statementTimeout): " + e.getMessage(), e.getCause());
        for (Throwable s : e.getSuppressed()) {
            named.addSuppressed(s);
        }
        return named;
    }

    /** The database in use, detected or configured. */
    public Database database() {
        return database;
    }

    /** The layout of tables in use. */
    public Layout layout() {
        return layout;
    }

    /** The table prefix in use. */
    public String tablePrefix() {
        return tables.tablePrefix();
    }

    /** The layout's tables on the database in use (for this package's tests). */
    TableLayout tables() {
        return tables;
    }

    /**
     * The DDL of indexes that would make Flowsweep's queries faster on tables Flowsweep does not own, found at startup
     * and logged once at INFO; Flowsweep never runs them. On Prefect's PostgreSQL tables without an index on
     * {@code flow_run.tags}: {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS <prefix>advised_flow_run_tags ON flow_run
     * USING gin (tags)}, which serves the {@code tags} filters. Empty on Flowsweep's own tables (created with their
     * indexes) and on SQLite (which cannot index the elements of a JSON array).
     */
    public List<String> advisedIndexes() {
        return advisedIndexes;
    }

    /**
     * What the tables Flowsweep touches hold and take on disk, the purge queue, and when a VACUUM would give space
     * back ({@link DatabaseReport}). Reads only; counting may read whole tables below 100,000 estimated rows.
     *
     * @throws FlowsweepStorageException when the database fails
     */
    public DatabaseReport report() {
        return Reports.read(dataSource, database.id(), tables.reportedTables(),
                inTransaction(tx -> tx.purgeQueue().stats()));
    }

    /** The schema version found (after creating or migrating, in {@link SchemaMode#CREATE}). */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** For example {@code jdbc:postgresql (schema public, tables flowsweep_*, schema v2)}. */
    @Override
    public String describe() {
        return description;
    }

    /** Closes what this storage opened itself (the embedded H2 helpers' database); never the host's DataSource. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeOwned();
        }
    }

    private void closeOwned() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.warn("could not close the embedded database", e);
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcStorage[" + description + "]";
    }

    /** Settings of a {@link JdbcStorage}; every one has a {@code DEFAULT_*} value. */
    public static final class Builder {
        private final DataSource dataSource;
        private Database database;
        private Layout layout = DEFAULT_LAYOUT;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private SchemaMode schemaMode = DEFAULT_SCHEMA_MODE;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration schemaLockWait = DEFAULT_SCHEMA_LOCK_WAIT;
        private String keepOpen;
        private AutoCloseable owned;
        private final Set<String> prefectRevisions = new LinkedHashSet<>();
        private boolean anyPrefectRevision;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Uses this database instead of detecting it from the connection's metadata ({@link Database#detect}). */
        public Builder database(Database database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** The layout of tables. Default {@link Layout#FLOWSWEEP}. */
        public Builder layout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * The prefix of every table and index name Flowsweep creates: empty, or {@code [a-z_][a-z0-9_]*} of at most
         * 24 characters. Default {@value #DEFAULT_TABLE_PREFIX}.
         *
         * @throws IllegalArgumentException for any other prefix
         */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = TablePrefix.check(prefix);
            return this;
        }

        /** Whether to create/migrate the schema or only validate it. Default {@link SchemaMode#CREATE}. */
        public Builder schemaMode(SchemaMode mode) {
            this.schemaMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Timeout of each statement of a transaction, in whole seconds rounded up; {@link Duration#ZERO} for none.
         * Applied as the JDBC query timeout of every statement (on MariaDB Connector/J sends it as
         * {@code SET STATEMENT max_statement_time=… FOR}; on H2 it is the session's query timeout; on SQLite the
         * driver turns it into the busy timeout), and on PostgreSQL also as {@code SET LOCAL statement_timeout}. A
         * statement that runs past it is cancelled, the transaction rolled back, and the call fails with a
         * {@link FlowsweepStatementTimeoutException} ("statement timeout after N ms, nothing deleted or changed"),
         * which is not retried. Keep it above the lock timeout, so that a lock wait ends as a (retried) lock timeout.
         */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = nonNegative(timeout, "statementTimeout");
            return this;
        }

        /**
         * How long a statement waits for a row lock before failing with a transient error (core then retries);
         * {@link Duration#ZERO} keeps the database's setting. MariaDB rounds up to whole seconds.
         */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = nonNegative(timeout, "lockTimeout");
            return this;
        }

        /**
         * For {@link Layout#PREFECT}: accepts a Prefect database at these Alembic revisions too, besides the one this
         * release was tested with (PostgreSQL {@code 9e9dadc36797}, SQLite {@code f416ea180ae1}). Startup still checks
         * every table and column Flowsweep uses.
         *
         * @throws IllegalArgumentException for a revision that is blank or longer than 32 characters (Alembic's column)
         */
        public Builder acceptPrefectRevisions(String... revisions) {
            for (String r : revisions) {
                if (r == null || r.isBlank() || r.length() > 32) {
                    throw new IllegalArgumentException("a Prefect (Alembic) revision is 1 to 32 characters, was "
                            + (r == null ? "null" : "\"" + r + "\""));
                }
                prefectRevisions.add(r);
            }
            return this;
        }

        /**
         * For {@link Layout#PREFECT}: accepts a Prefect database at any Alembic revision. Startup still checks every
         * table and column Flowsweep uses; what a revision this release was not tested with stores in them is the
         * operator's risk.
         */
        public Builder acceptAnyPrefectRevision() {
            this.anyPrefectRevision = true;
            return this;
        }

        /** How long to wait for another instance that holds the schema lock. */
        public Builder schemaLockWait(Duration wait) {
            this.schemaLockWait = nonNegative(wait, "schemaLockWait");
            return this;
        }

        /**
         * Keeps one connection open for the storage's life (embedded H2 closes a database with its last connection).
         *
         * @param url the embedded database's URL, for messages
         */
        Builder keepOpen(String url) {
            this.keepOpen = url;
            return this;
        }

        /**
         * Connects, detects or takes the database, creates or validates the schema.
         *
         * @throws FlowsweepStorageException when any of that fails
         */
        public JdbcStorage build() {
            if (keepOpen != null) {
                try {
                    owned = dataSource.getConnection();
                } catch (SQLException e) {
                    throw new FlowsweepStorageException("cannot open the embedded database " + keepOpen + ": "
                            + e.getMessage(), e);
                }
            }
            return new JdbcStorage(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative, was " + d);
            }
            return d;
        }
    }
}
