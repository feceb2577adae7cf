package dev.flowsweep.examples.server.body;

import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.JsonValueException;

/** The filters Prefect's client sends beside {@code flow_runs}, which Flowsweep accepts only as {@code null}. */
final class Unsupported {
    private Unsupported() {
    }

    /** @throws JsonValueException ({@code value_error} at the key) for a value other than null */
    static void refuse(String key, Object value) {
        if (value != null) {
            throw new JsonValueException(JsonProblem.VALUE_ERROR, "Value error, filtering by " + key
                    + " is not supported by Flowsweep: leave it out or send null", key);
        }
    }

    /** Refuses any of Prefect's other filters: {@code flows}, {@code task_runs}, {@code deployments}, {@code work_pools}, {@code work_pool_queues}. */
    static void refuseOtherFilters(Object flows, Object taskRuns, Object deployments, Object workPools, Object queues) {
        refuse("flows", flows);
        refuse("task_runs", taskRuns);
        refuse("deployments", deployments);
        refuse("work_pools", workPools);
        refuse("work_pool_queues", queues);
    }
}
