package dev.flowsweep.json;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared helpers: JSON written with single quotes for readability, and assertions on problems. */
public final class JsonTestSupport {

    public static final String ID_1 = "0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122";
    public static final String ID_2 = "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b";
    public static final String ID_3 = "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f";

    private JsonTestSupport() {
    }

    /** {@code q("{'a': 1}")} is {@code {"a": 1}}: test JSON without escaped quotes. */
    public static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** Asserts the refusal has exactly one problem, at {@code loc}, of {@code type}, and returns it. */
    public static JsonProblem assertOnlyProblem(JsonEngine.Refused e, String type, Object... loc) {
        return assertOnlyProblem(e.problems(), type, loc);
    }

    /** Asserts there is exactly one problem, at {@code loc}, of {@code type}, and returns it. */
    public static JsonProblem assertOnlyProblem(List<JsonProblem> problems, String type, Object... loc) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return assertProblem(problems.get(0), type, loc);
    }

    public static JsonProblem assertProblem(JsonProblem p, String type, Object... loc) {
        assertEquals(List.of(loc), p.loc(), () -> "loc of " + p);
        assertEquals(type, p.type(), () -> "type of " + p);
        assertTrue(!p.msg().isBlank(), () -> "message of " + p);
        return p;
    }

    public static void assertMessageContains(JsonProblem p, String... parts) {
        for (String part : parts) {
            assertTrue(p.msg().contains(part), () -> "expected \"" + part + "\" in message: " + p.msg());
        }
    }
}
