package dev.flowsweep.json;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.Strings;
import dev.flowsweep.model.Uuids;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.flowsweep.json.JsonProblem.*;

/**
 * The rules of the wire format in plain Java, free of Jackson, so that every binding applies the same ones: how
 * UUIDs, times, strings and integers are checked, the JSON names of record components, the titles of types, and
 * the problem (code and message) for each kind of bad value.
 */
final class Wire {
    private static final int QUOTE_MAX = 64;

    private Wire() {
    }

    /** A canonical 8-4-4-4-12 hexadecimal UUID, either case. */
    static UUID uuid(String s) {
        try {
            return Uuids.parseCanonical(s);
        } catch (IllegalArgumentException e) {
            throw new JsonValueException(UUID_PARSING, "Input should be a valid UUID of 8-4-4-4-12 hexadecimal digits, got "
                    + quote(s));
        }
    }

    /** A time of {@link JsonTimes}'s form, as a UTC instant truncated to microseconds. */
    static Instant time(String s) {
        try {
            return JsonTimes.parse(s);
        } catch (DateTimeParseException e) {
            throw new JsonValueException(JsonTimes.isDateOnly(s) ? DATETIME_FROM_DATE_PARSING : DATETIME_PARSING,
                    "Input should be " + expected(Instant.class) + ", got " + quote(s) + ": " + e.getMessage());
        }
    }

    /**
     * Plain Unicode text of at most {@code maxLength} UTF-16 characters: an unpaired surrogate ({@code string_unicode})
     * or NUL ({@code value_error}) is refused, since the JDBC drivers store the first as {@code ?} and PostgreSQL
     * refuses the second.
     */
    static String text(String s, int maxLength) {
        int bad = Strings.firstInvalidChar(s);
        if (bad >= 0) {
            boolean nul = s.charAt(bad) == '\0';
            throw new JsonValueException(nul ? VALUE_ERROR : STRING_UNICODE,
                    (nul ? "Value error, " : "Input should be a valid string, ") + Strings.describeInvalid(s, bad));
        }
        if (s.length() > maxLength) {
            throw new JsonValueException(STRING_TOO_LONG, "String should have at most " + maxLength
                    + " characters, got " + s.length());
        }
        return s;
    }

    /** An integer in {@code [min, max]} (within 32 bits); beyond, the bound it crosses is named. */
    static int integer(BigInteger v, long min, long max) {
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new JsonValueException(GREATER_THAN_EQUAL, "Input should be greater than or equal to " + min + ", got "
                    + cut(v.toString()));
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new JsonValueException(LESS_THAN_EQUAL, "Input should be less than or equal to " + max + ", got "
                    + cut(v.toString()));
        }
        return v.intValue();
    }

    static JsonValueException tooLong(int max, int size) {
        return new JsonValueException(TOO_LONG, "List should have at most " + max + " items, not " + size
                + " (the limit is JsonOptions.maxListSize)");
    }

    static JsonValueException extraForbidden(Class<?> owner, String key, Collection<?> known) {
        return new JsonValueException(EXTRA_FORBIDDEN, "Extra inputs are not permitted: " + title(owner) + " has no field "
                + quote(key) + " (expected " + known.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")",
                key);
    }

    static JsonValueException missing(Object key, Class<?> type) {
        return new JsonValueException(MISSING, "Field required: " + quote(String.valueOf(key)) + ", " + expected(type));
    }

    /** A value of the wrong JSON type for {@code type}, or null where one is required: {@code found} says what came. */
    static JsonValueException wrongType(Class<?> type, String found) {
        return new JsonValueException(kind(type)[0], "Input should be " + expected(type) + ", got " + found);
    }

    /** What a value of {@code type} must be, for messages. */
    static String expected(Class<?> type) {
        return kind(type)[1];
    }

    /** The pydantic code of a wrong value of {@code type}, and what one must be. */
    private static String[] kind(Class<?> t) {
        if (t == null) {
            return new String[]{VALUE_ERROR, "a valid value"};
        } else if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return new String[]{INT_TYPE, "a valid integer"};
        } else if (t == Boolean.class || t == boolean.class) {
            return new String[]{BOOL_TYPE, "a valid boolean (true or false)"};
        } else if (t == String.class) {
            return new String[]{STRING_TYPE, "a valid string"};
        } else if (t == UUID.class) {
            return new String[]{UUID_TYPE, "a UUID string (8-4-4-4-12 hexadecimal digits)"};
        } else if (t == Instant.class) {
            return new String[]{DATETIME_TYPE, "a valid datetime string of the form " + JsonTimes.FORM};
        } else if (t.isEnum()) {
            String names = Stream.of(t.getEnumConstants()).map(e -> "'" + constant((Enum<?>) e) + "'")
                    .collect(Collectors.joining(", "));
            int last = names.lastIndexOf(", ");
            return new String[]{ENUM, last < 0 ? names : names.substring(0, last) + " or " + names.substring(last + 2)};
        } else if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return new String[]{LIST_TYPE, "a list (JSON array)"};
        }
        return new String[]{DICT_TYPE, "an object (" + title(t) + ")"};
    }

    /** A constant as written: {@code and_}/{@code or_} for operators, the constant's name for the other enums. */
    static String constant(Enum<?> e) {
        return e instanceof Operator o ? o.wireName() : e.name();
    }

    /**
     * The JSON name of a record component: snake_case, and the operators of a criterion ({@code any_},
     * {@code not_any_}, {@code is_null_}, {@code like_}, {@code before_}, {@code id_}, ...) end in {@code _}, as
     * in Prefect's {@code FlowRunFilter} (every component of its sub-filters but {@code operator}, and but those
     * of {@code state}, which holds sub-filters).
     */
    static String jsonName(Class<?> owner, String javaName) {
        String snake = javaName.replaceAll("(?<=[a-z0-9])([A-Z])", "_$1").toLowerCase(Locale.ROOT);
        boolean criterionOperator = owner.getEnclosingClass() == FlowRunFilter.class
                && owner != FlowRunFilter.StateFilter.class && !javaName.equals("operator");
        return criterionOperator ? snake + "_" : snake;
    }

    /**
     * A type's name in messages: its {@link JsonTypeName}, else Prefect's name for a sub-filter
     * ({@code FlowRunFilterState} for {@code FlowRunFilter.StateFilter}), else its simple name.
     */
    static String title(Class<?> type) {
        JsonTypeName name = type.getAnnotation(JsonTypeName.class);
        if (name != null) {
            return name.value();
        }
        return type.getEnclosingClass() == FlowRunFilter.class
                ? "FlowRunFilter" + type.getSimpleName().replace("Filter", "") : type.getSimpleName();
    }

    /** A string quoted for a message, cut after 64 characters. */
    static String quote(String s) {
        return '"' + cut(s).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The text cut after 64 characters (never inside a surrogate pair), with an ellipsis when cut. */
    static String cut(String s) {
        if (s.length() <= QUOTE_MAX) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(QUOTE_MAX - 1)) ? QUOTE_MAX - 1 : QUOTE_MAX;
        return s.substring(0, end) + "…";
    }
}
