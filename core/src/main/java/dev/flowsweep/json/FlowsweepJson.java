package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.service.BulkDeleteRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Flowsweep's JSON in one object, for hosts that do not bring their own {@link ObjectMapper}:
 * <pre>{@code
 * FlowsweepJson json = new FlowsweepJson();
 * try {
 *     BulkDeleteRequest request = json.readBulkDeleteRequest(body);
 *     BulkDeleteResult result = service.bulkDelete(request);
 *     respond(200, json.writeString(result));
 * } catch (FlowsweepJsonException e) {
 *     respond(422, e.problems());   // each with loc, msg and type
 * }
 * }</pre>
 *
 * <p>Every {@code read} method throws only {@link FlowsweepJsonException} for bad input, malformed JSON included
 * ({@link JsonProblem#JSON_INVALID}); it refuses an empty input, a JSON {@code null} in place of the whole
 * value (the type's own error, e.g. {@code dict_type}) and anything after the value. The parser refuses nesting
 * deeper than {@link #MAX_NESTING_DEPTH}. Instances are immutable and thread-safe.
 */
public final class FlowsweepJson {

    /** The deepest nesting the parser accepts; Flowsweep's own formats nest five levels at most. */
    public static final int MAX_NESTING_DEPTH = 100;

    private final JsonOptions options;
    private final ObjectMapper mapper;

    /** With {@link JsonOptions#defaults()}. */
    public FlowsweepJson() {
        this(JsonOptions.defaults());
    }

    public FlowsweepJson(JsonOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.mapper = newObjectMapper(options);
    }

    /**
     * A new mapper with {@link FlowsweepJacksonModule} registered, trailing tokens refused and nesting limited to
     * {@link #MAX_NESTING_DEPTH}. The caller owns it and may configure it further.
     */
    public static ObjectMapper newObjectMapper(JsonOptions options) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(new FlowsweepJacksonModule(options))
                .build();
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

    /** Reads a {@code POST /flow_runs/bulk_delete} body from UTF-8 (or UTF-16/32 with BOM) bytes. */
    public BulkDeleteRequest readBulkDeleteRequest(byte[] json) throws FlowsweepJsonException {
        return read(json, BulkDeleteRequest.class);
    }

    /** Reads a filter: {@code {"id": {"any_": [...]}, "state": {...}, ...}}. */
    public FlowRunFilter readFlowRunFilter(String json) throws FlowsweepJsonException {
        return read(json, FlowRunFilter.class);
    }

    /**
     * Reads one value of a Flowsweep type (any type the {@linkplain FlowsweepJacksonModule module} reads).
     *
     * @throws IllegalArgumentException when {@code type} is not one of them
     */
    public <T> T read(String json, Class<T> type) throws FlowsweepJsonException {
        Objects.requireNonNull(json, "json");
        ValueReader<T> reader = readerFor(type);
        try (JsonParser p = mapper.createParser(json)) {
            return readWhole(p, reader);
        } catch (JsonProcessingException e) {
            throw FlowsweepJsonException.from(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #read(String, Class)}, from bytes (UTF-8, or UTF-16/32 detected by Jackson). */
    public <T> T read(byte[] json, Class<T> type) throws FlowsweepJsonException {
        Objects.requireNonNull(json, "json");
        ValueReader<T> reader = readerFor(type);
        try (JsonParser p = mapper.createParser(json)) {
            return readWhole(p, reader);
        } catch (JsonProcessingException e) {
            throw FlowsweepJsonException.from(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #read(String, Class)}, from a stream, which is read to its end and closed.
     *
     * @throws IOException when the stream fails (bad input still throws {@link FlowsweepJsonException})
     */
    public <T> T read(InputStream json, Class<T> type) throws IOException {
        Objects.requireNonNull(json, "json");
        ValueReader<T> reader = readerFor(type);
        try (JsonParser p = mapper.createParser(json)) {
            return readWhole(p, reader);
        } catch (JsonProcessingException e) {
            throw FlowsweepJsonException.from(e);
        }
    }

    /**
     * Reads a JSON list of a Flowsweep type with the same strictness as a list inside a filter: no {@code null}
     * items, at most {@link JsonOptions#maxListSize()} of them. For {@code POST /logs}:
     * {@code readList(body, LogCreate.class)}. Problems are located by index ({@code [3, "timestamp"]}).
     */
    public <T> List<T> readList(String json, Class<T> elementType) throws FlowsweepJsonException {
        Objects.requireNonNull(json, "json");
        ValueReader<List<T>> reader = Readers.listOf(readerFor(elementType));
        try (JsonParser p = mapper.createParser(json)) {
            return readWhole(p, reader);
        } catch (JsonProcessingException e) {
            throw FlowsweepJsonException.from(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #readList(String, Class)}, from bytes. */
    public <T> List<T> readList(byte[] json, Class<T> elementType) throws FlowsweepJsonException {
        Objects.requireNonNull(json, "json");
        ValueReader<List<T>> reader = Readers.listOf(readerFor(elementType));
        try (JsonParser p = mapper.createParser(json)) {
            return readWhole(p, reader);
        } catch (JsonProcessingException e) {
            throw FlowsweepJsonException.from(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes any value the mapper can write (Flowsweep's types in Prefect's format) as a JSON string. */
    public String writeString(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Writes any value the mapper can write as UTF-8 bytes. */
    public byte[] writeBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private <T> T readWhole(JsonParser p, ValueReader<T> reader) throws IOException {
        T value = WireReader.read(p, options, reader);
        if (p.nextToken() != null) {
            throw new FlowsweepJsonException(p, List.of(new JsonProblem(List.of(),
                    "Invalid JSON: unexpected content after the JSON value (line " + p.currentLocation().getLineNr()
                            + ", column " + p.currentLocation().getColumnNr() + ")", JsonProblem.JSON_INVALID)));
        }
        return value;
    }

    private static <T> ValueReader<T> readerFor(Class<T> type) {
        Objects.requireNonNull(type, "type");
        ValueReader<T> reader = Schemas.readerFor(type);
        if (reader == null) {
            throw new IllegalArgumentException(type.getName() + " is not a Flowsweep JSON type; types read: "
                    + Schemas.READERS.keySet().stream().map(Class::getSimpleName).sorted().toList());
        }
        return reader;
    }
}
