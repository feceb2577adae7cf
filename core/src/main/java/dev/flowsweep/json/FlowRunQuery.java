package dev.flowsweep.json;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;

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
public record FlowRunQuery(FlowRunFilter filter, int limit, int offset, FlowRunSort sort) {

    /** The default and largest {@code limit}, as in Prefect. */
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
}
