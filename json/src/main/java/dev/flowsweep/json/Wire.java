package dev.flowsweep.json;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.Strings;
import dev.flowsweep.model.Uuids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The wire format's rules in plain Java, applied by the Jackson 2 and the Jackson 3 binding alike: scalars, names,
 * and the problem for each kind of bad value. Public for the bindings, not for applications.
 */
public final class Wire {

    /** The deepest nesting accepted; Flowsweep's own formats nest five levels at most. */
    public static final int MAX_NESTING_DEPTH = 100;

    /** The types read by {@link #scalar}, each from its own JSON token only. */
    public static final List<Class<?>> SCALARS = List.of(String.class, UUID.class, Instant.class, Integer.class,
            int.class, Boolean.class, boolean.class);

    private static final int QUOTE_MAX = 64;

    private Wire() {
    }

    /** An annotation of a property as the binding sees it (mix-ins included). */
    public interface Annotations {
        /** The annotation of {@code type}, or null. */
        <A extends Annotation> A get(Class<A> type);
    }

    /** The bounds of a value from its property's {@code @Size(max)}, {@code @Min} and {@code @Max} (32 bits). */
    public record Limits(int maxLength, long min, long max) {
        /** No constraint: any string, any 32-bit integer. */
        public static final Limits NONE = new Limits(Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE);

        /**
         * The limits of a property (a field, or parameter {@code index} of a constructor or factory); for a list,
         * those of its element type ({@code List<@Size(max = 512) String>}).
         */
        public static Limits of(Annotations property, AnnotatedElement member, int index) {
            AnnotatedType type = member instanceof Executable e && index >= 0 ? e.getAnnotatedParameterTypes()[index]
                    : member instanceof Field f ? f.getAnnotatedType() : null;
            Annotations on = type instanceof AnnotatedParameterizedType list
                    ? list.getAnnotatedActualTypeArguments()[0]::getAnnotation : property;
            Size size = on.get(Size.class);
            Min min = on.get(Min.class);
            Max max = on.get(Max.class);
            return new Limits(size == null ? NONE.maxLength : size.max(), min == null ? NONE.min : Math.max(NONE.min,
                    min.value()), max == null ? NONE.max : Math.min(NONE.max, max.value()));
        }
    }

    /** Whether a value is required ({@code @NotNull}, or a primitive): absent is {@code missing}, null refused. */
    public static boolean required(Annotations property, Class<?> type) {
        return property.get(NotNull.class) != null || (type.isPrimitive() && type != void.class);
    }

    /** One of the {@link #SCALARS} from a JSON token's name ({@code VALUE_STRING}) and text, or its problem. */
    public static Object scalar(Class<?> type, String token, String text, Limits limits) {
        boolean string = token.equals("VALUE_STRING");
        if (type == String.class && string) {
            return text(text, limits.maxLength());
        } else if (type == UUID.class && string) {
            return uuid(text);
        } else if (type == Instant.class && string) {
            return time(text);
        } else if ((type == Integer.class || type == int.class) && token.equals("VALUE_NUMBER_INT")) {
            return integer(new BigInteger(text), limits.min(), limits.max());
        } else if ((type == Boolean.class || type == boolean.class) && token.matches("VALUE_(TRUE|FALSE)")) {
            return token.equals("VALUE_TRUE");
        }
        throw wrongType(type, found(token, text));
    }

    /** A canonical 8-4-4-4-12 hexadecimal UUID, either case. */
    public static UUID uuid(String s) {
        try {
            return Uuids.parseCanonical(s);
        } catch (IllegalArgumentException e) {
            throw new JsonValueException(JsonProblem.UUID_PARSING,
                    "Input should be a valid UUID of 8-4-4-4-12 hexadecimal digits, got " + quote(s));
        }
    }

    private static Instant time(String s) {
        try {
            return JsonTimes.parse(s);
        } catch (DateTimeParseException e) {
            throw new JsonValueException(JsonTimes.isDateOnly(s) ? JsonProblem.DATETIME_FROM_DATE_PARSING
                    : JsonProblem.DATETIME_PARSING, "Input should be " + expected(Instant.class) + ", got " + quote(s)
                    + ": " + e.getMessage());
        }
    }

    private static String text(String s, int maxLength) {
        int bad = Strings.firstInvalidChar(s);
        if (bad >= 0) {
            boolean nul = s.charAt(bad) == '\0';
            throw new JsonValueException(nul ? JsonProblem.VALUE_ERROR : JsonProblem.STRING_UNICODE,
                    (nul ? "Value error, " : "Input should be a valid string, ") + Strings.describeInvalid(s, bad));
        }
        if (s.length() > maxLength) {
            throw new JsonValueException(JsonProblem.STRING_TOO_LONG, "String should have at most " + maxLength
                    + " characters, got " + s.length());
        }
        return s;
    }

    private static int integer(BigInteger v, long min, long max) {
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new JsonValueException(JsonProblem.GREATER_THAN_EQUAL, "Input should be greater than or equal to "
                    + min + ", got " + cut(v.toString()));
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new JsonValueException(JsonProblem.LESS_THAN_EQUAL, "Input should be less than or equal to "
                    + max + ", got " + cut(v.toString()));
        }
        return v.intValue();
    }

    /** A list longer than {@link JsonOptions#maxListSize()}. */
    public static JsonValueException tooLong(int max, int size) {
        return new JsonValueException(JsonProblem.TOO_LONG, "List should have at most " + max + " items, not " + size
                + " (the limit is JsonOptions.maxListSize)");
    }

    /** A key that {@code owner} does not have, naming the keys it has. */
    public static JsonValueException extraForbidden(Class<?> owner, String key, Collection<?> known) {
        return new JsonValueException(JsonProblem.EXTRA_FORBIDDEN, "Extra inputs are not permitted: " + title(owner)
                + " has no field " + quote(key) + " (expected "
                + known.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")", key);
    }

    /** A required key that is absent. */
    public static JsonValueException missing(Object key, Class<?> type) {
        return new JsonValueException(JsonProblem.MISSING, "Field required: " + quote(String.valueOf(key)) + ", "
                + expected(type));
    }

    /** A value of the wrong JSON type for {@code type}, or a refused null: {@code found} says what came. */
    public static JsonValueException wrongType(Class<?> type, String found) {
        return new JsonValueException(kind(type)[0], "Input should be " + expected(type) + ", got " + found);
    }

    /** A key given twice in one object, at {@code loc} (which ends with the key). */
    public static JsonProblem duplicateKey(List<Object> loc) {
        return new JsonProblem(loc, "Duplicate key " + quote(String.valueOf(loc.get(loc.size() - 1)))
                + ": a key may appear only once in an object", JsonProblem.DUPLICATE_KEY);
    }

    /** Input that is not one well-formed JSON value: the parser's {@code detail} (its first line), and where. */
    public static JsonProblem invalidJson(String detail, long line, long column) {
        String first = detail.split("\n| \\(start marker at ", 2)[0];
        return new JsonProblem(List.of(), "Invalid JSON: " + first + (line > 0 ? " (line " + line + ", column "
                + column + ")" : ""), JsonProblem.JSON_INVALID);
    }

    /** Jackson's refusal of an empty input or of content after the value as {@code json_invalid}; else null. */
    public static JsonProblem notOneValue(String jacksonMessage, long line, long column) {
        if (jacksonMessage.startsWith("No content to map")) {
            return invalidJson("the input is empty", 0, 0);
        }
        return jacksonMessage.startsWith("Trailing token")
                ? invalidJson("unexpected content after the JSON value", line, column) : null;
    }

    /** What a JSON token holds, for messages: {@code a string ("abc")}, {@code an integer (10)}, {@code null}. */
    public static String found(String token, String text) {
        return switch (token) {
            case "VALUE_STRING" -> "a string (" + quote(text) + ")";
            case "VALUE_NUMBER_INT" -> "an integer (" + cut(text) + ")";
            case "VALUE_NUMBER_FLOAT" -> "a number with a fraction or exponent (" + cut(text) + ")";
            case "VALUE_TRUE", "VALUE_FALSE" -> "a boolean (" + text + ")";
            case "VALUE_NULL" -> "null";
            case "START_ARRAY" -> "a list";
            case "" -> "nothing";
            default -> "an object";
        };
    }

    /** What a value of {@code type} must be, for messages. */
    public static String expected(Class<?> type) {
        return kind(type)[1];
    }

    private static String[] kind(Class<?> t) {
        if (t == null) {
            return new String[]{JsonProblem.VALUE_ERROR, "a valid value"};
        } else if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return new String[]{JsonProblem.INT_TYPE, "a valid integer"};
        } else if (t == Boolean.class || t == boolean.class) {
            return new String[]{JsonProblem.BOOL_TYPE, "a valid boolean (true or false)"};
        } else if (t == String.class) {
            return new String[]{JsonProblem.STRING_TYPE, "a valid string"};
        } else if (t == UUID.class) {
            return new String[]{JsonProblem.UUID_TYPE, "a UUID string (8-4-4-4-12 hexadecimal digits)"};
        } else if (t == Instant.class) {
            return new String[]{JsonProblem.DATETIME_TYPE, "a valid datetime string of the form " + JsonTimes.FORM};
        } else if (t.isEnum()) {
            String names = Stream.of(t.getEnumConstants())
                    .map(e -> "'" + (e instanceof Operator o ? o.wireName() : ((Enum<?>) e).name()) + "'")
                    .collect(Collectors.joining(", "));
            int last = names.lastIndexOf(", ");
            return new String[]{JsonProblem.ENUM, last < 0 ? names : names.substring(0, last) + " or "
                    + names.substring(last + 2)};
        } else if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return new String[]{JsonProblem.LIST_TYPE, "a list (JSON array)"};
        }
        return new String[]{JsonProblem.DICT_TYPE, "an object (" + title(t) + ")"};
    }

    /** A component's JSON name: snake_case, and a criterion's operators end in {@code _} ({@code any_}). */
    public static String jsonName(Class<?> owner, String javaName) {
        String snake = javaName.replaceAll("(?<=[a-z0-9])([A-Z])", "_$1").toLowerCase(Locale.ROOT);
        boolean criterionOperator = owner.getEnclosingClass() == FlowRunFilter.class
                && owner != FlowRunFilter.StateFilter.class && !javaName.equals("operator");
        return criterionOperator ? snake + "_" : snake;
    }

    /** A type's name in messages: its {@link JsonTypeName}, Prefect's for a sub-filter, else its simple name. */
    static String title(Class<?> type) {
        JsonTypeName name = type.getAnnotation(JsonTypeName.class);
        if (name != null) {
            return name.value();
        }
        return type.getEnclosingClass() == FlowRunFilter.class
                ? "FlowRunFilter" + type.getSimpleName().replace("Filter", "") : type.getSimpleName();
    }

    /** A string quoted for a message, cut after 64 characters. */
    public static String quote(String s) {
        return '"' + cut(s).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static String cut(String s) {
        if (s.length() <= QUOTE_MAX) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(QUOTE_MAX - 1)) ? QUOTE_MAX - 1 : QUOTE_MAX;
        return s.substring(0, end) + "…";
    }
}
