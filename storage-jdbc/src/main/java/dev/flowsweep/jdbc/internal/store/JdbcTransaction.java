package dev.flowsweep.jdbc.internal.store;

import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.FailureKind;
import dev.flowsweep.jdbc.internal.database.Session;
import dev.flowsweep.jdbc.internal.database.SqlRunner;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.spi.ArchiveStore;
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
 * One unit of work on one connection, begun the database's way ({@link DatabaseEngine#begin}: READ COMMITTED,
 * autocommit off, the lock timeout applied). It rolls back unless {@link #commit()} was called, and {@link #close()}
 * puts the connection back as it found it ({@link Session#restore}) before closing it. Its stores, written once
 * against the database and the layout, are valid only while it is open.
 */
public final class JdbcTransaction implements StorageTransaction, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransaction.class);

    private final Connection connection;
    private final DatabaseEngine db;
    private final Session session;
    private boolean committed;
    private boolean closed;

    private final SqlRunner sql;
    private final JdbcFlowStore flows;
    private final JdbcFlowRunStore flowRuns;
    private final JdbcTaskRunStore taskRuns;
    private final JdbcDeploymentStore deployments;
    private final JdbcConcurrencyLimitStore concurrencyLimits;
    private final JdbcLogStore logs;
    private final JdbcPurgeQueueStore purgeQueue;
    private final JdbcLeaseStore leases;
    private final JdbcArchiveStore archive;

    private JdbcTransaction(Connection connection, TableLayout layout, int queryTimeoutSeconds, Session session) {
        this.connection = connection;
        this.db = layout.db();
        this.session = session;
        this.sql = new SqlRunner(connection, db, queryTimeoutSeconds, this::ensureOpen);
        this.flows = new JdbcFlowStore(sql, layout);
        this.flowRuns = new JdbcFlowRunStore(sql, layout);
        this.taskRuns = new JdbcTaskRunStore(sql, layout);
        this.deployments = new JdbcDeploymentStore(sql, layout);
        this.concurrencyLimits = new JdbcConcurrencyLimitStore(sql, layout);
        this.logs = new JdbcLogStore(sql, layout);
        this.purgeQueue = new JdbcPurgeQueueStore(sql, layout);
        this.leases = new JdbcLeaseStore(sql, layout);
        this.archive = new JdbcArchiveStore(sql, layout);
    }

    /**
     * Begins a transaction on {@code connection}, which it then owns and closes.
     *
     * @param lockTimeout zero to keep the database's lock timeout
     */
    public static JdbcTransaction begin(Connection connection, TableLayout layout, int queryTimeoutSeconds,
                                        Duration lockTimeout) {
        DatabaseEngine db = layout.db();
        Session session;
        try {
            session = new Session(connection);
        } catch (SQLException e) {
            closeQuietly(connection, null);
            throw db.translate("begin transaction", e);
        }
        JdbcTransaction tx = new JdbcTransaction(connection, layout, queryTimeoutSeconds, session);
        try {
            tx.sql.sendAhead(db.begin(connection, session, lockTimeout, queryTimeoutSeconds));
            return tx;
        } catch (SQLException e) {
            FlowsweepStorageException failure = db.translate("begin transaction", e);
            tx.close(failure);
            throw failure;
        } catch (RuntimeException e) {
            tx.close(e);
            throw e;
        }
    }

    /**
     * Commits; afterwards {@link #close()} rolls nothing back. Every failure before this call was one before the
     * commit was sent (a lost connection there is transient: the database rolled back); a failure here is the
     * database's refusal (a conflict or a deadlock found at commit: rolled back) or else leaves the outcome unknown
     * ({@link dev.flowsweep.spi.FlowsweepCommitUnknownException}, never retried).
     */
    public void commit() {
        ensureOpen();
        try {
            db.commit(connection);
            committed = true;
        } catch (SQLException e) {
            throw FailureKind.of(db, e).atCommit(e);
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
    public void close(Throwable primary) {
        if (closed) {
            return;
        }
        closed = true;
        SQLException rollbackFailure = null;
        if (!committed) {
            try {
                db.rollback(connection);
            } catch (SQLException e) {
                rollbackFailure = e;
            }
        }
        try {
            session.restore(connection);
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
                throw db.translate("rollback", rollbackFailure);
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

    @Override
    public ArchiveStore archive() {
        ensureOpen();
        return archive;
    }
}
