package dev.flowsweep.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A concurrency limit (Prefect's v2 limit): at most {@code limit} slots may be taken at once;
 * {@code activeSlots} is how many are taken now. An inactive limit is neither taken nor released.
 */
public record ConcurrencyLimit(UUID id, String name, int limit, boolean active, int activeSlots) {
    public ConcurrencyLimit {
        Objects.requireNonNull(id, "id");
        Limits.name(Objects.requireNonNull(name, "name"), "name");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        if (activeSlots < 0) {
            throw new IllegalArgumentException("activeSlots must be >= 0, was " + activeSlots);
        }
    }

    public ConcurrencyLimit withActiveSlots(int slots) {
        return new ConcurrencyLimit(id, name, limit, active, slots);
    }
}
