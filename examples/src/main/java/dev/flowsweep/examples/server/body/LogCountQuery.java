package dev.flowsweep.examples.server.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /logs/count}: {@code {"logs"?: {"flow_run_id"?: {"any_": [ids]}}}}.
 *
 * @param flowRunIds the runs whose logs are counted; null: every log ({@code []} matches none)
 */
@JsonTypeName("LogCountBody")
public record LogCountQuery(List<UUID> flowRunIds) {

    public LogCountQuery {
        flowRunIds = flowRunIds == null ? null : List.copyOf(flowRunIds);
    }

    @JsonCreator
    static LogCountQuery of(@JsonProperty("logs") LogFilter logs) {
        return new LogCountQuery(LogFilter.flowRunIds(logs));
    }

    @JsonValue
    Map<String, LogFilter> shape() {
        return flowRunIds == null ? Map.of() : Map.of("logs", LogFilter.of(flowRunIds));
    }
}
