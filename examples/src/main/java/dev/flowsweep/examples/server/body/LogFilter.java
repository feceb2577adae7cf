package dev.flowsweep.examples.server.body;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.util.List;
import java.util.UUID;

/**
 * The {@code "logs"} filter of the log routes: {@code {"flow_run_id"?: {"any_"?: [ids]}}}, the one part of Prefect's
 * {@code LogFilter} the server supports.
 */
@JsonTypeName("LogFilter")
record LogFilter(FlowRunIds flowRunId) {

    /** {@code {"any_"?: [ids]}}. */
    @JsonTypeName("LogFilterFlowRunId")
    record FlowRunIds(@JsonProperty("any_") List<UUID> any) {
    }

    /** The filter of these runs' logs; none for null. */
    static LogFilter of(List<UUID> flowRunIds) {
        return flowRunIds == null ? null : new LogFilter(new FlowRunIds(flowRunIds));
    }

    /** The runs whose logs are asked for; null for every log. */
    static List<UUID> flowRunIds(LogFilter logs) {
        return logs == null || logs.flowRunId() == null ? null : logs.flowRunId().any();
    }
}
