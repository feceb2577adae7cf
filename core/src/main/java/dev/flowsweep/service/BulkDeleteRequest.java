package dev.flowsweep.service;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.validation.BulkDeleteValidator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * A bulk delete: which runs ({@code filter}, null = every run), at most how many ({@code limit}, null = the
 * service's cap), and who asks ({@code actor}, optional, for auditing).
 * The upper bound of {@code limit} is the service's cap, checked by {@link BulkDeleteService}.
 */
public record BulkDeleteRequest(FlowRunFilter filter, @Min(1) Integer limit,
                                @Size(max = BulkDeleteValidator.MAX_ACTOR_LENGTH) String actor) {

    public static BulkDeleteRequest of(FlowRunFilter filter) {
        return new BulkDeleteRequest(filter, null, null);
    }

    public static BulkDeleteRequest of(FlowRunFilter filter, int limit) {
        return new BulkDeleteRequest(filter, limit, null);
    }

    public BulkDeleteRequest withActor(String actor) {
        return new BulkDeleteRequest(filter, limit, actor);
    }
}
