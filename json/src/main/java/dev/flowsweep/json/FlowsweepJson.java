package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.service.BulkDeleteRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Flowsweep's JSON in one object, for hosts that do not bring their own {@link ObjectMapper}:
 * <pre>{@code
 * FlowsweepJson json = new FlowsweepJson();
 * try {
 *     BulkDeleteRequest request = json.readBulkDeleteRequest(body);
 *     respond(200, json.writeString(service.bulkDelete(request)));
 * } catch (FlowsweepJsonException e) {
 *     respond(422, e.problems());   // each with loc, msg and type
 * }
 * }</pre>
 *
 * <p>{@code read} takes Flowsweep's types and your own records, which are bound by the same rules (names in
 * snake_case, unknown keys refused, no coercion, Jakarta constraints applied; see {@link #newObjectMapper}).
 * The input is first checked as JSON, then bound: an empty input, anything after the value, a key given twice and
 * nesting deeper than {@link #MAX_NESTING_DEPTH} are refused whatever the type ({@code json_invalid},
 * {@code duplicate_key}), and a JSON {@code null} in place of the whole value gets the type's error. Every
 * {@code read} throws only {@link FlowsweepJsonException} for bad input. Instances are immutable and thread-safe.
 */
public final class FlowsweepJson {

    /** The deepest nesting the parser accepts; Flowsweep's own formats nest five levels at most. */
    public static final int MAX_NESTING_DEPTH = 100;

    private final JsonOptions options;
    private final ObjectMapper mapper;
    private final ObjectReader trees;

    /** With {@link JsonOptions#defaults()}. */
    public FlowsweepJson() {
        this(JsonOptions.defaults());
    }

    public FlowsweepJson(JsonOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.mapper = newObjectMapper(options);
        this.trees = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * A new mapper that reads and writes Flowsweep's types ({@link FlowsweepJacksonModule}) and binds your own records
     * by the same rules: snake_case names ({@code flowRunId} is {@code "flow_run_id"}; {@code @JsonProperty} to name
     * one otherwise), unknown keys refused, no coercion of scalars, duplicate keys and nesting deeper than
     * {@link #MAX_NESTING_DEPTH} refused, nothing after the value, lists of at most
     * {@link JsonOptions#maxListSize()} values without null, nulls left out when writing, and the Jakarta constraints
     * {@code @NotNull}, {@code @Size(max)}, {@code @Min}, {@code @Max} applied while reading (also
     * {@code List<@Size(max = n) String>}). Turn its failures into problems with {@link FlowsweepJsonException#from}.
     * The caller owns it and may configure it further.
     */
    public static ObjectMapper newObjectMapper(JsonOptions options) {
        return Strict.builder(options).addModule(new FlowsweepJacksonModule(options)).build();
    }

    public JsonOptions options() {
        return options;
    }

    /** A copy of the configured mapper, to configure further or to read and write other types beside ours. */
    public ObjectMapper objectMapper() {
        return mapper.copy();
    }

    /** An immutable reader of the configured mapper. */
    public ObjectReader reader() {
        return mapper.reader();
    }

    /** An immutable writer of the configured mapper. */
    public ObjectWriter writer() {
        return mapper.writer();
    }

    /** Reads a {@code POST /flow_runs/bulk_delete} body: {@code {"flow_runs"?, "limit"?, "actor"?}}. */
    public BulkDeleteRequest readBulkDeleteRequest(String json) throws FlowsweepJsonException {
        return read(json, BulkDeleteRequest.class);
    }

    /** Reads a filter: {@code {"id": {"any_": [...]}, "state": {...}, ...}}. */
    public FlowRunFilter readFlowRunFilter(String json) throws FlowsweepJsonException {
        return read(json, FlowRunFilter.class);
    }

    /** Reads one value of {@code type}. */
    public <T> T read(String json, Class<T> type) throws FlowsweepJsonException {
        return read(Objects.requireNonNull(json, "json"), mapper.constructType(type));
    }

    /** As {@link #read(String, Class)}, from bytes (UTF-8, or UTF-16/32 detected by Jackson). */
    public <T> T read(byte[] json, Class<T> type) throws FlowsweepJsonException {
        return read(Objects.requireNonNull(json, "json"), mapper.constructType(type));
    }

    /**
     * Reads a JSON list of {@code elementType}, with the strictness of a list inside a filter: no {@code null} items,
     * at most {@link JsonOptions#maxListSize()} of them. Problems are located by index ({@code [3, "timestamp"]}).
     */
    public <T> List<T> readList(String json, Class<T> elementType) throws FlowsweepJsonException {
        return read(Objects.requireNonNull(json, "json"),
                mapper.getTypeFactory().constructCollectionType(List.class, elementType));
    }

    /** Writes any value the mapper can write (Flowsweep's types in Prefect's format) as a JSON string. */
    public String writeString(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** Writes any value the mapper can write as UTF-8 bytes. */
    public byte[] writeBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** The whole input as a tree (so that JSON errors come first, whatever the type), then bound to {@code type}. */
    private <T> T read(Object json, JavaType type) throws FlowsweepJsonException {
        JsonNode tree;
        try (JsonParser p = json instanceof byte[] bytes ? mapper.createParser(bytes) : mapper.createParser((String) json)) {
            tree = trees.readTree(p);
            if (tree == null || tree.isMissingNode()) {
                throw invalid("Invalid JSON: the input is empty, expected " + Wire.expected(type.getRawClass()));
            }
            if (p.nextToken() != null) {
                JsonLocation at = p.currentLocation();
                throw invalid("Invalid JSON: unexpected content after the JSON value (line " + at.getLineNr()
                        + ", column " + at.getColumnNr() + ")");
            }
            T value = mapper.treeToValue(tree, type);
            if (value == null) {
                throw Wire.wrongType(type.getRawClass(), "null");
            }
            return value;
        } catch (JsonProcessingException | JsonValueException e) {
            throw FlowsweepJsonException.from(e, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FlowsweepJsonException invalid(String msg) {
        return new FlowsweepJsonException(null, List.of(new JsonProblem(List.of(), msg, JsonProblem.JSON_INVALID)));
    }
}
