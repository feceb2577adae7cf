package dev.flowsweep.json;

import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /logs/filter}: {@code {"logs"?: {"flow_run_id"?: {"any_": [ids]}}, "limit"? (200),
 * "offset"? (0)}}.
 *
 * @param flowRunIds the runs whose logs are asked for; null: every log ({@code []} matches none)
 * @param limit      0..{@value FlowRunQuery#MAX_LIMIT}
 * @param offset     at least 0
 */
public record LogQuery(List<UUID> flowRunIds, int limit, int offset) {

    public LogQuery {
        flowRunIds = flowRunIds == null ? null : List.copyOf(flowRunIds);
        if (limit < 0 || limit > FlowRunQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 0.." + FlowRunQuery.MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }
}
