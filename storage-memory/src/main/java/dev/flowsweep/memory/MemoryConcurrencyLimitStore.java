package dev.flowsweep.memory;

import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Strings;
import dev.flowsweep.spi.ConcurrencyLimitStore;
import dev.flowsweep.spi.FlowsweepConflictException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

final class MemoryConcurrencyLimitStore implements ConcurrencyLimitStore {
    private final MemoryTransaction tx;

    MemoryConcurrencyLimitStore(MemoryTransaction tx) {
        this.tx = tx;
    }

    @Override
    public void insert(ConcurrencyLimit limit) {
        Objects.requireNonNull(limit, "limit");
        Tables t = tx.tables();
        if (t.limits.containsKey(limit.id())) {
            throw new FlowsweepConflictException("concurrency limit " + limit.id() + " already exists");
        }
        if (t.limitIdsByName.containsKey(limit.name())) {
            throw new FlowsweepConflictException("a concurrency limit named \"" + limit.name() + "\" already exists");
        }
        t.insertLimit(limit);
    }

    @Override
    public Optional<ConcurrencyLimit> findById(UUID id) {
        return Optional.ofNullable(tx.tables().limits.get(id));
    }

    /** The storage's lock is the row lock: the limits are found, in code-point order of their names. */
    @Override
    public List<ConcurrencyLimit> lockByNames(Collection<String> names) {
        Tables t = tx.tables();
        List<ConcurrencyLimit> result = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            UUID id = t.limitIdsByName.get(name);
            if (id != null) {
                result.add(t.limits.get(id));
            }
        }
        result.sort(Comparator.comparing(ConcurrencyLimit::name, Strings.CODE_POINT_ORDER));
        return List.copyOf(result);
    }

    /** Sets the slots of the limit; like an SQL {@code UPDATE}, an unknown id changes nothing. */
    @Override
    public void setActiveSlots(UUID limitId, int activeSlots) {
        if (activeSlots < 0) {
            throw new IllegalArgumentException("activeSlots must be >= 0, was " + activeSlots);
        }
        Tables t = tx.tables();
        ConcurrencyLimit limit = t.limits.get(limitId);
        if (limit != null) {
            t.replaceLimit(limit.withActiveSlots(activeSlots));
        }
    }

    @Override
    public boolean releaseSlots(UUID limitId, int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be > 0, was " + slots);
        }
        Tables t = tx.tables();
        ConcurrencyLimit limit = t.limits.get(limitId);
        if (limit == null || !limit.active()) {
            return false;
        }
        t.replaceLimit(limit.withActiveSlots(Math.max(0, limit.activeSlots() - slots)));
        return true;
    }
}
