package dev.flowsweep.service;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.spi.DeletionImpact;
import dev.flowsweep.spi.StorageTransaction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The read of a dry run with per-table counts ({@link DeletionPreview}), in one read-only transaction: the ids a delete
 * would take, the storage's {@link dev.flowsweep.spi.FlowRunStore#impact} of them in chunks, and the slots they hold
 * judged as {@link DeleteTransaction} judges them. Keeps no state across attempts.
 */
final class Previews {
    /** Ids per impact call: bounded IN lists, whatever the number of runs. */
    static final int CHUNK = 500;

    private Previews() {
    }

    static DeletionPreview of(StorageTransaction tx, Criterion criterion, long limit, int maxIds) {
        long matching = tx.flowRuns().count(criterion);
        int n = (int) Math.min(Math.min(limit, matching), Integer.MAX_VALUE);
        List<UUID> ids = n == 0 ? List.of() : tx.flowRuns().findIds(criterion, FlowRunSort.ID_DESC, n);
        DeletionImpact impact = tx.flowRuns().impact(List.of());
        Map<UUID, Integer> slots = new TreeMap<>(Uuids.ORDER);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            impact = impact.plus(tx.flowRuns().impact(chunk));
            countSlots(tx, chunk, slots);
        }
        List<UUID> first = ids.subList(0, Math.min(ids.size(), Math.max(0, maxIds)));
        return new DeletionPreview(matching, ids.size(), first, impact, slots);
    }

    /** Adds, per active limit, the runs of {@code chunk} that hold one of its slots. */
    private static void countSlots(StorageTransaction tx, List<UUID> chunk, Map<UUID, Integer> slots) {
        Criterion byId = FlowRunFilter.builder().idAny(chunk).build().toCriterion().orElseThrow();
        List<FlowRun> runs = tx.flowRuns().find(byId, FlowRunSort.ID_DESC, chunk.size(), 0);
        List<FlowRun> holders = new ArrayList<>();
        Set<UUID> deploymentIds = new LinkedHashSet<>();
        for (FlowRun run : runs) {
            StateType state = run.stateType();
            if (state != null && state.holdsConcurrencySlot() && run.deploymentId() != null) {
                holders.add(run);
                deploymentIds.add(run.deploymentId());
            }
        }
        if (holders.isEmpty()) {
            return;
        }
        Map<UUID, UUID> limitByDeployment = tx.deployments().concurrencyLimitIds(deploymentIds);
        Map<UUID, Boolean> active = new TreeMap<>(Uuids.ORDER);
        for (FlowRun run : holders) {
            UUID limitId = limitByDeployment.get(run.deploymentId());
            if (limitId != null && active.computeIfAbsent(limitId, id -> isActive(tx.concurrencyLimits().findById(id)))) {
                slots.merge(limitId, 1, Integer::sum);
            }
        }
    }

    private static boolean isActive(Optional<ConcurrencyLimit> limit) {
        return limit.map(ConcurrencyLimit::active).orElse(false);
    }
}
