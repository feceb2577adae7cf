package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.dialect.Dialect;
import dev.flowsweep.jdbc.dialect.Dialects;
import dev.flowsweep.jdbc.schema.SchemaManager;
import dev.flowsweep.jdbc.schema.SchemaMode;
import dev.flowsweep.jdbc.sql.Tables;
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
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The storage SPI over a {@link DataSource}: H2 2.x (the embedded default), PostgreSQL 12+ and MariaDB 10.6+.
 *
 * <pre>{@code
 * FlowsweepStorage storage = new JdbcStorage(dataSource);          // detects the database, creates the schema
 * FlowsweepStorage custom = JdbcStorage.builder(dataSource)
 *     .tablePrefix("fs_")
 *     .schemaMode(SchemaMode.VALIDATE)                               // the host runs db/<dialect>/V*.sql itself
 *     .statementTimeout(Duration.ofSeconds(30))
 *     .build();
 * FlowsweepStorage embedded = JdbcStorage.h2File(Path.of("flowsweep-data/flowsweep"));
 * }</pre>
 *
 * <p>Each {@link #inTransaction} call takes one connection from the DataSource, runs at READ COMMITTED with
 * autocommit off and the configured lock timeout, commits when the callback returns and rolls back when anything
 * fails, then puts the connection's autocommit, isolation, read-only flag and lock timeout back as it found them.
 * Failures of the database surface as {@link FlowsweepStorageException} keeping the {@link SQLException};
 * deadlocks, serialization failures and lock timeouts are marked {@linkplain FlowsweepStorageException#isTransient()
 * transient} (core retries them). The adapter itself never retries.
 *
 * <p>The dialect is detected from the connection's metadata and logged; MySQL and unknown databases are refused.
 * The schema is shipped as versioned resources, {@code db/<dialect>/V<n>__<description>.sql}, with the table prefix
 * as the placeholder {@code ${prefix}}; the version is recorded in the {@code <prefix>schema_version} table.
 * Instances are thread-safe. The JDBC driver is the host's dependency: this module depends only on core and the JDK.
 */
public final class JdbcStorage implements FlowsweepStorage {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    /** Default table prefix: tables are {@code flowsweep_flow_run}, {@code flowsweep_log}, … */
    public static final String DEFAULT_TABLE_PREFIX = "flowsweep_";
    /** Default schema mode: create what is missing and migrate forward. */
    public static final SchemaMode DEFAULT_SCHEMA_MODE = SchemaMode.CREATE;
    /** Default timeout of each statement ({@link java.sql.Statement#setQueryTimeout}); zero means none. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Default lock wait timeout of each transaction ({@code lock_timeout} on PostgreSQL,
     * {@code innodb_lock_wait_timeout} on MariaDB, {@code LOCK_TIMEOUT} on H2); zero keeps the database's own.
     */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** Default time an instance waits for another one that is creating the schema. */
    public static final Duration DEFAULT_SCHEMA_LOCK_WAIT = Duration.ofMinutes(2);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Tables tables;
    private final int queryTimeoutSeconds;
    private final Duration lockTimeout;
    private final String description;
    private final int schemaVersion;
    private final AutoCloseable owned;
    private volatile boolean closed;

    /**
     * A storage on this DataSource with every default: the dialect detected, tables prefixed
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
        this.tables = new Tables(b.tablePrefix);
        this.queryTimeoutSeconds = b.statementTimeout.isZero() ? 0
                : (int) Math.max(1, Math.min(Integer.MAX_VALUE, (b.statementTimeout.toMillis() + 999) / 1000));
        this.lockTimeout = b.lockTimeout;
        this.owned = b.owned;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String database = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
            if (b.dialect != null) {
                this.dialect = b.dialect;
                LOG.info("Flowsweep JDBC storage on {}: dialect {} (configured)", database, dialect.name());
            } else {
                this.dialect = Dialects.detect(md);
                LOG.info("Flowsweep JDBC storage on {}: dialect {} (detected)", database, dialect.name());
            }
            SchemaManager schema = new SchemaManager(dialect, tables, b.schemaLockWait);
            this.schemaVersion = b.schemaMode == SchemaMode.CREATE ? schema.createOrMigrate(c) : schema.validate(c);
            String where = c.getSchema() != null ? "schema " + c.getSchema() : "database " + c.getCatalog();
            this.description = "jdbc:" + dialect.name() + " (" + where + ", tables " + tables.prefix() + "*, schema v"
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
     * A storage on an embedded H2 database file at {@link #h2FileUrl(Path)}, with every default. It keeps the
     * database open until {@link #close()}. Needs {@code com.h2database:h2} 2.x on the classpath.
     */
    public static JdbcStorage h2File(Path baseName) {
        return builder(new DriverManagerDataSource(h2FileUrl(baseName))).keepOpen().build();
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
            throw SqlRunner.translate(dialect, "get a connection", e);
        }
        JdbcTransaction tx = JdbcTransaction.begin(connection, dialect, tables, queryTimeoutSeconds, lockTimeout);
        T result;
        try {
            result = work.doInTransaction(tx);
            tx.commit();
        } catch (RuntimeException | Error e) {
            tx.close(e);
            throw e;
        }
        tx.close();
        return result;
    }

    /** The dialect in use. */
    public Dialect dialect() {
        return dialect;
    }

    /** The table prefix in use. */
    public String tablePrefix() {
        return tables.prefix();
    }

    /** The schema version found (after creating or migrating, in {@link SchemaMode#CREATE}). */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** For example {@code jdbc:postgresql (schema public, tables flowsweep_*, schema v1)}. */
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
        private Dialect dialect;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private SchemaMode schemaMode = DEFAULT_SCHEMA_MODE;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration schemaLockWait = DEFAULT_SCHEMA_LOCK_WAIT;
        private boolean keepOpen;
        private AutoCloseable owned;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Uses this dialect instead of detecting one (see {@link Dialects}). */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * The prefix of every table and index name: empty, or {@code [a-z_][a-z0-9_]*} of at most
         * {@value Tables#MAX_PREFIX_LENGTH} characters. Default {@value #DEFAULT_TABLE_PREFIX}.
         */
        public Builder tablePrefix(String prefix) {
            new Tables(prefix);
            this.tablePrefix = prefix;
            return this;
        }

        /** Whether to create/migrate the schema or only validate it. Default {@link SchemaMode#CREATE}. */
        public Builder schemaMode(SchemaMode mode) {
            this.schemaMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Timeout of each statement, in whole seconds rounded up; {@link Duration#ZERO} for none. */
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

        /** How long to wait for another instance that holds the schema lock. */
        public Builder schemaLockWait(Duration wait) {
            this.schemaLockWait = nonNegative(wait, "schemaLockWait");
            return this;
        }

        /** Keeps one connection open for the storage's life (embedded H2 closes a database with its last connection). */
        Builder keepOpen() {
            this.keepOpen = true;
            return this;
        }

        /**
         * Connects, detects or takes the dialect, creates or validates the schema.
         *
         * @throws FlowsweepStorageException when any of that fails
         */
        public JdbcStorage build() {
            if (keepOpen) {
                try {
                    owned = dataSource.getConnection();
                } catch (SQLException e) {
                    throw new FlowsweepStorageException("cannot open the embedded database " + dataSource
                            + " (is com.h2database:h2 2.x on the classpath?): " + e.getMessage(), e);
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
