package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;

/**
 * A Jackson deserializer that reads with a strict {@link ValueReader}, so that the host mapper's coercion and
 * leniency settings do not apply. A JSON {@code null} in place of the whole value is Jackson's business
 * ({@link #getNullValue}: Java {@code null}), as for any other type.
 */
final class WireDeserializer<T> extends StdDeserializer<T> {

    private final transient ValueReader<T> reader;
    private final JsonOptions options;

    WireDeserializer(Class<T> type, ValueReader<T> reader, JsonOptions options) {
        super(type);
        this.reader = reader;
        this.options = options;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return WireReader.read(p, options, reader);
    }
}
