package dev.flowsweep.json;

import dev.flowsweep.model.ConcurrencyLimit;

import java.util.Objects;
import java.util.UUID;

/**
 * The body of {@code POST /v2/concurrency_limits}: {@code {"name", "limit", "active"? (true), "active_slots"? (0)}}.
 */
public record ConcurrencyLimitCreate(String name, int limit, boolean active, int activeSlots) {

    /** @throws IllegalArgumentException when {@code limit} or {@code activeSlots} is negative */
    public ConcurrencyLimitCreate {
        Objects.requireNonNull(name, "name is required");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        if (activeSlots < 0) {
            throw new IllegalArgumentException("active_slots must be >= 0, was " + activeSlots);
        }
    }

    /** The limit with the given id. */
    public ConcurrencyLimit toConcurrencyLimit(UUID id) {
        return new ConcurrencyLimit(id, name, limit, active, activeSlots);
    }
}
