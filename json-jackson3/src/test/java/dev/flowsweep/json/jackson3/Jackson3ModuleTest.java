package dev.flowsweep.json.jackson3;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module on a host's own Jackson 3 mapper (as Spring Boot's is): registration, strictness against lenient
 * settings, nested locations, and no Jackson 2 needed (this class runs without jackson-databind 2 on the class path).
 */
class Jackson3ModuleTest {
    private static final String ID_1 = "0a3b8c4e-1f2d-4e5a-9b6c-7d8e9f001122";
    private static final String ID_2 = "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b";

    /** A host's own body that holds a Flowsweep request. */
    record HostBody(String note, BulkDeleteRequest request, List<FlowRunFilter> filters) {
    }

    private static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static JsonMapper hostMapper() {
        return JsonMapper.builder().addModule(new FlowsweepJackson3Module()).build();
    }

    private static JsonProblem onlyProblem(FlowsweepJson3Exception e, String type, Object... loc) {
        assertEquals(1, e.problems().size(), e.problems()::toString);
        assertEquals(List.of(loc), e.firstProblem().loc(), e.firstProblem()::toString);
        assertEquals(type, e.firstProblem().type(), e.firstProblem()::toString);
        return e.firstProblem();
    }

    @Test
    void jacksonTwoIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.fasterxml.jackson.databind.ObjectMapper"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.flowsweep.json.jackson2.FlowsweepJson"));
    }

    @Test
    void readsAndWritesOnAPlainMapper() {
        JsonMapper mapper = hostMapper();
        BulkDeleteRequest r = mapper.readValue(q("{'flow_runs': {'tags': {'all_': ['db']}}, 'limit': 10}"),
                BulkDeleteRequest.class);
        assertEquals(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("db").build(), 10), r);
        BulkDeleteResult result = new BulkDeleteResult(List.of(UUID.fromString(ID_1)), Map.of(UUID.fromString(ID_2), 2));
        assertEquals(q("{'deleted':['" + ID_1 + "']}"), mapper.writeValueAsString(result));
        assertEquals(q("{'deleted':['" + ID_1 + "'],'released_slots':{'" + ID_2 + "':2}}"), mapper.writer()
                .withAttribute(FlowsweepJackson3Module.WRITE_RELEASED_SLOTS, true).writeValueAsString(result));
    }

    /** Settings of the kind Spring Boot's mapper has, or a host may add, do not loosen Flowsweep's types. */
    @Test
    void lenientHostSettingsDoNotLoosenTheFormat() {
        JsonMapper lenient = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .addModule(new FlowsweepJackson3Module())
                .build();
        onlyProblem(assertThrows(FlowsweepJson3Exception.class,
                () -> lenient.readValue(q("{'limit': 10.0}"), BulkDeleteRequest.class)), JsonProblem.INT_TYPE, "limit");
        onlyProblem(assertThrows(FlowsweepJson3Exception.class,
                () -> lenient.readValue(q("{'limit': '10'}"), BulkDeleteRequest.class)), JsonProblem.INT_TYPE, "limit");
        onlyProblem(assertThrows(FlowsweepJson3Exception.class,
                () -> lenient.readValue(q("{'LIMIT': 10}"), BulkDeleteRequest.class)), JsonProblem.EXTRA_FORBIDDEN, "LIMIT");
        onlyProblem(assertThrows(FlowsweepJson3Exception.class,
                () -> lenient.readValue(q("{'tags': {'all_': 'db'}}"), FlowRunFilter.class)),
                JsonProblem.LIST_TYPE, "tags", "all_");
        onlyProblem(assertThrows(FlowsweepJson3Exception.class,
                () -> lenient.readValue(q("'completed'"), StateType.class)), JsonProblem.ENUM);
    }

    @Test
    void hostNamingStrategyDoesNotRenameOurFields() {
        JsonMapper camel = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .addModule(new FlowsweepJackson3Module())
                .build();
        FlowRun run = FlowRun.builder(UUID.fromString(ID_2)).id(UUID.fromString(ID_1))
                .created(Instant.parse("2026-06-01T10:00:00Z")).build();
        String json = camel.writeValueAsString(run);
        assertTrue(json.contains(q("'flow_id':'" + ID_2 + "'")), json);
        assertTrue(json.contains(q("'created':'2026-06-01T10:00:00Z'")), json);
    }

    @Test
    void problemsInsideAHostTypeAreLocatedFromTheRoot() {
        JsonMapper mapper = hostMapper();
        onlyProblem(assertThrows(FlowsweepJson3Exception.class, () -> mapper.readValue(
                q("{'note': 'x', 'request': {'flow_runs': {'state': {'type': {'bogus': 1}}}}}"), HostBody.class)),
                JsonProblem.EXTRA_FORBIDDEN, "request", "flow_runs", "state", "type", "bogus");
        onlyProblem(assertThrows(FlowsweepJson3Exception.class, () -> mapper.readValue(
                q("{'filters': [{}, {'id': {'any_': ['" + ID_1 + "', '1-2-3-4-5']}}]}"), HostBody.class)),
                JsonProblem.UUID_PARSING, "filters", 1, "id", "any_", 1);
    }

    /** A host's parser need not detect duplicate keys: each value is read whole, and a key twice is refused. */
    @Test
    void duplicateKeysAreRefusedWhateverTheHostsParser() {
        onlyProblem(assertThrows(FlowsweepJson3Exception.class, () -> hostMapper().readValue(
                q("{'request': {'limit': 1, 'limit': 2}}"), HostBody.class)), JsonProblem.DUPLICATE_KEY, "request", "limit");
        JsonMapper strict = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new FlowsweepJackson3Module()).build();
        JacksonException e = assertThrows(JacksonException.class,
                () -> strict.readValue(q("{'flow_runs': {'id': {}, 'id': {}}}"), BulkDeleteRequest.class));
        onlyProblem(FlowsweepJson3Exception.from(e), JsonProblem.DUPLICATE_KEY, "flow_runs", "id");
    }

    @Test
    void nullForAWholeValueIsJacksonsNull() {
        HostBody body = hostMapper().readValue(q("{'note': null, 'request': null, 'filters': null}"), HostBody.class);
        assertNull(body.request());
    }

    @Test
    void jacksonErrorsOfHostTypesHaveTheSameShape() {
        JsonMapper mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new FlowsweepJackson3Module()).build();
        JacksonException unknown = assertThrows(JacksonException.class, () -> mapper.readValue(q("{'nope': 1}"), HostBody.class));
        onlyProblem(FlowsweepJson3Exception.from(unknown), JsonProblem.EXTRA_FORBIDDEN, "nope");
        JacksonException mismatch = assertThrows(JacksonException.class, () -> mapper.readValue(q("{'note': {}}"), HostBody.class));
        onlyProblem(FlowsweepJson3Exception.from(mismatch), JsonProblem.STRING_TYPE, "note");
        JacksonException malformed = assertThrows(JacksonException.class,
                () -> mapper.readValue(q("{'request': {'flow_runs': "), HostBody.class));
        assertTrue(onlyProblem(FlowsweepJson3Exception.from(malformed), JsonProblem.JSON_INVALID).msg()
                .startsWith("Invalid JSON: "));
        FlowsweepJson3Exception ours = assertThrows(FlowsweepJson3Exception.class,
                () -> mapper.readValue(q("{'limit': true}"), BulkDeleteRequest.class));
        assertSame(ours, FlowsweepJson3Exception.from(ours));
    }

    @Test
    void registeringTwiceWithEqualOptionsIsOneRegistration() {
        JsonMapper twice = JsonMapper.builder().addModule(new FlowsweepJackson3Module())
                .addModule(new FlowsweepJackson3Module()).build();
        assertEquals(1, twice.registeredModules().size());
        JsonMapper capped = JsonMapper.builder()
                .addModule(new FlowsweepJackson3Module(JsonOptions.defaults().withMaxListSize(1))).build();
        onlyProblem(assertThrows(FlowsweepJson3Exception.class,
                () -> capped.readValue(q("{'name': {'any_': ['a', 'b']}}"), FlowRunFilter.class)),
                JsonProblem.TOO_LONG, "name", "any_");
    }
}
