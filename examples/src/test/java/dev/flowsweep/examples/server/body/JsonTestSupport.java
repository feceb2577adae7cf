package dev.flowsweep.examples.server.body;

import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson2.FlowsweepJson;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The json module's test helpers, for the server's bodies: JSON with single quotes, and assertions on problems. */
final class JsonTestSupport {

    static final FlowsweepJson JSON = new FlowsweepJson();

    static final String ID_1 = "0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122";
    static final String ID_2 = "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b";
    static final String ID_3 = "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f";

    private JsonTestSupport() {
    }

    /** {@code q("{'a': 1}")} is {@code {"a": 1}}: test JSON without escaped quotes. */
    static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** Reads {@code json} (single-quoted) as {@code type} with the default {@link FlowsweepJson}. */
    static <T> T read(String json, Class<T> type) throws FlowsweepJsonException {
        return JSON.read(q(json), type);
    }

    /** The exception of reading {@code json} (single-quoted) as {@code type}. */
    static FlowsweepJsonException failure(String json, Class<?> type) {
        return failure(() -> JSON.read(q(json), type));
    }

    static FlowsweepJsonException failure(Executable reading) {
        return assertThrows(FlowsweepJsonException.class, reading);
    }

    /** Asserts the exception has exactly one problem, at {@code loc}, of {@code type}, and returns it. */
    static JsonProblem assertOnlyProblem(FlowsweepJsonException e, String type, Object... loc) {
        assertEquals(1, e.problems().size(), () -> "expected one problem, got " + e.problems());
        return assertProblem(e.firstProblem(), type, loc);
    }

    static JsonProblem assertProblem(JsonProblem p, String type, Object... loc) {
        assertEquals(List.of(loc), p.loc(), () -> "loc of " + p);
        assertEquals(type, p.type(), () -> "type of " + p);
        assertTrue(!p.msg().isBlank(), () -> "message of " + p);
        return p;
    }

    static void assertMessageContains(JsonProblem p, String... parts) {
        for (String part : parts) {
            assertTrue(p.msg().contains(part), () -> "expected \"" + part + "\" in message: " + p.msg());
        }
    }
}
