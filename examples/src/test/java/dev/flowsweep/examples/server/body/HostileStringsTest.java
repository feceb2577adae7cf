package dev.flowsweep.examples.server.body;

import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson2.FlowsweepJson;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The creation bodies' part of the hostile input corpus's findings (the filters' part is flowsweep-json's
 * HostileStringsCases, run on each binding): a NUL in a run is refused; a run name of 600 characters was stored in
 * memory and failed with a storage error (500) on every database, so stored strings are limited to the columns' 512
 * characters ({@code string_too_long}); log messages are not.
 */
class HostileStringsTest {
    private static final FlowsweepJson JSON = new FlowsweepJson();

    private static JsonProblem refused(String json, Class<?> type) {
        FlowsweepJsonException e = assertThrows(FlowsweepJsonException.class, () -> JSON.read(json, type));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void aNulInARunIsRefused() {
        assertEquals(JsonProblem.VALUE_ERROR, refused("{\"flow_id\": \"0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122\", "
                + "\"name\": \"\\u0000\"}", FlowRunCreate.class).type());
    }

    @Test
    void storedStringsAreLimitedToTheColumns() throws Exception {
        String id = "0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122";
        String ok = "n".repeat(512);
        String tooLong = "n".repeat(513);
        assertEquals(ok, JSON.read("{\"flow_id\": \"" + id + "\", \"name\": \"" + ok + "\"}", FlowRunCreate.class).name());
        for (String body : List.of("{\"name\": \"" + tooLong + "\"}", "{\"tags\": [\"" + tooLong + "\"]}",
                "{\"state\": {\"type\": \"RUNNING\", \"name\": \"" + tooLong + "\"}}",
                "{\"state_type\": \"RUNNING\", \"state_name\": \"" + tooLong + "\"}",
                "{\"work_queue_name\": \"" + tooLong + "\"}", "{\"flow_version\": \"" + tooLong + "\"}",
                "{\"idempotency_key\": \"" + tooLong + "\"}", "{\"created_by\": {\"type\": \"" + tooLong + "\"}}",
                "{\"created_by\": {\"display_value\": \"" + "d".repeat(2049) + "\"}}")) {
            String json = "{\"flow_id\": \"" + id + "\", " + body.substring(1);
            assertEquals(JsonProblem.STRING_TOO_LONG, refused(json, FlowRunCreate.class).type(), body);
        }
        assertEquals(JsonProblem.STRING_TOO_LONG, refused("{\"name\": \"" + tooLong + "\"}", FlowCreate.class).type());
        assertEquals(JsonProblem.STRING_TOO_LONG, refused("{\"flow_run_id\": \"" + id + "\", \"task_key\": \"" + tooLong
                + "\", \"dynamic_key\": \"0\"}", TaskRunCreate.class).type());
        String longLog = "{\"name\": \"app\", \"level\": 20, \"message\": \"" + "m".repeat(100_000)
                + "\", \"timestamp\": \"2026-06-01T10:00:00Z\"}";
        assertEquals(100_000, JSON.read(longLog, LogCreate.class).message().length(), "log messages are not limited");
        assertEquals(StateType.RUNNING, JSON.read("{\"flow_id\": \"" + id + "\", \"state\": {\"type\": \"RUNNING\", "
                + "\"name\": \"" + ok + "\"}}", FlowRunCreate.class).stateType());
    }
}
