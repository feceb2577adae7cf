package dev.flowsweep.examples.server.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.flowsweep.filter.FlowRunFilter;

/**
 * The body of {@code POST /flow_runs/count}: {@code {"flow_runs"?}}, with Prefect's other filter keys
 * ({@code flows}, {@code task_runs}, {@code deployments}, {@code work_pools}, {@code work_pool_queues}) accepted
 * when {@code null} only.
 *
 * @param filter null: every run
 */
@JsonTypeName("FlowRunCountBody")
public record FlowRunCountQuery(@JsonProperty("flow_runs") FlowRunFilter filter) {

    @JsonCreator
    static FlowRunCountQuery of(@JsonProperty("flow_runs") FlowRunFilter filter,
                                @JsonProperty("flows") Object flows, @JsonProperty("task_runs") Object taskRuns,
                                @JsonProperty("deployments") Object deployments,
                                @JsonProperty("work_pools") Object workPools,
                                @JsonProperty("work_pool_queues") Object workPoolQueues) {
        Unsupported.refuseOtherFilters(flows, taskRuns, deployments, workPools, workPoolQueues);
        return new FlowRunCountQuery(filter);
    }
}
