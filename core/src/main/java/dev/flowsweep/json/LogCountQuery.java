package dev.flowsweep.json;

import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /logs/count}: {@code {"logs"?: {"flow_run_id"?: {"any_": [ids]}}}}.
 *
 * @param flowRunIds the runs whose logs are counted; null: every log ({@code []} matches none)
 */
public record LogCountQuery(List<UUID> flowRunIds) {

    public LogCountQuery {
        flowRunIds = flowRunIds == null ? null : List.copyOf(flowRunIds);
    }
}
