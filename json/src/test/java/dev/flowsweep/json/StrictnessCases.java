package dev.flowsweep.json;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.flowsweep.json.JsonProblem.BOOL_TYPE;
import static dev.flowsweep.json.JsonProblem.DATETIME_FROM_DATE_PARSING;
import static dev.flowsweep.json.JsonProblem.DATETIME_PARSING;
import static dev.flowsweep.json.JsonProblem.DATETIME_TYPE;
import static dev.flowsweep.json.JsonProblem.DICT_TYPE;
import static dev.flowsweep.json.JsonProblem.DUPLICATE_KEY;
import static dev.flowsweep.json.JsonProblem.ENUM;
import static dev.flowsweep.json.JsonProblem.EXTRA_FORBIDDEN;
import static dev.flowsweep.json.JsonProblem.GREATER_THAN_EQUAL;
import static dev.flowsweep.json.JsonProblem.INT_TYPE;
import static dev.flowsweep.json.JsonProblem.JSON_INVALID;
import static dev.flowsweep.json.JsonProblem.LESS_THAN_EQUAL;
import static dev.flowsweep.json.JsonProblem.LIST_TYPE;
import static dev.flowsweep.json.JsonProblem.STRING_TOO_LONG;
import static dev.flowsweep.json.JsonProblem.STRING_TYPE;
import static dev.flowsweep.json.JsonProblem.TOO_LONG;
import static dev.flowsweep.json.JsonProblem.UUID_PARSING;
import static dev.flowsweep.json.JsonProblem.UUID_TYPE;
import static dev.flowsweep.json.JsonTestSupport.ID_1;
import static dev.flowsweep.json.JsonTestSupport.ID_2;
import static dev.flowsweep.json.JsonTestSupport.assertMessageContains;
import static dev.flowsweep.json.JsonTestSupport.assertOnlyProblem;
import static dev.flowsweep.json.JsonTestSupport.assertProblem;
import static dev.flowsweep.json.JsonTestSupport.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per strictness rule, each asserting the problem's {@code loc} and {@code type}. */
public abstract class StrictnessCases extends EngineCases {

    private static final Class<BulkDeleteRequest> BODY = BulkDeleteRequest.class;

    // ---- unknown fields ------------------------------------------------------------------------------------

    @Test
    void unknownFieldAtTopLevel() {
        JsonProblem p = assertOnlyProblem(failure("{'limit': 5, 'offset': 0}", BODY), EXTRA_FORBIDDEN, "offset");
        assertMessageContains(p, "\"offset\"", "flow_runs, limit, actor");
    }

    @Test
    void unknownFieldInFilter() {
        assertOnlyProblem(failure("{'flow_runs': {'flow_name': {}}}", BODY), EXTRA_FORBIDDEN, "flow_runs", "flow_name");
    }

    @Test
    void unknownFieldInSubFilter() {
        JsonProblem p = assertOnlyProblem(failure("{'flow_runs': {'state': {'types': {}}}}", BODY),
                EXTRA_FORBIDDEN, "flow_runs", "state", "types");
        assertMessageContains(p, "FlowRunFilterState", "operator, type, name");
    }

    @Test
    void unknownFieldAtTheDeepestLevel() {
        JsonProblem p = assertOnlyProblem(failure("{'flow_runs': {'state': {'type': {'bogus': ['X']}}}}", BODY),
                EXTRA_FORBIDDEN, "flow_runs", "state", "type", "bogus");
        assertMessageContains(p, "FlowRunFilterStateType", "any_, not_any_");
    }

    @Test
    void prefectOperatorsThatTheCriterionDoesNotHaveAreUnknown() {
        assertOnlyProblem(failure("{'flow_runs': {'id': {'like_': 'x'}}}", BODY), EXTRA_FORBIDDEN, "flow_runs", "id", "like_");
        assertOnlyProblem(failure("{'flow_runs': {'expected_start_time': {'is_null_': true}}}", BODY),
                EXTRA_FORBIDDEN, "flow_runs", "expected_start_time", "is_null_");
        assertOnlyProblem(failure("{'flow_runs': {'created_by': {'any_': []}}}", BODY),
                EXTRA_FORBIDDEN, "flow_runs", "created_by", "any_");
    }

    // ---- integers ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"2.5", "10.0", "1e12", "1e2", "'10'", "true", "[10]", "{}"})
    void limitMustBeAJsonInteger(String limit) {
        JsonProblem p = assertOnlyProblem(failure("{'limit': " + limit + "}", BODY), INT_TYPE, "limit");
        assertMessageContains(p, "Input should be a valid integer", "got ");
    }

    @Test
    void floatLimitMessageNamesWhatWasFound() {
        JsonProblem p = assertOnlyProblem(failure("{'limit': 2.5}", BODY), INT_TYPE, "limit");
        assertMessageContains(p, "a number with a fraction or exponent (2.5)");
        p = assertOnlyProblem(failure("{'limit': '10'}", BODY), INT_TYPE, "limit");
        assertMessageContains(p, "a string (\"10\")");
    }

    @Test
    void limitBelowOne() {
        assertMessageContains(assertOnlyProblem(failure("{'limit': 0}", BODY), GREATER_THAN_EQUAL, "limit"),
                "greater than or equal to 1", "got 0");
        assertOnlyProblem(failure("{'limit': -5}", BODY), GREATER_THAN_EQUAL, "limit");
        assertOnlyProblem(failure("{'limit': -99999999999999999999}", BODY), GREATER_THAN_EQUAL, "limit");
    }

    @Test
    void limitBeyondThirtyTwoBits() {
        assertOnlyProblem(failure("{'limit': 1000000000000}", BODY), LESS_THAN_EQUAL, "limit");
        assertOnlyProblem(failure("{'limit': 2147483648}", BODY), LESS_THAN_EQUAL, "limit");
        assertOnlyProblem(failure("{'limit': 123456789012345678901234567890}", BODY), LESS_THAN_EQUAL, "limit");
    }

    @Test
    void largestIntegerLimitIsReadAndLeftToTheServiceCap() throws Exception {
        assertEquals(Integer.MAX_VALUE, read("{'limit': 2147483647}", BODY).limit());
        assertEquals(1, read("{'limit': 1}", BODY).limit());
    }

    // ---- booleans, strings ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"'true'", "1", "0", "'false'", "[]"})
    void isNullMustBeAJsonBoolean(String value) {
        assertOnlyProblem(failure("{'flow_runs': {'tags': {'is_null_': " + value + "}}}", BODY),
                BOOL_TYPE, "flow_runs", "tags", "is_null_");
    }

    @Test
    void stringsMustBeJsonStrings() {
        assertOnlyProblem(failure("{'flow_runs': {'name': {'like_': 5}}}", BODY), STRING_TYPE, "flow_runs", "name", "like_");
        assertOnlyProblem(failure("{'flow_runs': {'tags': {'all_': ['a', true]}}}", BODY),
                STRING_TYPE, "flow_runs", "tags", "all_", 1);
        assertOnlyProblem(failure("{'actor': 7}", BODY), STRING_TYPE, "actor");
    }

    @Test
    void actorLongerThan255() {
        JsonProblem p = assertOnlyProblem(failure("{'actor': '" + "a".repeat(256) + "'}", BODY), STRING_TOO_LONG, "actor");
        assertMessageContains(p, "at most 255 characters", "256");
    }

    // ---- UUIDs ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"1-2-3-4-5", "0a3b8c4e1f2d4e5a9b6c7d8e9f001122", "{0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122}",
            "0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f00112", "0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f00112g", "", " " + ID_1})
    void uuidsMustBeCanonical(String bad) {
        JsonProblem p = assertOnlyProblem(failure("{'flow_runs': {'id': {'any_': ['" + ID_1 + "', '" + bad + "']}}}", BODY),
                UUID_PARSING, "flow_runs", "id", "any_", 1);
        assertMessageContains(p, "8-4-4-4-12");
    }

    @Test
    void badUuidMessageQuotesTheValue() {
        JsonProblem p = assertOnlyProblem(failure("{'flow_runs': {'id': {'any_': ['1-2-3-4-5']}}}", BODY),
                UUID_PARSING, "flow_runs", "id", "any_", 0);
        assertMessageContains(p, "got \"1-2-3-4-5\"");
    }

    @Test
    void uuidMustBeAString() {
        assertOnlyProblem(failure("{'flow_runs': {'deployment_id': {'any_': [12]}}}", BODY),
                UUID_TYPE, "flow_runs", "deployment_id", "any_", 0);
    }

    @Test
    void upperCaseUuidIsAccepted() throws Exception {
        FlowRunFilter f = read("{'id': {'any_': ['" + ID_1.toUpperCase() + "']}}", FlowRunFilter.class);
        assertEquals(List.of(UUID.fromString(ID_1)), f.id().any());
    }

    // ---- enums ---------------------------------------------------------------------------------------------

    @Test
    void unknownStateType() {
        JsonProblem p = assertOnlyProblem(failure("{'flow_runs': {'state': {'type': {'any_': ['COMPLETED', 'DONE']}}}}", BODY),
                ENUM, "flow_runs", "state", "type", "any_", 1);
        assertMessageContains(p, "'SCHEDULED'", "'CANCELLING'", "got \"DONE\"");
    }

    @Test
    void stateTypesAreUpperCase() {
        assertOnlyProblem(failure("{'flow_runs': {'state': {'type': {'not_any_': ['completed']}}}}", BODY),
                ENUM, "flow_runs", "state", "type", "not_any_", 0);
    }

    @Test
    void unknownOperator() {
        JsonProblem p = assertOnlyProblem(failure("{'flow_runs': {'operator': 'xor_'}}", BODY), ENUM, "flow_runs", "operator");
        assertMessageContains(p, "'and_' or 'or_'", "\"xor_\"");
        assertOnlyProblem(failure("{'flow_runs': {'tags': {'operator': 'AND'}}}", BODY), ENUM, "flow_runs", "tags", "operator");
        assertOnlyProblem(failure("{'flow_runs': {'state': {'operator': 1}}}", BODY), ENUM, "flow_runs", "state", "operator");
    }

    @Test
    void unknownSort() {
        assertOnlyProblem(failure("'id_desc'", FlowRunSort.class), ENUM);
        assertOnlyProblem(failure("'START_TIME'", FlowRunSort.class), ENUM);
    }

    // ---- lists ---------------------------------------------------------------------------------------------

    @Test
    void nullInsideAListIsRefused() {
        JsonProblem p = assertOnlyProblem(failure("{'flow_runs': {'id': {'any_': ['" + ID_1 + "', null]}}}", BODY),
                UUID_TYPE, "flow_runs", "id", "any_", 1);
        assertMessageContains(p, "got null");
        assertOnlyProblem(failure("{'flow_runs': {'tags': {'any_': [null]}}}", BODY), STRING_TYPE, "flow_runs", "tags", "any_", 0);
        assertOnlyProblem(failure("{'flow_runs': {'state': {'type': {'any_': [null]}}}}", BODY),
                ENUM, "flow_runs", "state", "type", "any_", 0);
    }

    @Test
    void aListIsRequiredWhereOneIsExpected() {
        assertOnlyProblem(failure("{'flow_runs': {'tags': {'all_': 'db'}}}", BODY), LIST_TYPE, "flow_runs", "tags", "all_");
        assertOnlyProblem(failure("{'flow_runs': {'id': {'any_': {'" + ID_1 + "': 1}}}}", BODY),
                LIST_TYPE, "flow_runs", "id", "any_");
    }

    @Test
    void listOverTheConfiguredCap() {
        JsonEngine small = JSON.with(JsonOptions.defaults().withMaxListSize(3));
        JsonEngine.Refused e = failure(() -> small.read(q("{'flow_runs': {'tags': {'all_': ['a', 'b', 'c', 'd', 'e']}}}"), BODY));
        JsonProblem p = assertOnlyProblem(e, TOO_LONG, "flow_runs", "tags", "all_");
        assertMessageContains(p, "at most 3 items", "not 5");
    }

    @Test
    void listAtTheCapIsAccepted() throws Exception {
        JsonEngine small = JSON.with(JsonOptions.defaults().withMaxListSize(3));
        BulkDeleteRequest r = small.read(q("{'flow_runs': {'tags': {'all_': ['a', 'b', 'c']}}}"), BODY);
        assertEquals(List.of("a", "b", "c"), r.filter().tags().all());
    }

    @Test
    void defaultCapIsOneHundredThousand() throws Exception {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            ids.append(i == 0 ? "" : ",").append('"').append(String.format("%08x-0000-4000-8000-000000000000", i)).append('"');
        }
        FlowRunFilter f = JSON.readFlowRunFilter("{\"id\": {\"any_\": [" + ids + "]}}");
        assertEquals(100_000, f.id().any().size());

        String tooMany = "{\"flow_runs\": {\"id\": {\"not_any_\": [" + ids + ",\"" + ID_2 + "\"]}}}";
        JsonEngine.Refused e = failure(() -> JSON.readBulkDeleteRequest(tooMany));
        JsonProblem p = assertOnlyProblem(e, TOO_LONG, "flow_runs", "id", "not_any_");
        assertMessageContains(p, "List should have at most 100000 items, not 100001");
    }

    // ---- duplicate keys ------------------------------------------------------------------------------------

    @Test
    void duplicateKeyAtTopLevel() {
        JsonProblem p = assertOnlyProblem(failure("{'limit': 5, 'flow_runs': {}, 'limit': 500}", BODY), DUPLICATE_KEY, "limit");
        assertMessageContains(p, "\"limit\"");
    }

    @Test
    void duplicateKeyNested() {
        assertOnlyProblem(failure("{'flow_runs': {'id': {'any_': ['" + ID_1 + "'], 'any_': []}}}", BODY),
                DUPLICATE_KEY, "flow_runs", "id", "any_");
        assertOnlyProblem(failure("{'flow_runs': {'state': {}, 'state': null}}", BODY), DUPLICATE_KEY, "flow_runs", "state");
    }

    // ---- objects -------------------------------------------------------------------------------------------

    @Test
    void subFilterMustBeAnObject() {
        JsonProblem p = assertOnlyProblem(failure("{'flow_runs': {'state': 'COMPLETED'}}", BODY), DICT_TYPE, "flow_runs", "state");
        assertMessageContains(p, "FlowRunFilterState", "a string (\"COMPLETED\")");
        assertOnlyProblem(failure("{'flow_runs': []}", BODY), DICT_TYPE, "flow_runs");
    }

    @Test
    void bodyMustBeAnObject() {
        assertOnlyProblem(failure("[]", BODY), DICT_TYPE);
        assertOnlyProblem(failure("null", BODY), DICT_TYPE);
        assertOnlyProblem(failure("'flow_runs'", BODY), DICT_TYPE);
    }

    // ---- times ---------------------------------------------------------------------------------------------

    @Test
    void timeWithOffsetIsConvertedToUtc() throws Exception {
        FlowRunFilter f = read("{'end_time': {'before_': '2026-06-01T12:00:00+02:00', 'after_': '2026-06-01T00:30-05:30'}}",
                FlowRunFilter.class);
        assertEquals(Instant.parse("2026-06-01T10:00:00Z"), f.endTime().before());
        assertEquals(Instant.parse("2026-06-01T06:00:00Z"), f.endTime().after());
    }

    @Test
    void timeWithoutZoneIsUtc() throws Exception {
        FlowRunFilter f = read("{'start_time': {'after_': '2026-06-01T10:00:00'}}", FlowRunFilter.class);
        assertEquals(Instant.parse("2026-06-01T10:00:00Z"), f.startTime().after());
    }

    @Test
    void nanosecondsAreTruncatedToMicroseconds() throws Exception {
        FlowRunFilter f = read("{'expected_start_time': {'before_': '2026-06-01T10:00:00.123456789Z'}}", FlowRunFilter.class);
        assertEquals(Instant.parse("2026-06-01T10:00:00.123456Z"), f.expectedStartTime().before());
    }

    @Test
    void yearTenThousandIsRefused() {
        JsonProblem p = assertOnlyProblem(failure("{'flow_runs': {'end_time': {'before_': '10000-01-01T00:00:00Z'}}}", BODY),
                DATETIME_PARSING, "flow_runs", "end_time", "before_");
        assertMessageContains(p, "0001-9999");
    }

    @Test
    void yearZeroAndOffsetsLeavingTheRangeAreRefused() {
        assertOnlyProblem(failure("{'flow_runs': {'end_time': {'after_': '0000-12-31T00:00:00Z'}}}", BODY),
                DATETIME_PARSING, "flow_runs", "end_time", "after_");
        assertOnlyProblem(failure("{'flow_runs': {'end_time': {'after_': '0001-01-01T00:00:00+01:00'}}}", BODY),
                DATETIME_PARSING, "flow_runs", "end_time", "after_");
        assertOnlyProblem(failure("{'flow_runs': {'end_time': {'after_': '9999-12-31T23:00:00-02:00'}}}", BODY),
                DATETIME_PARSING, "flow_runs", "end_time", "after_");
    }

    @Test
    void dateOnlyIsRefused() {
        JsonProblem p = assertOnlyProblem(failure("{'flow_runs': {'start_time': {'before_': '2026-06-01'}}}", BODY),
                DATETIME_FROM_DATE_PARSING, "flow_runs", "start_time", "before_");
        assertMessageContains(p, "\"2026-06-01\"", "without a time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-06-01t10:00:00Z", "2026-06-01 10:00:00Z", "2026-06-01T10:00:00z", "2026-06-01T10Z",
            "2026-06-01T10:00:00+0200", "2026-06-01T10:00:00+02", "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z",
            "2026-06-01T24:00:00Z", "2026-06-01T10:60:00Z", "2026-06-01T10:00:60Z", "2026-06-01T10:00:00.Z",
            "2026-06-01T10:00:00+24:00", "2026-06-01T10:00:00 ", "26-06-01T10:00:00Z", "yesterday", ""})
    void malformedTimesAreRefused(String bad) {
        assertOnlyProblem(failure("{'flow_runs': {'next_scheduled_start_time': {'after_': '" + bad + "'}}}", BODY),
                DATETIME_PARSING, "flow_runs", "next_scheduled_start_time", "after_");
    }

    @Test
    void timeMustBeAString() {
        assertOnlyProblem(failure("{'flow_runs': {'end_time': {'before_': 1767225600}}}", BODY),
                DATETIME_TYPE, "flow_runs", "end_time", "before_");
    }

    // ---- malformed input, several problems -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"{'limit': 5", "{'limit': }", "{limit: 5}", "{'limit': 5} {}", "{'limit': 5}}", "",
            "   ", "{'limit': 5,}", "{'flow_runs': {'id': {'any_': ['x'"})
    void malformedJsonIsJsonInvalid(String bad) {
        JsonProblem p = assertOnlyProblem(failure(bad, BODY), JSON_INVALID);
        assertMessageContains(p, "Invalid JSON");
    }

    @Test
    void nestingBeyondTheLimitIsJsonInvalid() {
        String deep = "[".repeat(200) + "]".repeat(200);
        assertOnlyProblem(failure("{'flow_runs': {'bogus': " + deep + "}}", BODY), JSON_INVALID);
    }

    /**
     * Binding stops at the first problem, as Jackson does: of several, the first in input order is reported. (A
     * duplicate key would come first wherever it is: the input is checked as JSON before it is bound.)
     */
    @Test
    void theFirstProblemInInputOrderIsReported() {
        JsonEngine.Refused e = failure("""
                {'flow_runs': {'id': {'any_': ['1-2-3-4-5']}, 'bogus': 1, 'state': {'type': {'any_': ['DONE']}}},
                 'limit': 2.5}""", BODY);
        assertOnlyProblem(e, UUID_PARSING, "flow_runs", "id", "any_", 0);
        assertTrue(e.getMessage().contains("$.flow_runs.id.any_[0]"), e.getMessage());
    }

    @Test
    void readingStopsAtTheFirstProblem() {
        JsonEngine.Refused e = failure(() -> JSON.readFlowRunFilter(q("{'a': 1, 'b': 2, 'c': 3, 'd': 4}")));
        assertOnlyProblem(e, EXTRA_FORBIDDEN, "a");
    }

    @Test
    void problemsAreWrittenInPrefectShape() {
        JsonEngine.Refused e = failure("{'limit': 'x'}", BODY);
        String json = JSON.writeString(e.problems().stream().map(p -> p.withLocPrefix("body")).toList());
        assertTrue(json.startsWith(q("[{'loc':['body','limit'],'msg':'Input should be a valid integer")), json);
        assertTrue(json.endsWith(q("'type':'int_type'}]")), json);
        JsonEngine.Refused nested = failure("{'flow_runs': {'id': {'any_': [null]}}}", BODY);
        assertTrue(JSON.writeString(nested.firstProblem()).startsWith(
                q("{'loc':['flow_runs','id','any_',0],")));
    }

    @Test
    void stateTypeListIsReadInOrderWithDuplicatesKept() throws Exception {
        FlowRunFilter f = read("{'state': {'type': {'any_': ['FAILED', 'CRASHED', 'FAILED']}}}", FlowRunFilter.class);
        assertEquals(List.of(StateType.FAILED, StateType.CRASHED, StateType.FAILED), f.state().type().any());
    }
}
