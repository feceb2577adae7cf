package dev.flowsweep.examples.server.body;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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
@JsonTypeName("LogFilterBody")
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

    /** The wire shape: the ids as Prefect's nested {@code "logs"} filter. */
    record Shape(LogFilter logs, int limit, int offset) {
    }

    @JsonCreator
    static LogQuery of(@JsonProperty("logs") LogFilter logs,
                       @JsonProperty("limit") @Min(0) @Max(FlowRunQuery.MAX_LIMIT) Integer limit,
                       @JsonProperty("offset") @Min(0) Integer offset) {
        return new LogQuery(LogFilter.flowRunIds(logs), limit == null ? FlowRunQuery.MAX_LIMIT : limit,
                offset == null ? 0 : offset);
    }

    @JsonValue
    Shape shape() {
        return new Shape(LogFilter.of(flowRunIds), limit, offset);
    }
}
