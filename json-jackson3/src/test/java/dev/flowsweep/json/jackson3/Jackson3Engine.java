package dev.flowsweep.json.jackson3;

import dev.flowsweep.json.JsonEngine;
import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.Wire;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * The Jackson 3 binding for the shared cases, as the Jackson 2 one is {@code FlowsweepJson}: the mapper of
 * {@link FlowsweepJackson3Module#newJsonMapper}, its failures as {@link FlowsweepJson3Exception#from}, and a JSON
 * {@code null} for the whole value refused as {@code FlowsweepJson.read} refuses it.
 */
final class Jackson3Engine implements JsonEngine {
    private final JsonMapper mapper;

    Jackson3Engine() {
        this(JsonOptions.defaults());
    }

    Jackson3Engine(JsonOptions options) {
        this.mapper = FlowsweepJackson3Module.newJsonMapper(options);
    }

    @Override
    public <T> T read(String json, Class<T> type) throws Refused {
        return read(json, mapper.constructType(type));
    }

    @Override
    public <T> List<T> readList(String json, Class<T> elementType) throws Refused {
        return read(json, mapper.getTypeFactory().constructCollectionType(List.class, elementType));
    }

    private <T> T read(String json, JavaType type) throws Refused {
        T value;
        try {
            value = mapper.readValue(json, type);
        } catch (JacksonException e) {
            FlowsweepJson3Exception f = FlowsweepJson3Exception.from(e);
            throw new Refused(f.getMessage(), f.problems(), f);
        }
        if (value == null) {
            FlowsweepJson3Exception f = new FlowsweepJson3Exception(null,
                    List.of(Wire.wrongType(type.getRawClass(), "null").problem()), null);
            throw new Refused(f.getMessage(), f.problems(), f);
        }
        return value;
    }

    @Override
    public String writeString(Object value) {
        return mapper.writeValueAsString(value);
    }

    @Override
    public String writeString(Object value, boolean releasedSlots) {
        return mapper.writer().withAttribute(FlowsweepJackson3Module.WRITE_RELEASED_SLOTS, releasedSlots)
                .writeValueAsString(value);
    }

    @Override
    public JsonEngine with(JsonOptions options) {
        return new Jackson3Engine(options);
    }
}
