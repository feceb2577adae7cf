package dev.flowsweep.json;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.retention.RetentionPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A retention policy's filter in Prefect's JSON, as the CLI prints it (moved here from core's RetentionPolicyTest). */
public abstract class RetentionFilterJsonCases extends EngineCases {
    @Test
    void theConditionsAreWrittenAsPrefectJson() throws Exception {
        FlowRunFilter f = RetentionPolicy.finishedOlderThan("p", Duration.ofDays(30))
                .filterAt(Instant.parse("2026-06-01T10:00:00Z"));

        String json = JSON.writeString(f);

        assertTrue(json.contains("\"end_time\":{\"before_\":\"2026-05-02T09:59:59.999999Z\""), json);
        assertTrue(json.contains("\"any_\":[\"COMPLETED\",\"FAILED\",\"CANCELLED\",\"CRASHED\"]"), json);
        assertTrue(json.contains("\"parent_task_run_id\":{"), json);
        assertEquals(f, JSON.readFlowRunFilter(json), "what the CLI prints can be fed back to `delete --filter`");
    }
}
