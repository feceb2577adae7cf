package dev.flowsweep.json.jackson2;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flowsweep.json.JsonEngine;
import dev.flowsweep.json.JsonOptions;

import java.io.UncheckedIOException;
import java.util.List;

/** The Jackson 2 binding for the shared cases: {@link FlowsweepJson}. */
public final class Jackson2Engine implements JsonEngine {
    private final FlowsweepJson json;

    public Jackson2Engine() {
        this(JsonOptions.defaults());
    }

    public Jackson2Engine(JsonOptions options) {
        this.json = new FlowsweepJson(options);
    }

    @Override
    public <T> T read(String text, Class<T> type) throws Refused {
        try {
            return json.read(text, type);
        } catch (FlowsweepJsonException e) {
            throw new Refused(e.getMessage(), e.problems(), e);
        }
    }

    @Override
    public <T> List<T> readList(String text, Class<T> elementType) throws Refused {
        try {
            return json.readList(text, elementType);
        } catch (FlowsweepJsonException e) {
            throw new Refused(e.getMessage(), e.problems(), e);
        }
    }

    @Override
    public String writeString(Object value) {
        return json.writeString(value);
    }

    @Override
    public String writeString(Object value, boolean releasedSlots) {
        try {
            return json.writer().withAttribute(FlowsweepJacksonModule.WRITE_RELEASED_SLOTS, releasedSlots)
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public JsonEngine with(JsonOptions options) {
        return new Jackson2Engine(options);
    }
}
