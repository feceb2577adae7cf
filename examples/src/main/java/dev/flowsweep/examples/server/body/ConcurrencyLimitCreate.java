package dev.flowsweep.examples.server.body;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.flowsweep.model.ConcurrencyLimit;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Objects;
import java.util.UUID;

import static dev.flowsweep.model.Limits.MAX_NAME_LENGTH;

/**
 * The body of {@code POST /v2/concurrency_limits}: {@code {"name", "limit", "active"? (true), "active_slots"? (0)}}.
 *
 * @param active      null: true
 * @param activeSlots null: 0
 */
@JsonTypeName("ConcurrencyLimitV2Create")
public record ConcurrencyLimitCreate(@NotNull @Size(max = MAX_NAME_LENGTH) String name, @Min(0) int limit,
                                     Boolean active, @Min(0) Integer activeSlots) {

    /** @throws IllegalArgumentException when {@code limit} or {@code activeSlots} is negative */
    public ConcurrencyLimitCreate {
        Objects.requireNonNull(name, "name is required");
        active = active == null ? Boolean.TRUE : active;
        activeSlots = activeSlots == null ? 0 : activeSlots;
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
