package dev.flowsweep.memory;

import dev.flowsweep.spi.ArchiveStore;
import dev.flowsweep.spi.ConcurrencyLimitStore;
import dev.flowsweep.spi.DeploymentStore;
import dev.flowsweep.spi.FlowRunStore;
import dev.flowsweep.spi.FlowStore;
import dev.flowsweep.spi.LeaseStore;
import dev.flowsweep.spi.LogStore;
import dev.flowsweep.spi.PurgeQueueStore;
import dev.flowsweep.spi.StorageTransaction;
import dev.flowsweep.spi.TaskRunStore;

/**
 * The stores of one in-memory transaction. They refuse to work once the callback they were passed to has
 * returned, as a JDBC connection would after commit.
 */
final class MemoryTransaction implements StorageTransaction {
    final Tables tables;
    final CriterionCompiler compiler;
    final CandidatePlanner planner;
    private boolean open = true;

    private final MemoryFlowStore flows;
    private final MemoryFlowRunStore flowRuns;
    private final MemoryTaskRunStore taskRuns;
    private final MemoryDeploymentStore deployments;
    private final MemoryConcurrencyLimitStore concurrencyLimits;
    private final MemoryLogStore logs;
    private final MemoryPurgeQueueStore purgeQueue;
    private final MemoryLeaseStore leases;
    private final MemoryArchiveStore archive;

    MemoryTransaction(Tables tables) {
        this.tables = tables;
        this.compiler = new CriterionCompiler(tables);
        this.planner = new CandidatePlanner(tables, compiler);
        this.flows = new MemoryFlowStore(this);
        this.flowRuns = new MemoryFlowRunStore(this);
        this.taskRuns = new MemoryTaskRunStore(this);
        this.deployments = new MemoryDeploymentStore(this);
        this.concurrencyLimits = new MemoryConcurrencyLimitStore(this);
        this.logs = new MemoryLogStore(this);
        this.purgeQueue = new MemoryPurgeQueueStore(this);
        this.leases = new MemoryLeaseStore(this);
        this.archive = new MemoryArchiveStore(this);
    }

    /** The tables, after checking that this transaction is still open. */
    Tables tables() {
        if (!open) {
            throw new IllegalStateException("this storage transaction has ended; use the stores only inside the callback");
        }
        return tables;
    }

    void end() {
        open = false;
    }

    @Override
    public FlowStore flows() {
        tables();
        return flows;
    }

    @Override
    public FlowRunStore flowRuns() {
        tables();
        return flowRuns;
    }

    @Override
    public TaskRunStore taskRuns() {
        tables();
        return taskRuns;
    }

    @Override
    public DeploymentStore deployments() {
        tables();
        return deployments;
    }

    @Override
    public ConcurrencyLimitStore concurrencyLimits() {
        tables();
        return concurrencyLimits;
    }

    @Override
    public LogStore logs() {
        tables();
        return logs;
    }

    @Override
    public PurgeQueueStore purgeQueue() {
        tables();
        return purgeQueue;
    }

    @Override
    public LeaseStore leases() {
        tables();
        return leases;
    }

    @Override
    public ArchiveStore archive() {
        tables();
        return archive;
    }
}
