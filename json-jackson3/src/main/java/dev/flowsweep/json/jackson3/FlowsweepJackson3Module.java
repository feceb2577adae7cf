package dev.flowsweep.json.jackson3;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.JsonTimes;
import dev.flowsweep.json.JsonValueException;
import dev.flowsweep.json.Shapes;
import dev.flowsweep.json.Wire;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.Version;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.AnnotatedParameter;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.ser.std.ToStringSerializerBase;
import tools.jackson.databind.type.CollectionType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Jackson 3 module that reads and writes Flowsweep's types in Prefect's wire format with flowsweep-json's rules,
 * strictly whatever your mapper's settings; invalid input throws {@link FlowsweepJson3Exception}, located from your
 * document's root:
 * <pre>{@code
 * JsonMapper mapper = JsonMapper.builder().addModule(new FlowsweepJackson3Module()).build();
 * BulkDeleteRequest request = mapper.readValue(body, BulkDeleteRequest.class);
 * }</pre>
 * The Jackson 3 twin of flowsweep-json-jackson2's {@code FlowsweepJacksonModule}: the same rules ({@link Wire},
 * {@link Shapes}), applied by the same few pieces of glue, so that both read, refuse and write alike. Modules with
 * equal options count as one.
 */
public final class FlowsweepJackson3Module extends SimpleModule {

    /** Writer attribute: {@code Boolean.TRUE} or {@code FALSE} to write a result's {@code "released_slots"} or not. */
    public static final String WRITE_RELEASED_SLOTS = Shapes.WRITE_RELEASED_SLOTS;

    private final JsonOptions options;

    /** The module with {@link JsonOptions#defaults()}. */
    public FlowsweepJackson3Module() {
        this(JsonOptions.defaults());
    }

    /** The module with the given list limit and output options. */
    public FlowsweepJackson3Module(JsonOptions options) {
        super("FlowsweepJackson3Module", Version.unknownVersion());
        this.options = Objects.requireNonNull(options, "options");
        JsonMapper strict = strictBuilder(options).build();
        Shapes.TYPES.forEach(type -> register(type, strict));
    }

    private <T> void register(Class<T> type, JsonMapper strict) {
        addDeserializer(type, new Reading<>(type, strict));
        addSerializer(type, new Writing<>(type, strict));
    }

    /**
     * A new mapper, yours to configure further, that reads and writes Flowsweep's types (this module) and binds your
     * own records by the same rules, as flowsweep-json-jackson2's {@code FlowsweepJson.newObjectMapper} does on
     * Jackson 2.
     */
    public static JsonMapper newJsonMapper(JsonOptions options) {
        return strictBuilder(options).addModule(new FlowsweepJackson3Module(options)).build();
    }

    /** Equal options, equal identity: Jackson registers a module once per identity. */
    @Override
    public Object getRegistrationId() {
        return FlowsweepJackson3Module.class.getName() + options;
    }

    /** Reads a value from the host's parser as a tree, then binds it with the strict mapper. */
    static final class Reading<T> extends StdDeserializer<T> {
        private final transient JsonMapper strict;
        private final transient ObjectReader trees;

        Reading(Class<T> type, JsonMapper strict) {
            super(type);
            this.strict = strict;
            this.trees = strict.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext host) {
            JsonToken t = p.currentToken();
            boolean opened = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || t == JsonToken.PROPERTY_NAME;
            List<Object> at = FlowsweepJson3Exception.pathOf(opened ? p.streamReadContext().getParent()
                    : p.streamReadContext());
            try {
                return strict.treeToValue(trees.readTree(p), (Class<T>) handledType());
            } catch (JacksonException | JsonValueException e) {
                throw FlowsweepJson3Exception.from(e, at);
            }
        }
    }

    /** Writes a value with the strict mapper into the host's generator, with the host's released-slots attribute. */
    static final class Writing<T> extends StdSerializer<T> {
        private final transient ObjectWriter strict;

        Writing(Class<T> type, JsonMapper strict) {
            super(type);
            this.strict = strict.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializationContext host) {
            strict.withAttribute(WRITE_RELEASED_SLOTS, host.getAttribute(WRITE_RELEASED_SLOTS)).writeValue(g, value);
        }
    }

    /** The strict mapper's configuration, as the Jackson 2 module's; Jackson 3's other defaults set back. */
    static JsonMapper.Builder strictBuilder(JsonOptions options) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Wire.MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonMapper.Builder b = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(EnumFeature.READ_ENUMS_USING_TO_STRING, EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS, MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .changeDefaultNullHandling(n -> JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .changeDefaultPropertyInclusion(i -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
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
        m.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                     BeanDescription.Supplier d,
                                                                     ValueDeserializer<?> deser) {
                return new CappedList(deser, options.maxListSize());
            }
        });
        return m;
    }

    private static <T, S> void shape(SimpleModule m, Shapes.Shape<T, S> shape, JsonOptions options) {
        m.addDeserializer(shape.type(), new StdDeserializer<T>(shape.type()) {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) {
                return shape.in().apply(ctxt.readValue(p, shape.wire()));
            }
        });
        m.addSerializer(shape.type(), new StdSerializer<T>(shape.type()) {
            @Override
            public void serialize(T value, JsonGenerator g, SerializationContext ctxt) {
                Object slots = ctxt.getAttribute(WRITE_RELEASED_SLOTS);
                boolean withSlots = slots instanceof Boolean asked ? asked : options.writeReleasedSlots();
                ctxt.writeValue(g, shape.out().apply(value, withSlots));
            }
        });
    }

    /** One of {@link Wire#SCALARS}, read by {@link Wire#scalar} within its property's limits. */
    static final class Scalar extends StdScalarDeserializer<Object> {
        private final Wire.Limits limits;

        Scalar(Class<?> type, Wire.Limits limits) {
            super(type);
            this.limits = limits;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            return Wire.scalar(handledType(), p.currentToken().name(), p.getString(), limits);
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
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

        CappedList(ValueDeserializer<?> delegate, int max) {
            super(delegate);
            this.max = max;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new CappedList(delegate, max);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
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
        public Boolean hasRequiredMarker(MapperConfig<?> config, AnnotatedMember m) {
            return required(m) ? Boolean.TRUE : super.hasRequiredMarker(config, m);
        }

        @Override
        public JsonSetter.Value findSetterInfo(MapperConfig<?> config, Annotated a) {
            JsonSetter.Value info = super.findSetterInfo(config, a);
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
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, ValueDeserializer<?> deser,
                                             Object beanOrClass, String key) {
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
