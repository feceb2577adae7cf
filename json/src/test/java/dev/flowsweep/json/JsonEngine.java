package dev.flowsweep.json;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.service.BulkDeleteRequest;

import java.util.List;

/**
 * A JSON binding as the shared cases ({@code *Cases}) see it: the Jackson 2 one (flowsweep-json-jackson2's
 * {@code Jackson2Engine}) or the Jackson 3 one (flowsweep-json-jackson3's tests). This test-jar has no Jackson binding
 * on its class path, so the cases run where only one of them is.
 */
public interface JsonEngine {

    /** Reads one value; a refused input throws {@link Refused}. */
    <T> T read(String json, Class<T> type) throws Refused;

    /** Reads a JSON list of {@code elementType}. */
    <T> List<T> readList(String json, Class<T> elementType) throws Refused;

    /** Writes a value. */
    String writeString(Object value);

    /** Writes a value with the writer attribute that asks for a result's {@code released_slots}, or not. */
    String writeString(Object value, boolean releasedSlots);

    /** The same binding with other options. */
    JsonEngine with(JsonOptions options);

    default FlowRunFilter readFlowRunFilter(String json) throws Refused {
        return read(json, FlowRunFilter.class);
    }

    default BulkDeleteRequest readBulkDeleteRequest(String json) throws Refused {
        return read(json, BulkDeleteRequest.class);
    }

    /** An input the binding refused: its exception's message and problems. */
    final class Refused extends Exception {
        private final transient List<JsonProblem> problems;

        public Refused(String message, List<JsonProblem> problems, Throwable cause) {
            super(message, cause);
            this.problems = List.copyOf(problems);
        }

        public List<JsonProblem> problems() {
            return problems;
        }

        public JsonProblem firstProblem() {
            return problems.get(0);
        }
    }
}
