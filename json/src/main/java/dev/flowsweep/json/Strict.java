package dev.flowsweep.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.Converter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.json.Shapes.FlowRunShape;
import dev.flowsweep.json.Shapes.ResultShape;
import dev.flowsweep.json.Shapes.TaskRunShape;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.service.BulkDeleteResult;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Executable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The strict Jackson 2 configuration, where Flowsweep's rules ({@link Wire}, {@link JsonTimes}, {@link StateJson},
 * {@link Shapes}) meet Jackson: the mapper that {@link FlowsweepJacksonModule} keeps to itself and
 * {@link FlowsweepJson#newObjectMapper} are built here. Unknown keys fail, with the keys known in declaration order;
 * the parser refuses duplicate keys and deep nesting; strings, UUIDs, times and integers are read by small
 * deserializers that take their own JSON token only (booleans and enums by Jackson's, without coercion); Jakarta
 * constraints are applied while reading ({@code @NotNull} and primitives: absent is {@code missing}, null the type's
 * error; {@code @Size(max)} on strings and on list elements, {@code @Min}/{@code @Max} on integers); lists hold no
 * null and at most {@link JsonOptions#maxListSize()} values.
 */
final class Strict {

    private Strict() {
    }

    static JsonMapper.Builder builder(JsonOptions options) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(FlowsweepJson.MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonMapper.Builder b = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
                .annotationIntrospector(new Constraints())
                .propertyNamingStrategy(new Names())
                .addHandler(new UnknownKeys())
                .withConfigOverride(Operator.class, o -> o.setIncludeAsProperty(
                        JsonInclude.Value.construct(JsonInclude.Include.CUSTOM, null, AndIsDefault.class, null)))
                .addModule(rules(options));
        Shapes.MIX_INS.forEach(b::addMixIn);
        return b;
    }

    private static SimpleModule rules(JsonOptions options) {
        SimpleModule m = new SimpleModule("FlowsweepRules");
        m.addDeserializer(String.class, new Scalar<>(String.class, JsonToken.VALUE_STRING,
                (p, s) -> Wire.text(p.getText(), s.maxLength)));
        m.addDeserializer(UUID.class, new Scalar<>(UUID.class, JsonToken.VALUE_STRING, (p, s) -> Wire.uuid(p.getText())));
        m.addDeserializer(Instant.class, new Scalar<>(Instant.class, JsonToken.VALUE_STRING,
                (p, s) -> Wire.time(p.getText())));
        for (Class<Integer> type : List.of(Integer.class, int.class)) {
            m.addDeserializer(type, new Scalar<>(type, JsonToken.VALUE_NUMBER_INT,
                    (p, s) -> Wire.integer(p.getBigIntegerValue(), s.min, s.max)));
        }
        m.addKeyDeserializer(UUID.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) {
                return Wire.uuid(key);
            }
        });
        m.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator g, SerializerProvider provider) throws IOException {
                g.writeString(JsonTimes.format(value));
            }
        });
        shape(m, FlowRun.class, FlowRunShape.class, FlowRunShape::of, FlowRunShape::toFlowRun);
        shape(m, TaskRun.class, TaskRunShape.class, TaskRunShape::of, TaskRunShape::toTaskRun);
        shape(m, BulkDeleteResult.class, ResultShape.class, null, ResultShape::toResult);
        m.addSerializer(BulkDeleteResult.class, new StdSerializer<>(BulkDeleteResult.class) {
            @Override
            public void serialize(BulkDeleteResult r, JsonGenerator g, SerializerProvider provider) throws IOException {
                Object asked = provider.getAttribute(FlowsweepJacksonModule.WRITE_RELEASED_SLOTS);
                boolean withSlots = asked instanceof Boolean yes ? yes : options.writeReleasedSlots();
                provider.defaultSerializeValue(ResultShape.of(r, withSlots), g);
            }
        });
        m.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription description,
                                                                    JsonDeserializer<?> deserializer) {
                return new CappedList(deserializer, options.maxListSize());
            }
        });
        return m;
    }

    /** Reads and writes {@code type} as its wire record {@code shape} ({@code out} null: written by another serializer). */
    private static <T, S> void shape(SimpleModule m, Class<T> type, Class<S> shape, Function<T, S> out, Function<S, T> in) {
        m.addDeserializer(type, new StdDelegatingDeserializer<>(converter(shape, type, in)));
        if (out != null) {
            m.addSerializer(type, new StdDelegatingSerializer(converter(type, shape, out)));
        }
    }

    private static <A, B> Converter<A, B> converter(Class<A> from, Class<B> to, Function<A, B> f) {
        return new Converter<>() {
            @Override
            public B convert(A value) {
                return f.apply(value);
            }

            @Override
            public JavaType getInputType(TypeFactory types) {
                return types.constructType(from);
            }

            @Override
            public JavaType getOutputType(TypeFactory types) {
                return types.constructType(to);
            }
        };
    }

    /** A scalar: its own JSON token only (anything else is the type's error), then a rule of {@link Wire}. */
    static final class Scalar<T> extends StdScalarDeserializer<T> implements ContextualDeserializer {
        interface Rule<T> {
            T read(JsonParser p, Scalar<T> s) throws IOException;
        }

        private final JsonToken token;
        private final transient Rule<T> rule;
        final int maxLength;
        final long min;
        final long max;

        Scalar(Class<T> type, JsonToken token, Rule<T> rule) {
            this(type, token, rule, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        private Scalar(Class<T> type, JsonToken token, Rule<T> rule, int maxLength, long min, long max) {
            super(type);
            this.token = token;
            this.rule = rule;
            this.maxLength = maxLength;
            this.min = min;
            this.max = max;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.hasToken(token) ? rule.read(p, this) : (T) ctxt.handleUnexpectedToken(handledType(), p);
        }

        /** The Jakarta constraints of the property: on it, or on the elements when it is a list. */
        @Override
        @SuppressWarnings("unchecked")
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            if (property == null) {
                return this;
            }
            boolean list = property.getType().isContainerType();
            Size size = list ? elementConstraint(property.getMember(), Size.class) : property.getAnnotation(Size.class);
            Min lower = list ? null : property.getAnnotation(Min.class);
            Max upper = list ? null : property.getAnnotation(Max.class);
            return new Scalar<>((Class<T>) handledType(), token, rule, size == null ? maxLength : size.max(),
                    lower == null ? min : Math.max(min, lower.value()), upper == null ? max : Math.min(max, upper.value()));
        }

        /** {@code A} on the element type of a list component ({@code List<@Size(max = 512) String>}), or null. */
        private static <A extends Annotation> A elementConstraint(AnnotatedMember member, Class<A> type) {
            AnnotatedType t = member instanceof AnnotatedParameter p && p.getOwner().getAnnotated() instanceof Executable e
                    ? e.getAnnotatedParameterTypes()[p.getIndex()]
                    : member instanceof AnnotatedField f ? f.getAnnotated().getAnnotatedType() : null;
            return t instanceof AnnotatedParameterizedType list ? list.getAnnotatedActualTypeArguments()[0].getAnnotation(type)
                    : null;
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

    /** {@code @NotNull} and primitives are required (absent: {@code missing}; null: the type's error). */
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
            Class<?> type = a instanceof AnnotatedMethod m && m.getParameterCount() == 1 ? m.getRawParameterType(0)
                    : a.getRawType();
            return a.hasAnnotation(NotNull.class) || (type.isPrimitive() && type != void.class);
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
        public String nameForSetterMethod(MapperConfig<?> c, AnnotatedMethod method, String name) {
            return Wire.jsonName(method.getDeclaringClass(), name);
        }

        @Override
        public String nameForConstructorParameter(MapperConfig<?> c, AnnotatedParameter parameter, String name) {
            return Wire.jsonName(parameter.getDeclaringClass(), name);
        }
    }

    /** An unknown key: {@code extra_forbidden}, naming the keys the type has in the order it declares them. */
    static final class UnknownKeys extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String key) {
            List<Object> known = new ArrayList<>();
            if (deserializer instanceof BeanDeserializerBase bean && bean.getValueInstantiator().canCreateFromObjectWith()) {
                for (SettableBeanProperty prop : bean.getValueInstantiator().getFromObjectArguments(ctxt.getConfig())) {
                    known.add(prop.getName());
                }
            } else if (deserializer != null) {
                known.addAll(deserializer.getKnownPropertyNames());
            }
            throw Wire.extraForbidden(beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass(), key, known);
        }
    }

    /** Written {@code operator}s: only {@code or_}, since {@code and_} is the default. */
    static final class AndIsDefault {
        @Override
        public boolean equals(Object value) {
            return value == null || value == Operator.AND;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
