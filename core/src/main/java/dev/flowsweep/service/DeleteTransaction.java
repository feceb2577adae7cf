package dev.flowsweep.service;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.spi.ArchiveBatch;
import dev.flowsweep.spi.DeletedFlowRun;
import dev.flowsweep.spi.StorageTransaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The unit of work of one bulk delete, inside one storage transaction (see {@link BulkDeleteService}): lock up to
 * {@code limit} matching runs in {@code ID_DESC} order, orphan their subflow runs, delete their task runs and the
 * runs, release the slots the deleted runs held, queue the purge of their logs. Keeps no state across attempts, so
 * that a transient failure can run it again.
 */
final class DeleteTransaction {
    static final Comparator<UUID> ID_DESC = Uuids.ORDER.reversed();

    private DeleteTransaction() {
    }

    /** Runs the unit of work in {@code tx}; {@code now} is the purge queue's enqueue time. */
    static BulkDeleteResult run(StorageTransaction tx, Criterion criterion, int limit, Instant now) {
        return run(tx, criterion, limit, now, null);
    }

    /**
     * Runs the unit of work in {@code tx}; with an {@code archive} batch, the locked runs and their task runs (and
     * what the layout deletes with them) are archived first, before anything of theirs changes, and the purge entries
     * ask for their logs to be archived (docs/CONTRACT.md, "Archive"). A failed archive write fails the transaction.
     */
    static BulkDeleteResult run(StorageTransaction tx, Criterion criterion, int limit, Instant now,
                                ArchiveBatch archive) {
        List<UUID> ids = tx.flowRuns().lockIdsForDelete(criterion, limit);
        if (ids.isEmpty()) {
            return BulkDeleteResult.empty();
        }
        if (archive != null) {
            tx.archive().archiveRuns(archive, ids, now);
        }
        tx.flowRuns().orphanSubflowsOf(ids);
        tx.taskRuns().deleteByFlowRunIds(ids);
        List<DeletedFlowRun> deletedRuns = tx.flowRuns().delete(ids);
        if (deletedRuns.isEmpty()) {
            return BulkDeleteResult.empty();
        }
        Map<UUID, Integer> released = releaseSlots(tx, deletedRuns);

        List<UUID> deletedIds = new ArrayList<>(deletedRuns.size());
        for (DeletedFlowRun run : deletedRuns) {
            deletedIds.add(run.id());
        }
        deletedIds.sort(ID_DESC);
        if (archive != null) {
            tx.purgeQueue().enqueue(deletedIds, now, archive);
        } else {
            tx.purgeQueue().enqueue(deletedIds, now);
        }
        return new BulkDeleteResult(deletedIds, released);
    }

    /** Releases one slot per deleted slot-holding run: one call for all their limits (locked in id order). */
    private static Map<UUID, Integer> releaseSlots(StorageTransaction tx, List<DeletedFlowRun> deletedRuns) {
        List<DeletedFlowRun> holders = new ArrayList<>();
        Set<UUID> deploymentIds = new LinkedHashSet<>();
        for (DeletedFlowRun run : deletedRuns) {
            StateType state = run.stateType();
            if (state != null && state.holdsConcurrencySlot() && run.deploymentId() != null) {
                holders.add(run);
                deploymentIds.add(run.deploymentId());
            }
        }
        if (holders.isEmpty()) {
            return Map.of();
        }
        Map<UUID, UUID> limitByDeployment = tx.deployments().concurrencyLimitIds(deploymentIds);
        Map<UUID, Integer> slotsByLimit = new TreeMap<>(Uuids.ORDER);
        for (DeletedFlowRun run : holders) {
            UUID limitId = limitByDeployment.get(run.deploymentId());
            if (limitId != null) {
                slotsByLimit.merge(limitId, 1, Integer::sum);
            }
        }
        return tx.concurrencyLimits().releaseSlots(slotsByLimit);
    }
}
