package dev.flowsweep.json.jackson3;

import dev.flowsweep.json.BulkDeleteRequestJsonCases;
import dev.flowsweep.json.HostileStringsCases;
import dev.flowsweep.json.JsonEngine;
import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.RetentionFilterJsonCases;
import dev.flowsweep.json.SerializationCases;
import dev.flowsweep.json.StrictnessCases;
import dev.flowsweep.json.jackson2.Jackson2Engine;
import org.junit.jupiter.api.Nested;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every shared case on both bindings at once: each input is read by the Jackson 2 and the Jackson 3 binding, which
 * must both accept it with equal values or both refuse it with equal problems ({@code loc}, {@code msg},
 * {@code type}), and each value is written identically; then the case asserts what it asserts. Runs in its own
 * surefire execution, the one with jackson-databind 2 on the class path.
 */
class BothEnginesTest {
    private static final JsonEngine BOTH = new Both(new Jackson2Engine(), new Jackson3Engine());

    /** Reads with one binding. */
    private interface Reading<T> {
        T read(JsonEngine engine) throws JsonEngine.Refused;
    }

    private record Both(JsonEngine two, JsonEngine three) implements JsonEngine {
        @Override
        public <T> T read(String json, Class<T> type) throws Refused {
            return agree(json, e -> e.read(json, type));
        }

        @Override
        public <T> List<T> readList(String json, Class<T> elementType) throws Refused {
            return agree(json, e -> e.readList(json, elementType));
        }

        private <T> T agree(String json, Reading<T> reading) throws Refused {
            Refused refusedByTwo = null;
            Refused refusedByThree = null;
            T byTwo = null;
            T byThree = null;
            try {
                byTwo = reading.read(two);
            } catch (Refused e) {
                refusedByTwo = e;
            }
            try {
                byThree = reading.read(three);
            } catch (Refused e) {
                refusedByThree = e;
            }
            if (refusedByTwo == null && refusedByThree == null) {
                assertEquals(byTwo, byThree, () -> "the two bindings read different values from " + json);
                return byTwo;
            }
            if (refusedByTwo == null || refusedByThree == null) {
                fail("only the Jackson " + (refusedByTwo == null ? 3 : 2) + " binding refused " + json);
            }
            assertEquals(comparable(refusedByTwo.problems()), comparable(refusedByThree.problems()),
                    () -> "problems of " + json);
            throw refusedByTwo;
        }

        /** The problems, where a {@code json_invalid} message keeps only where: the rest is each parser's wording. */
        private static List<JsonProblem> comparable(List<JsonProblem> problems) {
            return problems.stream().map(p -> !p.type().equals(JsonProblem.JSON_INVALID) ? p : new JsonProblem(p.loc(),
                    p.msg().replaceAll("^Invalid JSON: .*?((?: \\(line \\d+, column \\d+\\))?)$", "Invalid JSON:$1"),
                    p.type())).toList();
        }

        @Override
        public String writeString(Object value) {
            String byTwo = two.writeString(value);
            assertEquals(byTwo, three.writeString(value), () -> "written " + value);
            return byTwo;
        }

        @Override
        public String writeString(Object value, boolean releasedSlots) {
            String byTwo = two.writeString(value, releasedSlots);
            assertEquals(byTwo, three.writeString(value, releasedSlots), () -> "written " + value);
            return byTwo;
        }

        @Override
        public JsonEngine with(JsonOptions options) {
            return new Both(two.with(options), three.with(options));
        }
    }

    @Nested
    class Strictness extends StrictnessCases {
        @Override
        protected JsonEngine engine() {
            return BOTH;
        }
    }

    @Nested
    class HostileStrings extends HostileStringsCases {
        @Override
        protected JsonEngine engine() {
            return BOTH;
        }
    }

    @Nested
    class BulkDeleteRequestJson extends BulkDeleteRequestJsonCases {
        @Override
        protected JsonEngine engine() {
            return BOTH;
        }
    }

    @Nested
    class Serialization extends SerializationCases {
        @Override
        protected JsonEngine engine() {
            return BOTH;
        }
    }

    @Nested
    class RetentionFilterJson extends RetentionFilterJsonCases {
        @Override
        protected JsonEngine engine() {
            return BOTH;
        }
    }
}
