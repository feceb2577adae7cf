package dev.flowsweep.spi;

import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Uuids;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Concurrency limits. */
public interface ConcurrencyLimitStore {
    /** @throws FlowsweepConflictException for an existing id or name */
    void insert(ConcurrencyLimit limit);

    Optional<ConcurrencyLimit> findById(UUID id);

    /**
     * The limits with these names, locked for this transaction, in name order (code point). Adapters with row locks
     * take them in id order ({@link dev.flowsweep.model.Uuids#ORDER}), the order in which the bulk delete releases
     * slots, so that the two never deadlock.
     */
    List<ConcurrencyLimit> lockByNames(Collection<String> names);

    /** Sets {@code active_slots} (>= 0) of an existing limit. */
    void setActiveSlots(UUID limitId, int activeSlots);

    /**
     * Releases {@code slots} (> 0) slots of the limit in one statement: {@code active_slots} drops by that
     * many, never below 0, and only when the limit is active. Returns whether the limit exists and is active.
     */
    boolean releaseSlots(UUID limitId, int slots);

    /**
     * Releases slots of several limits at once, each as {@link #releaseSlots(UUID, int)} releases them: what a bulk
     * delete does after deleting runs of several deployments. Adapters with row locks take the limits' locks in id
     * order ({@link dev.flowsweep.model.Uuids#ORDER}), the order of {@link #lockByNames}, so the two never deadlock.
     *
     * @param slotsByLimit limit id → slots to release (each > 0); may be empty
     * @return the entries of the limits that exist and are active: the ones released
     * @throws IllegalArgumentException when a count is not positive; nothing is released then
     */
    default Map<UUID, Integer> releaseSlots(Map<UUID, Integer> slotsByLimit) {
        Map<UUID, Integer> inOrder = checkedInIdOrder(slotsByLimit);
        Map<UUID, Integer> released = new LinkedHashMap<>();
        inOrder.forEach((limitId, slots) -> {
            if (releaseSlots(limitId, slots)) {
                released.put(limitId, slots);
            }
        });
        return released;
    }

    /**
     * The entries of {@code slotsByLimit} in id order ({@link dev.flowsweep.model.Uuids#ORDER}), after checking them
     * all: no null id, every count > 0.
     *
     * @throws IllegalArgumentException naming the first limit whose count is not positive
     */
    static Map<UUID, Integer> checkedInIdOrder(Map<UUID, Integer> slotsByLimit) {
        Map<UUID, Integer> inOrder = new TreeMap<>(Uuids.ORDER);
        slotsByLimit.forEach((limitId, slots) -> {
            Objects.requireNonNull(limitId, "limit id");
            if (slots == null || slots <= 0) {
                throw new IllegalArgumentException("slots must be > 0, was " + slots + " for limit " + limitId);
            }
            inOrder.put(limitId, slots);
        });
        return inOrder;
    }
}
