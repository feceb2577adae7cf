package dev.flowsweep.jdbc.internal.layout.prefect;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON text as Python's {@code json.dumps} writes it (the expected strings were printed by Python 3.11). */
class PrefectJsonTest {

    @Test
    void listsAreWrittenAsJsonDumpsWritesThem() {
        assertEquals("[]", PrefectJson.list(List.of()));
        // python3 -c 'import json;print(json.dumps(["a","é","😀","\x07","\\/","\x7f","q\"t","\n\t\r\b\f"]))'
        assertEquals("[\"a\", \"\\u00e9\", \"\\ud83d\\ude00\", \"\\u0007\", \"\\\\/\", \"\\u007f\", \"q\\\"t\", "
                        + "\"\\n\\t\\r\\b\\f\"]",
                PrefectJson.list(List.of("a", "\u00e9", "\ud83d\ude00", "\u0007", "\\/", "\u007f", "q\"t", "\n\t\r\b\f")));
    }

    @Test
    void objectsKeepTheirKeyOrderAndNulls() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", null);
        m.put("type", "USER");
        m.put("n", 0);
        m.put("x", 0.0);
        m.put("b", false);
        m.put("raw", new PrefectJson.Raw("[]"));
        assertEquals("{\"id\": null, \"type\": \"USER\", \"n\": 0, \"x\": 0.0, \"b\": false, \"raw\": []}",
                PrefectJson.object(m));
    }

    @Test
    void stateDetailsHaveEveryKeyOfPrefectsStateDetailsInItsOrder() {
        UUID run = UUID.fromString("0195a0c2-0000-7000-8000-000000000001");
        String d = StateRows.details(run, null, Instant.parse("2026-06-01T10:00:00Z"));
        assertEquals("{\"flow_run_id\": \"0195a0c2-0000-7000-8000-000000000001\", \"task_run_id\": null, "
                + "\"child_flow_run_id\": null, \"scheduled_time\": \"2026-06-01T10:00:00Z\", \"cache_key\": null, "
                + "\"cache_expiration\": null, \"deferred\": false, \"untrackable_result\": false, \"pause_timeout\": null, "
                + "\"pause_reschedule\": false, \"pause_key\": null, \"run_input_keyset\": null, \"refresh_cache\": null, "
                + "\"retriable\": null, \"transition_id\": null, \"task_parameters_id\": null, \"traceparent\": null, "
                + "\"deployment_concurrency_lease_id\": null}", d);
    }

    @Test
    void stateIdsAreVersion7AndGeneratedNamesAreAdjectiveAnimal() {
        UUID id = StateRows.uuid7(Instant.parse("2026-06-01T10:00:00Z"));
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(Instant.parse("2026-06-01T10:00:00Z").toEpochMilli(), id.getMostSignificantBits() >>> 16);
        UUID run = UUID.randomUUID();
        assertEquals(RunNames.of(run), RunNames.of(run), "the same run gets the same name");
        assertTrue(RunNames.of(run).matches("[a-z]+-[a-z]+"), RunNames.of(run));
    }
}
