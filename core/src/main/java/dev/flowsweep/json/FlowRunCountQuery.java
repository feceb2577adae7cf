package dev.flowsweep.json;

import dev.flowsweep.filter.FlowRunFilter;

/**
 * The body of {@code POST /flow_runs/count}: {@code {"flow_runs"?}}, with Prefect's other filter keys
 * ({@code flows}, {@code task_runs}, {@code deployments}, {@code work_pools}, {@code work_pool_queues}) accepted
 * when {@code null} only.
 *
 * @param filter null: every run
 */
public record FlowRunCountQuery(FlowRunFilter filter) {
}
