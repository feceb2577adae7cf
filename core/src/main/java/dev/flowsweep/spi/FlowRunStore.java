package dev.flowsweep.spi;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.FlowRun;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Flow runs. A {@code null} criterion matches every run. Orders are exactly those of
 * {@link FlowRunSort#comparator()}; criteria mean exactly what {@link Criterion} documents.
 */
public interface FlowRunStore {
    /** @throws FlowsweepConflictException for an existing id or a {@code flowId} that names no flow */
    void insert(FlowRun run);

    Optional<FlowRun> findById(UUID id);

    /** Matching runs in {@code sort} order, skipping {@code offset}, at most {@code limit}. */
    List<FlowRun> find(Criterion criterion, FlowRunSort sort, int limit, int offset);

    /** The ids of matching runs in {@code sort} order, at most {@code limit}; locks nothing. */
    List<UUID> findIds(Criterion criterion, FlowRunSort sort, int limit);

    long count(Criterion criterion);

    /**
     * The ids of up to {@code limit} matching runs in {@link FlowRunSort#ID_DESC} order, locked for this transaction
     * (row locks taken in that order, so concurrent deletes never deadlock on them). A run that a concurrent
     * transaction deleted in the meantime is not returned, or is returned and then not reported by {@link #delete}.
     */
    List<UUID> lockIdsForDelete(Criterion criterion, int limit);

    /**
     * Sets {@code parent_task_run_id} to null on every run whose parent task run belongs to one of these
     * flow runs (before those task runs are deleted). Returns how many runs changed.
     */
    int orphanSubflowsOf(Collection<UUID> flowRunIds);

    /**
     * Deletes these runs and returns the ones that <em>this transaction</em> deleted, as they were when deleted;
     * ids that did not exist (or that another transaction deleted first) are absent. Any order.
     */
    List<DeletedFlowRun> delete(Collection<UUID> ids);

    /**
     * What deleting these runs now would remove, per table ({@link DeletionImpact}): the runs among {@code ids} that
     * exist, their task runs, their logs and what else the layout deletes with a run (states, artifacts, artifact
     * collections left without an artifact). Reads only: nothing is changed or locked. Ids that name no run count
     * nothing; a duplicate id counts once.
     *
     * @throws UnsupportedOperationException by default: an adapter that cannot tell (both shipped ones can)
     */
    default DeletionImpact impact(Collection<UUID> ids) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot tell the impact of a delete");
    }
}
