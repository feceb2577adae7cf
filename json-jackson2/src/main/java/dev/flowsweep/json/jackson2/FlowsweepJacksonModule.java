package dev.flowsweep.json.jackson2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import com.fasterxml.jackson.databind.type.CollectionType;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.JsonTimes;
import dev.flowsweep.json.JsonValueException;
import dev.flowsweep.json.Shapes;
import dev.flowsweep.json.Wire;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Jackson 2 module that reads and writes Flowsweep's types ({@link Shapes#TYPES}) in Prefect's wire format, strictly
 * whatever your mapper's settings; invalid input throws {@link FlowsweepJsonException}, located from your document's
 * root:
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new FlowsweepJacksonModule());
 * BulkDeleteRequest request = mapper.readValue(body, BulkDeleteRequest.class);
 * }</pre>
 * Each value is read whole (a key given twice is refused) and bound by a private strict mapper, which also writes
 * it. Modules with equal options count as one registration.
 */
public final class FlowsweepJacksonModule extends SimpleModule {

    /** Writer attribute: {@code Boolean.TRUE} or {@code FALSE} to write a result's {@code "released_slots"} or not. */
    public static final String WRITE_RELEASED_SLOTS = Shapes.WRITE_RELEASED_SLOTS;

    private final JsonOptions options;

    /** The module with {@link JsonOptions#defaults()}. */
    public FlowsweepJacksonModule() {
        this(JsonOptions.defaults());
    }

    /** The module with the given list limit and output options. */
    public FlowsweepJacksonModule(JsonOptions options) {
        super("FlowsweepJacksonModule", Version.unknownVersion());
        this.options = Objects.requireNonNull(options, "options");
        ObjectMapper strict = strictBuilder(options).build();
        Shapes.TYPES.forEach(type -> register(type, strict));
    }

    private <T> void register(Class<T> type, ObjectMapper strict) {
        addDeserializer(type, new Reading<>(type, strict));
        addSerializer(type, new Writing<>(type, strict));
    }

    /** Equal options, equal identity: Jackson registers a module once per identity. */
    @Override
    public Object getTypeId() {
        return FlowsweepJacksonModule.class.getName() + options;
    }

    /** Reads a value from the host's parser as a tree, then binds it with the strict mapper. */
    static final class Reading<T> extends StdDeserializer<T> {
        private final transient ObjectMapper strict;
        private final transient ObjectReader trees;

        Reading(Class<T> type, ObjectMapper strict) {
            super(type);
            this.strict = strict;
            this.trees = strict.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext host) throws IOException {
            JsonToken t = p.currentToken();
            boolean opened = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || t == JsonToken.FIELD_NAME;
            List<Object> at = FlowsweepJsonException.pathOf(opened ? p.getParsingContext().getParent()
                    : p.getParsingContext());
            try {
                return strict.treeToValue(trees.readTree(p), (Class<T>) handledType());
            } catch (JsonProcessingException | JsonValueException e) {
                throw FlowsweepJsonException.from(e, at);
            }
        }
    }

    /** Writes a value with the strict mapper into the host's generator, with the host's released-slots attribute. */
    static final class Writing<T> extends StdSerializer<T> {
        private final transient ObjectWriter strict;

        Writing(Class<T> type, ObjectMapper strict) {
            super(type);
            this.strict = strict.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider host) throws IOException {
            strict.withAttribute(WRITE_RELEASED_SLOTS, host.getAttribute(WRITE_RELEASED_SLOTS)).writeValue(g, value);
        }
    }

    /** The strict mapper's configuration: the one {@link FlowsweepJson#newObjectMapper} also starts from. */
    static JsonMapper.Builder strictBuilder(JsonOptions options) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Wire.MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonMapper.Builder b = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.ALWAYS))
                .annotationIntrospector(new Constraints())
                .propertyNamingStrategy(new Names())
                .addHandler(new UnknownKeys())
                .withConfigOverride(Operator.class, o -> o.setIncludeAsProperty(Shapes.OPERATOR_INCLUSION))
                .addModule(rules(options));
        Shapes.MIX_INS.forEach(b::addMixIn);
        return b;
    }

    @SuppressWarnings("unchecked")
    private static SimpleModule rules(JsonOptions options) {
        SimpleModule m = new SimpleModule("FlowsweepRules");
        Wire.SCALARS.forEach(type -> m.addDeserializer((Class<Object>) type, new Scalar(type, Wire.Limits.NONE)));
        m.addKeyDeserializer(UUID.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) {
                return Wire.uuid(key);
            }
        });
        m.addSerializer(Instant.class, new ToStringSerializerBase(Instant.class) {
            @Override
            public String valueToString(Object value) {
                return JsonTimes.format((Instant) value);
            }
        });
        Shapes.SHAPES.forEach(s -> shape(m, s, options));
        m.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription d, JsonDeserializer<?> deser) {
                return new CappedList(deser, options.maxListSize());
            }
        });
        return m;
    }

    private static <T, S> void shape(SimpleModule m, Shapes.Shape<T, S> shape, JsonOptions options) {
        m.addDeserializer(shape.type(), new StdDeserializer<T>(shape.type()) {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return shape.in().apply(ctxt.readValue(p, shape.wire()));
            }
        });
        m.addSerializer(shape.type(), new StdSerializer<T>(shape.type()) {
            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
                Object slots = provider.getAttribute(WRITE_RELEASED_SLOTS);
                boolean withSlots = slots instanceof Boolean asked ? asked : options.writeReleasedSlots();
                provider.defaultSerializeValue(shape.out().apply(value, withSlots), g);
            }
        });
    }

    /** One of {@link Wire#SCALARS}, read by {@link Wire#scalar} within its property's limits. */
    static final class Scalar extends StdScalarDeserializer<Object> implements ContextualDeserializer {
        private final Wire.Limits limits;

        Scalar(Class<?> type, Wire.Limits limits) {
            super(type);
            this.limits = limits;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Wire.scalar(handledType(), p.currentToken().name(), p.getText(), limits);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            AnnotatedMember m = property == null ? null : property.getMember();
            if (m == null) {
                return this;
            }
            return new Scalar(handledType(), m instanceof AnnotatedParameter a
                    ? Wire.Limits.of(property::getAnnotation, a.getOwner().getAnnotated(), a.getIndex())
                    : Wire.Limits.of(property::getAnnotation, m.getAnnotated(), -1));
        }
    }

    /** A list deserializer that refuses more than {@code max} values. */
    static final class CappedList extends DelegatingDeserializer {
        private final int max;

        CappedList(JsonDeserializer<?> delegate, int max) {
            super(delegate);
            this.max = max;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new CappedList(delegate, max);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (value instanceof Collection<?> c && c.size() > max) {
                throw Wire.tooLong(max, c.size());
            }
            return value;
        }
    }

    /** {@link Wire#required} values: absent is {@code missing}, null the type's error. */
    static final class Constraints extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasRequiredMarker(AnnotatedMember m) {
            return required(m) ? Boolean.TRUE : super.hasRequiredMarker(m);
        }

        @Override
        public JsonSetter.Value findSetterInfo(Annotated a) {
            JsonSetter.Value info = super.findSetterInfo(a);
            return required(a) ? info.withValueNulls(Nulls.FAIL) : info;
        }

        private static boolean required(Annotated a) {
            return Wire.required(a::getAnnotation, a instanceof AnnotatedMethod m && m.getParameterCount() == 1
                    ? m.getRawParameterType(0) : a.getRawType());
        }
    }

    /** Names of {@link Wire#jsonName}; an explicit {@code @JsonProperty} name wins. */
    static final class Names extends PropertyNamingStrategy {
        @Override
        public String nameForField(MapperConfig<?> c, AnnotatedField field, String name) {
            return Wire.jsonName(field.getDeclaringClass(), name);
        }

        @Override
        public String nameForGetterMethod(MapperConfig<?> c, AnnotatedMethod method, String name) {
            return Wire.jsonName(method.getDeclaringClass(), name);
        }

        @Override
        public String nameForConstructorParameter(MapperConfig<?> c, AnnotatedParameter parameter, String name) {
            return Wire.jsonName(parameter.getDeclaringClass(), name);
        }
    }

    /** An unknown key is refused naming the keys in the order the type declares them (Jackson's is a hash's). */
    static final class UnknownKeys extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deser,
                                             Object beanOrClass, String key) throws IOException {
            List<Object> known = new ArrayList<>();
            if (deser instanceof BeanDeserializerBase bean && bean.getValueInstantiator().canCreateFromObjectWith()) {
                for (SettableBeanProperty prop : bean.getValueInstantiator().getFromObjectArguments(ctxt.getConfig())) {
                    known.add(prop.getName());
                }
            } else if (deser != null) {
                known.addAll(deser.getKnownPropertyNames());
            }
            throw UnrecognizedPropertyException.from(p, beanOrClass, key, known);
        }
    }
}
