package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Jackson 2 module that reads and writes Flowsweep's types in Prefect's wire format (see the
 * {@linkplain dev.flowsweep.json package documentation}). Register it on your own mapper:
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new FlowsweepJacksonModule());
 * BulkDeleteRequest request = mapper.readValue(body, BulkDeleteRequest.class);
 * String json = mapper.writeValueAsString(result);            // {"deleted": [...]}
 * }</pre>
 *
 * <p>Each of Flowsweep's types is read and written by a private, strictly configured mapper that the module keeps
 * to itself, so your mapper's settings (coercions, {@code FAIL_ON_UNKNOWN_PROPERTIES = false}, naming strategies,
 * date formats, inclusion) neither loosen nor change the format; duplicate keys are refused inside these values
 * whether or not your parser detects them. Invalid input throws {@link FlowsweepJsonException}, located from your
 * document's root ({@code ["request", "flow_runs", "id", "any_", 0]}). Types: {@link FlowRunFilter} and its
 * sub-filters, {@link BulkDeleteRequest}, {@link BulkDeleteResult}, {@link FlowRunSort}, {@link StateType},
 * {@link Operator}, {@link FlowRun}, {@link TaskRun}, {@link Log}, {@link Flow}, {@link Deployment},
 * {@link ConcurrencyLimit}, {@link CreatedBy}, {@link StateJson} and {@link JsonProblem}.
 *
 * <p>A {@code BulkDeleteResult} is written {@code {"deleted": [...]}}; to add {@code "released_slots"}, set
 * {@link JsonOptions#writeReleasedSlots()} or, per call, the writer attribute {@link #WRITE_RELEASED_SLOTS}:
 * <pre>{@code
 * mapper.writer().withAttribute(FlowsweepJacksonModule.WRITE_RELEASED_SLOTS, true).writeValueAsString(result);
 * }</pre>
 * Two instances with equal options count as one registration; with different options, the last registered wins.
 */
public final class FlowsweepJacksonModule extends SimpleModule {

    /** Writer attribute: {@code Boolean.TRUE} or {@code FALSE} to write {@code "released_slots"} or not. */
    public static final String WRITE_RELEASED_SLOTS = "dev.flowsweep.json.writeReleasedSlots";

    /** The types the module reads and writes. */
    static final List<Class<?>> TYPES = types();

    private final JsonOptions options;

    /** The module with {@link JsonOptions#defaults()}. */
    public FlowsweepJacksonModule() {
        this(JsonOptions.defaults());
    }

    /** The module with the given list limit and output options. */
    public FlowsweepJacksonModule(JsonOptions options) {
        super("FlowsweepJacksonModule", Version.unknownVersion());
        this.options = Objects.requireNonNull(options, "options");
        ObjectMapper strict = Strict.builder(options).build();
        for (Class<?> type : TYPES) {
            register(type, strict);
        }
    }

    private static List<Class<?>> types() {
        List<Class<?>> types = new ArrayList<>(List.of(FlowRunFilter.class, BulkDeleteRequest.class,
                BulkDeleteResult.class, FlowRunSort.class, StateType.class, Operator.class, FlowRun.class,
                TaskRun.class, Log.class, Flow.class, Deployment.class, ConcurrencyLimit.class, CreatedBy.class,
                StateJson.class, JsonProblem.class));
        Stream.of(FlowRunFilter.class.getDeclaredClasses()).filter(Class::isRecord).forEach(types::add);
        return List.copyOf(types);
    }

    private <T> void register(Class<T> type, ObjectMapper strict) {
        addDeserializer(type, new Reading<>(type, strict));
        addSerializer(type, new Writing<>(type, strict));
    }

    /** The options this module reads and writes with. */
    public JsonOptions options() {
        return options;
    }

    /** Equal options, equal identity: Jackson registers a module once per identity. */
    @Override
    public Object getTypeId() {
        return FlowsweepJacksonModule.class.getName() + options;
    }

    /** Reads a value with the strict mapper's own context, from the host's parser. */
    static final class Reading<T> extends StdDeserializer<T> {
        private final transient ObjectMapper strict;

        Reading(Class<T> type, ObjectMapper strict) {
            super(type);
            this.strict = strict;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext host) throws IOException {
            JsonToken t = p.currentToken();
            boolean container = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || t == JsonToken.FIELD_NAME;
            List<Object> at = FlowsweepJsonException.pathOf(container ? p.getParsingContext().getParent()
                    : p.getParsingContext());
            boolean detect = !p.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (detect) {   // from this value's object down (a host's parser may not detect duplicates)
                p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            }
            try {
                DefaultDeserializationContext ctxt = ((DefaultDeserializationContext) strict.getDeserializationContext())
                        .createInstance(strict.getDeserializationConfig(), p, null);
                return (T) ctxt.readValue(p, handledType());
            } catch (JsonProcessingException | JsonValueException e) {
                throw FlowsweepJsonException.from(e, at);
            } finally {
                if (detect) {
                    p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                }
            }
        }
    }

    /** Writes a value with the strict mapper's own provider, into the host's generator. */
    static final class Writing<T> extends StdSerializer<T> {
        private final transient ObjectMapper strict;

        Writing(Class<T> type, ObjectMapper strict) {
            super(type);
            this.strict = strict;
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider host) throws IOException {
            SerializationConfig config = strict.getSerializationConfig();
            Object slots = host.getAttribute(WRITE_RELEASED_SLOTS);
            if (slots != null) {
                config = config.withAttribute(WRITE_RELEASED_SLOTS, slots);
            }
            ((DefaultSerializerProvider) strict.getSerializerProvider())
                    .createInstance(config, strict.getSerializerFactory()).serializeValue(g, value);
        }
    }
}
