package dev.flowsweep.json.jackson2;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.JsonTestSupport;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.flowsweep.json.JsonTestSupport.ID_1;
import static dev.flowsweep.json.JsonTestSupport.ID_2;
import static dev.flowsweep.json.JsonTestSupport.assertProblem;
import static dev.flowsweep.json.JsonTestSupport.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module on a host's own mapper: registration, strictness against lenient settings, nested locations. */
class JacksonModuleTest {

    private static final FlowsweepJson JSON = new FlowsweepJson();

    /** A host's own body that holds a Flowsweep request. */
    record HostBody(String note, BulkDeleteRequest request, List<FlowRunFilter> filters) {
    }

    private static ObjectMapper hostMapper() {
        return new ObjectMapper().registerModule(new FlowsweepJacksonModule());
    }

    @Test
    void readsAndWritesOnAPlainMapper() throws Exception {
        ObjectMapper mapper = hostMapper();
        BulkDeleteRequest r = mapper.readValue(q("{'flow_runs': {'tags': {'all_': ['db']}}, 'limit': 10}"), BulkDeleteRequest.class);
        assertEquals(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("db").build(), 10), r);
        assertEquals(q("{'deleted':['" + ID_1 + "']}"),
                mapper.writeValueAsString(new BulkDeleteResult(List.of(UUID.fromString(ID_1)), Map.of())));
    }

    @Test
    void lenientHostSettingsDoNotLoosenTheFormat() {
        ObjectMapper lenient = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .addModule(new FlowsweepJacksonModule())
                .build();
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class,
                () -> lenient.readValue(q("{'limit': 10.0}"), BulkDeleteRequest.class)), JsonProblem.INT_TYPE, "limit");
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class,
                () -> lenient.readValue(q("{'limit': '10'}"), BulkDeleteRequest.class)), JsonProblem.INT_TYPE, "limit");
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class,
                () -> lenient.readValue(q("{'LIMIT': 10}"), BulkDeleteRequest.class)), JsonProblem.EXTRA_FORBIDDEN, "LIMIT");
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class,
                () -> lenient.readValue(q("{'tags': {'all_': 'db'}}"), FlowRunFilter.class)), JsonProblem.LIST_TYPE, "tags", "all_");
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class,
                () -> lenient.readValue(q("'completed'"), StateType.class)), JsonProblem.ENUM);
    }

    @Test
    void hostNamingStrategyDoesNotRenameOurFields() throws Exception {
        ObjectMapper camel = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addModule(new FlowsweepJacksonModule())
                .build();
        FlowRun run = FlowRun.builder(UUID.fromString(ID_2)).id(UUID.fromString(ID_1))
                .created(Instant.parse("2026-06-01T10:00:00Z")).build();
        String json = camel.writeValueAsString(run);
        assertTrue(json.contains(q("'flow_id':'" + ID_2 + "'")), json);
        assertTrue(json.contains(q("'created':'2026-06-01T10:00:00Z'")), json);
    }

    @Test
    void problemsInsideAHostTypeAreLocatedFromTheRoot() {
        ObjectMapper mapper = hostMapper();
        FlowsweepJsonException e = assertThrows(FlowsweepJsonException.class, () -> mapper.readValue(
                q("{'note': 'x', 'request': {'flow_runs': {'state': {'type': {'bogus': 1}}}}}"), HostBody.class));
        assertOnlyProblem(e, JsonProblem.EXTRA_FORBIDDEN, "request", "flow_runs", "state", "type", "bogus");

        e = assertThrows(FlowsweepJsonException.class, () -> mapper.readValue(
                q("{'filters': [{}, {'id': {'any_': ['" + ID_1 + "', '1-2-3-4-5']}}]}"), HostBody.class));
        assertOnlyProblem(e, JsonProblem.UUID_PARSING, "filters", 1, "id", "any_", 1);
    }

    @Test
    void nullForAWholeValueIsJacksonsNull() throws Exception {
        HostBody body = hostMapper().readValue(q("{'note': null, 'request': null, 'filters': null}"), HostBody.class);
        assertNull(body.request());
        assertNull(hostMapper().readValue("null", BulkDeleteRequest.class));
    }

    @Test
    void readsFromATree() throws Exception {
        ObjectMapper mapper = hostMapper();
        var tree = mapper.readTree(q("{'state': {'type': {'any_': ['RUNNING']}}, 'name': {'like_': 'etl'}}"));
        FlowRunFilter f = mapper.treeToValue(tree, FlowRunFilter.class);
        assertEquals(FlowRunFilter.builder().stateTypeAny(StateType.RUNNING).nameLike("etl").build(), f);
        var floats = mapper.readTree(q("{'limit': 10.0}"));
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class,
                () -> mapper.treeToValue(floats, BulkDeleteRequest.class)), JsonProblem.INT_TYPE, "limit");
    }

    @Test
    void convertValueRoundTripsThroughATokenBuffer() {
        ObjectMapper mapper = hostMapper();
        FlowRunFilter f = FlowRunFilter.builder().idAny(UUID.fromString(ID_1)).tagsIsNull(true)
                .startTimeAfter(Instant.parse("2026-06-01T10:00:00.000001Z")).build();
        @SuppressWarnings("unchecked")
        Map<String, Object> asMap = mapper.convertValue(f, Map.class);
        assertEquals(Map.of("any_", List.of(ID_1)), asMap.get("id"));
        assertEquals(f, mapper.convertValue(asMap, FlowRunFilter.class));
    }

    @Test
    void readerOfFlowsweepJsonIsStrictToo() {
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class, () -> JSON.reader()
                .forType(BulkDeleteRequest.class).readValue(q("{'limit': 1, 'limit': 2}"))), JsonProblem.DUPLICATE_KEY, "limit");
    }

    @Test
    void listsThroughJacksonUseOurElementReader() throws Exception {
        ObjectMapper mapper = hostMapper();
        List<StateType> types = mapper.readValue("[\"PENDING\",\"RUNNING\"]", new TypeReference<List<StateType>>() { });
        assertEquals(List.of(StateType.PENDING, StateType.RUNNING), types);
    }

    @Test
    void malformedJsonMapsToJsonInvalid() {
        ObjectMapper mapper = hostMapper();
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> mapper.readValue(q("{'flow_runs': {'id': "), BulkDeleteRequest.class));
        JsonProblem p = assertOnlyProblem(FlowsweepJsonException.from(e), JsonProblem.JSON_INVALID);
        assertTrue(p.msg().startsWith("Invalid JSON: "), p.msg());
        assertTrue(p.msg().contains("line 1"), p.msg());
    }

    @Test
    void fromKeepsOurOwnExceptionAsIs() {
        FlowsweepJsonException e = assertThrows(FlowsweepJsonException.class,
                () -> hostMapper().readValue(q("{'limit': true}"), BulkDeleteRequest.class));
        assertSame(e, FlowsweepJsonException.from(e));
        assertEquals(e.problems(), FlowsweepJsonException.problemsOf(e));
    }

    @Test
    void strictDuplicateDetectionOfTheHostMapsToDuplicateKey() {
        ObjectMapper strict = JsonMapper.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new FlowsweepJacksonModule())
                .build();
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> strict.readValue(q("{'flow_runs': {'id': {}, 'id': {}}}"), BulkDeleteRequest.class));
        assertOnlyProblem(FlowsweepJsonException.from(e), JsonProblem.DUPLICATE_KEY, "flow_runs", "id");
    }

    @Test
    void jacksonErrorsOfHostTypesKeepTheirPath() {
        ObjectMapper mapper = hostMapper();
        JsonProcessingException unknown = assertThrows(JsonProcessingException.class,
                () -> mapper.readValue(q("{'nope': 1}"), HostBody.class));
        assertOnlyProblem(FlowsweepJsonException.from(unknown), JsonProblem.EXTRA_FORBIDDEN, "nope");
        JsonProcessingException mismatch = assertThrows(JsonProcessingException.class,
                () -> mapper.readValue(q("{'note': {}}"), HostBody.class));
        assertProblem(FlowsweepJsonException.problemsOf(mismatch).get(0), JsonProblem.STRING_TYPE, "note");
    }

    @Test
    void moduleOptionsApplyToTheHostMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(
                new FlowsweepJacksonModule(JsonOptions.defaults().withMaxListSize(1)));
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class,
                () -> mapper.readValue(q("{'name': {'any_': ['a', 'b']}}"), FlowRunFilter.class)),
                JsonProblem.TOO_LONG, "name", "any_");
    }

    @Test
    void registeringTwiceWithEqualOptionsIsOneRegistration() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new FlowsweepJacksonModule())
                .registerModule(new FlowsweepJacksonModule());
        assertEquals(1, mapper.getRegisteredModuleIds().size());
        ObjectMapper other = new ObjectMapper().registerModule(new FlowsweepJacksonModule())
                .registerModule(new FlowsweepJacksonModule(JsonOptions.defaults().withMaxListSize(1)));
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class,
                () -> other.readValue(q("{'name': {'any_': ['a', 'b']}}"), FlowRunFilter.class)),
                JsonProblem.TOO_LONG, "name", "any_");
    }

    @Test
    void parserPositionedOnAFieldNameIsReadAsTheRestOfTheObject() throws Exception {
        ObjectMapper mapper = hostMapper();
        try (JsonParser p = mapper.createParser(q("{'limit': 3, 'actor': 'a'}"))) {
            p.nextToken();
            p.nextToken();
            BulkDeleteRequest r = mapper.readValue(p, BulkDeleteRequest.class);
            assertEquals(new BulkDeleteRequest(null, 3, "a"), r);
        }
    }

    /** FlowsweepJson binds a host's own records by the same rules, problems located from the root. */
    @Test
    void flowsweepJsonReadsTheHostsOwnRecordsByTheSameRules() throws Exception {
        HostBody body = JSON.read(q("{'note': 'n', 'filters': [{'tags': {'all_': ['db']}}]}"), HostBody.class);
        assertEquals(List.of(FlowRunFilter.builder().tagsAll("db").build()), body.filters());
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class, () -> JSON.read(
                q("{'note': 'n', 'nope': 1}"), HostBody.class)), JsonProblem.EXTRA_FORBIDDEN, "nope");
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class, () -> JSON.read(
                q("{'note': 5}"), HostBody.class)), JsonProblem.STRING_TYPE, "note");
        assertOnlyProblem(assertThrows(FlowsweepJsonException.class, () -> JSON.read(
                q("{'filters': [{}, {'id': {'any_': ['1-2-3-4-5']}}]}"), HostBody.class)),
                JsonProblem.UUID_PARSING, "filters", 1, "id", "any_", 0);
    }

    private static JsonProblem assertOnlyProblem(FlowsweepJsonException e, String type, Object... loc) {
        return JsonTestSupport.assertOnlyProblem(e.problems(), type, loc);
    }
}
