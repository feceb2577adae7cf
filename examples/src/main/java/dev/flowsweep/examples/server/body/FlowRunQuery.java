package dev.flowsweep.examples.server.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.Objects;

/**
 * The body of {@code POST /flow_runs/filter}: {@code {"flow_runs"?, "limit"? (200), "offset"? (0), "sort"? ("ID_DESC")}}.
 * The other filters Prefect's client sends ({@code flows}, {@code task_runs}, {@code deployments},
 * {@code work_pools}, {@code work_pool_queues}) are accepted when {@code null} and refused otherwise
 * ({@code value_error}: not supported).
 *
 * @param filter null: every run
 * @param limit  0..{@value #MAX_LIMIT}, as in Prefect
 * @param offset at least 0
 */
@JsonTypeName("FlowRunFilterBody")
public record FlowRunQuery(@JsonProperty("flow_runs") FlowRunFilter filter, int limit, int offset, FlowRunSort sort) {

    /** The default and largest {@code limit} of the read routes, as in Prefect. */
    public static final int MAX_LIMIT = 200;

    public FlowRunQuery {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 0.." + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        Objects.requireNonNull(sort, "sort");
    }

    @JsonCreator
    static FlowRunQuery of(@JsonProperty("flow_runs") FlowRunFilter filter,
                           @JsonProperty("limit") @Min(0) @Max(MAX_LIMIT) Integer limit,
                           @JsonProperty("offset") @Min(0) Integer offset, @JsonProperty("sort") FlowRunSort sort,
                           @JsonProperty("flows") Object flows, @JsonProperty("task_runs") Object taskRuns,
                           @JsonProperty("deployments") Object deployments, @JsonProperty("work_pools") Object workPools,
                           @JsonProperty("work_pool_queues") Object workPoolQueues) {
        Unsupported.refuseOtherFilters(flows, taskRuns, deployments, workPools, workPoolQueues);
        return new FlowRunQuery(filter, limit == null ? MAX_LIMIT : limit, offset == null ? 0 : offset,
                sort == null ? FlowRunSort.ID_DESC : sort);
    }
}
