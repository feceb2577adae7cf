package dev.flowsweep.json;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.Strings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for what the hostile input corpus found: strings that are not plain Unicode text, and stored
 * strings longer than the JDBC columns.
 * <ul>
 *   <li>A filter value with an unpaired surrogate reached the JDBC drivers, which send it as {@code ?}: on
 *       PostgreSQL, {@code {"name": {"any_": ["\ud800"]}}} bulk deleted the run named {@code ?}. It is refused, by the
 *       binding ({@code string_unicode}) and by {@link FlowRunFilter} itself for Java callers.</li>
 *   <li>A NUL in a filter or a run made PostgreSQL fail (500) while the other adapters answered: refused
 *       ({@code value_error}).</li>
 *   <li>A run name of 600 characters was stored in memory and failed with a storage error (500) on every database:
 *       stored strings are limited to the columns' 512 characters ({@code string_too_long}); filter values are not.</li>
 * </ul>
 */
public abstract class HostileStringsCases extends EngineCases {
    private JsonProblem refused(String text, Class<?> type) {
        JsonEngine.Refused e = assertThrows(JsonEngine.Refused.class, () -> JSON.read(text, type));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void anUnpairedSurrogateInAFilterIsRefusedWhereverItIs() {
        for (String[] c : new String[][]{
                {"{\"name\": {\"any_\": [\"\\ud800\"]}}", "name.any_.0"},
                {"{\"name\": {\"like_\": \"x\\udc00\"}}", "name.like_"},
                {"{\"tags\": {\"all_\": [\"a\", \"\\udbff\"]}}", "tags.all_.1"},
                {"{\"state\": {\"name\": {\"not_any_\": [\"\\udfff\\ud800\"]}}}", "state.name.not_any_.0"},
                {"{\"created_by\": {\"type_\": [\"\\ud83d\"]}}", "created_by.type_.0"}}) {
            JsonProblem p = refused(c[0], FlowRunFilter.class);
            assertEquals(JsonProblem.STRING_UNICODE, p.type(), c[0]);
            List<Object> loc = new java.util.ArrayList<>();
            for (String part : c[1].split("\\.")) {
                loc.add(part.matches("\\d+") ? (Object) Integer.parseInt(part) : part);
            }
            assertEquals(loc, p.loc(), c[0]);
            assertTrue(p.msg().contains("unpaired surrogate"), p.msg());
        }
    }

    @Test
    void aNulInAFilterOrARunIsRefused() {
        JsonProblem p = refused("{\"idempotency_key\": {\"any_\": [\"a\\u0000\"]}}", FlowRunFilter.class);
        assertEquals(JsonProblem.VALUE_ERROR, p.type());
        assertTrue(p.msg().contains("NUL"), p.msg());
        // in a run: the creation bodies of the example server (body.HostileStringsTest there), and a written run
        assertEquals(JsonProblem.VALUE_ERROR, refused("{\"id\": \"0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122\", "
                + "\"flow_id\": \"0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122\", \"created\": \"2026-06-01T10:00:00Z\", "
                + "\"updated\": \"2026-06-01T10:00:00Z\", \"name\": \"\\u0000\"}", dev.flowsweep.model.FlowRun.class).type());
    }

    @Test
    void surrogatePairsAndOtherCharactersAreText() throws Exception {
        FlowRunFilter f = JSON.readFlowRunFilter("{\"tags\": {\"any_\": [\"\\ud83d\\ude00\", \"\\u0001\", \"\\uffff\"]}}");
        assertEquals(List.of("\ud83d\ude00", "\u0001", "\uffff"), f.tags().any());
        assertEquals(-1, Strings.firstInvalidChar("\ud83d\ude00 \u00e4 \u0007"));
        assertEquals(1, Strings.firstInvalidChar("a\ud800b"));
        assertEquals(0, Strings.firstInvalidChar("\udc00"));
        assertEquals(2, Strings.firstInvalidChar("ab\u0000"));
    }

    @Test
    void javaCallersCannotBuildSuchAFilterEither() {
        assertThrows(IllegalArgumentException.class, () -> FlowRunFilter.builder().nameAny("\ud800"));
        assertThrows(IllegalArgumentException.class, () -> FlowRunFilter.builder().nameLike("a\u0000b"));
        assertThrows(IllegalArgumentException.class, () -> FlowRunFilter.builder().stateNameNotAny("\udc00"));
        assertThrows(IllegalArgumentException.class, () -> FlowRunFilter.builder().workQueueNameAny("\ud800x"));
        assertEquals(List.of("\ud83d\ude00"), FlowRunFilter.builder().nameAny("\ud83d\ude00").build().name().any());
    }

    /** Stored strings are limited (the example server's creation bodies: body.HostileStringsTest there); filters not. */
    @Test
    void filterValuesAreNotLimited() throws Exception {
        FlowRunFilter f = JSON.readFlowRunFilter("{\"name\": {\"any_\": [\"" + "x".repeat(100_000) + "\"]}}");
        assertEquals(100_000, f.name().any().get(0).length(), "a long filter value simply matches nothing");
    }

    @Test
    void aWrittenRunsStringsAreLimitedToTheColumns() {
        String run = "{\"id\": \"0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122\", \"flow_id\": \"0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122\", "
                + "\"created\": \"2026-06-01T10:00:00Z\", \"updated\": \"2026-06-01T10:00:00Z\", ";
        JsonProblem p = refused(run + "\"tags\": [\"ok\", \"" + "n".repeat(513) + "\"]}", dev.flowsweep.model.FlowRun.class);
        assertEquals(JsonProblem.STRING_TOO_LONG, p.type());
        assertEquals(List.of("tags", 1), p.loc());
        p = refused(run + "\"created_by\": {\"display_value\": \"" + "d".repeat(2049) + "\"}}", dev.flowsweep.model.FlowRun.class);
        assertEquals(List.of("created_by", "display_value"), p.loc());
    }
}
