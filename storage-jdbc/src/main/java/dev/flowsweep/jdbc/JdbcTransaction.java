package dev.flowsweep.jdbc;

import dev.flowsweep.jdbc.dialect.Dialect;
import dev.flowsweep.jdbc.sql.Tables;
import dev.flowsweep.spi.ConcurrencyLimitStore;
import dev.flowsweep.spi.DeploymentStore;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowStore;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.LeaseStore;
import dev.flowsweep.spi.LogStore;
import dev.flowsweep.spi.PurgeQueueStore;
import dev.flowsweep.spi.StorageTransaction;
import dev.flowsweep.spi.TaskRunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One unit of work on one connection: READ COMMITTED, autocommit off, the lock timeout applied. It rolls back
 * unless {@link #commit()} was called, and {@link #close()} puts the connection back as it found it
 * (autocommit, isolation, read-only, lock timeout) before closing it. Its stores are valid only while it is open.
 */
public final class JdbcTransaction implements StorageTransaction, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransaction.class);
    private static final int ISOLATION_UNTOUCHED = -1;

    private final Connection connection;
    private final Dialect dialect;
    private final boolean savedAutoCommit;
    /** The session's isolation to restore; {@link #ISOLATION_UNTOUCHED} when it was set for this transaction only. */
    private int savedIsolation = ISOLATION_UNTOUCHED;
    private final boolean savedReadOnly;
    private Dialect.SessionSetting lockTimeoutSetting = Dialect.SessionSetting.NONE;
    private boolean committed;
    private boolean closed;

    private final JdbcFlowStore flows;
    private final JdbcFlowRunStore flowRuns;
    private final JdbcTaskRunStore taskRuns;
    private final JdbcDeploymentStore deployments;
    private final JdbcConcurrencyLimitStore concurrencyLimits;
    private final JdbcLogStore logs;
    private final JdbcPurgeQueueStore purgeQueue;
    private final JdbcLeaseStore leases;

    private JdbcTransaction(Connection connection, Dialect dialect, Tables tables, int queryTimeoutSeconds)
            throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.savedAutoCommit = connection.getAutoCommit();
        this.savedReadOnly = connection.isReadOnly();
        SqlRunner sql = new SqlRunner(connection, dialect, queryTimeoutSeconds, this);
        this.flows = new JdbcFlowStore(sql, tables);
        this.flowRuns = new JdbcFlowRunStore(sql, tables);
        this.taskRuns = new JdbcTaskRunStore(sql, tables);
        this.deployments = new JdbcDeploymentStore(sql, tables);
        this.concurrencyLimits = new JdbcConcurrencyLimitStore(sql, tables);
        this.logs = new JdbcLogStore(sql, tables);
        this.purgeQueue = new JdbcPurgeQueueStore(sql, tables);
        this.leases = new JdbcLeaseStore(sql, tables);
    }

    /**
     * Begins a transaction on {@code connection}, which it then owns and closes.
     *
     * @param lockTimeout zero to keep the database's lock timeout
     */
    static JdbcTransaction begin(Connection connection, Dialect dialect, Tables tables, int queryTimeoutSeconds,
                                 Duration lockTimeout) {
        JdbcTransaction tx;
        try {
            tx = new JdbcTransaction(connection, dialect, tables, queryTimeoutSeconds);
        } catch (SQLException e) {
            closeQuietly(connection, null);
            throw SqlRunner.translate(dialect, "begin transaction", e);
        }
        try {
            if (tx.savedReadOnly) {
                connection.setReadOnly(false);
            }
            // A connection handed over inside a transaction of its own keeps it: session settings are used then.
            if (tx.savedAutoCommit && dialect.beginReadCommitted(connection, lockTimeout, queryTimeoutSeconds)) {
                return tx;
            }
            tx.savedIsolation = connection.getTransactionIsolation();
            if (tx.savedIsolation != Connection.TRANSACTION_READ_COMMITTED) {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            if (tx.savedAutoCommit) {
                connection.setAutoCommit(false);
            }
            if (!lockTimeout.isZero()) {
                tx.lockTimeoutSetting = dialect.applyLockTimeout(connection, lockTimeout, queryTimeoutSeconds);
            }
            return tx;
        } catch (SQLException e) {
            FlowsweepStorageException failure = SqlRunner.translate(dialect, "begin transaction", e);
            tx.close(failure);
            throw failure;
        } catch (RuntimeException e) {
            tx.close(e);
            throw e;
        }
    }

    /** Commits; afterwards {@link #close()} rolls nothing back. */
    void commit() {
        ensureOpen();
        try {
            connection.commit();
            committed = true;
        } catch (SQLException e) {
            throw SqlRunner.translate(dialect, "commit", e);
        }
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Flowsweep transaction has ended; its stores are only valid inside "
                    + "the callback it was passed to");
        }
    }

    /** Rolls back unless committed, restores the connection's settings and closes it. */
    @Override
    public void close() {
        close(null);
    }

    /**
     * Like {@link #close()}; failures while rolling back or restoring are added to {@code primary} when there is
     * one (the failure that made us end the transaction), otherwise the rollback failure is thrown.
     */
    void close(Throwable primary) {
        if (closed) {
            return;
        }
        closed = true;
        SQLException rollbackFailure = null;
        if (!committed) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                rollbackFailure = e;
            }
        }
        try {
            lockTimeoutSetting.restore(connection);
            if (connection.getAutoCommit() != savedAutoCommit) {
                connection.setAutoCommit(savedAutoCommit);
            }
            if (savedIsolation != ISOLATION_UNTOUCHED && savedIsolation != Connection.TRANSACTION_READ_COMMITTED
                    && savedIsolation != Connection.TRANSACTION_NONE) {
                connection.setTransactionIsolation(savedIsolation);
            }
            if (savedReadOnly) {
                connection.setReadOnly(true);
            }
        } catch (SQLException e) {
            // A broken connection cannot be restored; the pool will discard it. Nothing was left uncommitted.
            LOG.debug("could not restore the connection's settings after a Flowsweep transaction", e);
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
        closeQuietly(connection, primary);
        if (rollbackFailure != null) {
            if (primary != null) {
                primary.addSuppressed(rollbackFailure);
            } else {
                throw SqlRunner.translate(dialect, "rollback", rollbackFailure);
            }
        }
    }

    private static void closeQuietly(Connection connection, Throwable primary) {
        try {
            connection.close();
        } catch (SQLException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                LOG.debug("could not close a connection", e);
            }
        }
    }

    @Override
    public FlowStore flows() {
        ensureOpen();
        return flows;
    }

    @Override
    public FlowRunStore flowRuns() {
        ensureOpen();
        return flowRuns;
    }

    @Override
    public TaskRunStore taskRuns() {
        ensureOpen();
        return taskRuns;
    }

    @Override
    public DeploymentStore deployments() {
        ensureOpen();
        return deployments;
    }

    @Override
    public ConcurrencyLimitStore concurrencyLimits() {
        ensureOpen();
        return concurrencyLimits;
    }

    @Override
    public LogStore logs() {
        ensureOpen();
        return logs;
    }

    @Override
    public PurgeQueueStore purgeQueue() {
        ensureOpen();
        return purgeQueue;
    }

    @Override
    public LeaseStore leases() {
        ensureOpen();
        return leases;
    }
}
