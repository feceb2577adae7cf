package dev.flowsweep.spi;

import dev.flowsweep.model.ConcurrencyLimit;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
}
