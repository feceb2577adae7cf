package dev.flowsweep.examples.server.body;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.Objects;

/**
 * The body of {@code POST /v2/concurrency_limits/increment}: {@code {"names": [...], "slots": n}}, {@code slots}
 * at least 1 (Prefect's {@code gt=0}).
 */
@JsonTypeName("ConcurrencyLimitIncrement")
public record ConcurrencyIncrement(@NotNull List<String> names, @Min(1) int slots) {

    /** @throws IllegalArgumentException when {@code slots} is below 1 */
    public ConcurrencyIncrement {
        names = List.copyOf(Objects.requireNonNull(names, "names is required"));
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1, was " + slots);
        }
    }
}
