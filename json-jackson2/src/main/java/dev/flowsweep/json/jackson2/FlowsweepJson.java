package dev.flowsweep.json.jackson2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.JsonValueException;
import dev.flowsweep.json.Wire;
import dev.flowsweep.service.BulkDeleteRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Flowsweep's JSON in one immutable, thread-safe object, for hosts without a mapper of their own; bad input throws
 * {@link FlowsweepJsonException} only:
 * <pre>{@code
 * try {
 *     BulkDeleteRequest request = json.readBulkDeleteRequest(body);
 * } catch (FlowsweepJsonException e) {
 *     respond(422, e.problems());   // each with loc, msg and type
 * }
 * }</pre>
 */
public final class FlowsweepJson {

    /** The deepest nesting the parser accepts. */
    public static final int MAX_NESTING_DEPTH = Wire.MAX_NESTING_DEPTH;

    private final ObjectMapper mapper;

    /** With {@link JsonOptions#defaults()}. */
    public FlowsweepJson() {
        this(JsonOptions.defaults());
    }

    /** With the given list limit and output options. */
    public FlowsweepJson(JsonOptions options) {
        this.mapper = newObjectMapper(Objects.requireNonNull(options, "options"));
    }

    /**
     * A new mapper, yours to configure further, that reads and writes Flowsweep's types
     * ({@link FlowsweepJacksonModule}) and binds your own records by the same rules: snake_case names, unknown keys
     * refused, no coercion, Jakarta {@code @NotNull}, {@code @Size(max)}, {@code @Min}, {@code @Max} applied.
     */
    public static ObjectMapper newObjectMapper(JsonOptions options) {
        return FlowsweepJacksonModule.strictBuilder(options).addModule(new FlowsweepJacksonModule(options)).build();
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

    /** Reads one value of {@code type}: one of Flowsweep's types or your own record. */
    public <T> T read(String json, Class<T> type) throws FlowsweepJsonException {
        return read(json, mapper.constructType(type));
    }

    /** As {@link #read(String, Class)}, from bytes (UTF-8, or UTF-16/32 detected by Jackson). */
    public <T> T read(byte[] json, Class<T> type) throws FlowsweepJsonException {
        return read(json, mapper.constructType(type));
    }

    /** Reads a JSON list of {@code elementType}: no {@code null} items, at most {@link JsonOptions#maxListSize()}. */
    public <T> List<T> readList(String json, Class<T> elementType) throws FlowsweepJsonException {
        return read(json, mapper.getTypeFactory().constructCollectionType(List.class, elementType));
    }

    /** Writes any value the mapper can write (Flowsweep's types in Prefect's format) as a JSON string. */
    public String writeString(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    private <T> T read(Object json, JavaType type) throws FlowsweepJsonException {
        try {
            T value = json instanceof byte[] bytes ? mapper.readValue(bytes, type)
                    : mapper.readValue((String) Objects.requireNonNull(json, "json"), type);
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
}
