package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flowsweep.model.Strings;
import dev.flowsweep.model.Uuids;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** The scalar and list readers of the wire format. */
final class Readers {

    private Readers() {
    }

    /** A canonical 8-4-4-4-12 hexadecimal UUID string, either case. */
    static final ValueReader<UUID> UUID_STRING = new ValueReader<>() {
        @Override
        public UUID read(WireReader r) throws IOException {
            JsonParser p = r.parser();
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return r.wrongType(JsonProblem.UUID_TYPE, expected());
            }
            String s = p.getText();
            try {
                return Uuids.parseCanonical(s);
            } catch (IllegalArgumentException e) {
                r.problem(JsonProblem.UUID_PARSING, "Input should be a valid UUID of 8-4-4-4-12 hexadecimal digits, got "
                        + WireReader.quote(s));
                return null;
            }
        }

        @Override
        public String expected() {
            return "a UUID string (8-4-4-4-12 hexadecimal digits)";
        }
    };

    /** Any JSON string. */
    static final ValueReader<String> STRING = string(Integer.MAX_VALUE);

    /**
     * A JSON string of at most {@code maxLength} UTF-16 characters (as {@code @Size} counts them), and plain Unicode
     * text: an unpaired surrogate ({@code string_unicode}) or NUL ({@code value_error}) is refused, since the JDBC
     * drivers would store the first as {@code ?} and PostgreSQL refuses the second.
     */
    static ValueReader<String> string(int maxLength) {
        return new ValueReader<>() {
            @Override
            public String read(WireReader r) throws IOException {
                JsonParser p = r.parser();
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return r.wrongType(JsonProblem.STRING_TYPE, expected());
                }
                String s = p.getText();
                int bad = Strings.firstInvalidChar(s);
                if (bad >= 0) {
                    boolean nul = s.charAt(bad) == '\0';
                    r.problem(nul ? JsonProblem.VALUE_ERROR : JsonProblem.STRING_UNICODE, (nul ? "Value error, "
                            : "Input should be a valid string, ") + Strings.describeInvalid(s, bad));
                    return null;
                }
                if (s.length() > maxLength) {
                    r.problem(JsonProblem.STRING_TOO_LONG, "String should have at most " + maxLength
                            + " characters, got " + s.length());
                    return null;
                }
                return s;
            }

            @Override
            public String expected() {
                return "a valid string";
            }
        };
    }

    /** {@code true} or {@code false}; not {@code "true"}, not {@code 1}. */
    static final ValueReader<Boolean> BOOLEAN = new ValueReader<>() {
        @Override
        public Boolean read(WireReader r) throws IOException {
            JsonToken t = r.parser().currentToken();
            if (t == JsonToken.VALUE_TRUE) {
                return Boolean.TRUE;
            }
            if (t == JsonToken.VALUE_FALSE) {
                return Boolean.FALSE;
            }
            return r.wrongType(JsonProblem.BOOL_TYPE, expected());
        }

        @Override
        public String expected() {
            return "a valid boolean (true or false)";
        }
    };

    /**
     * A JSON integer token in {@code [min, max]}: not a float (not even {@code 10.0} or {@code 1e2}), not a string,
     * not a boolean. Integers beyond 32 bits are reported against the bound they cross.
     */
    static ValueReader<Integer> integer(int min, int max) {
        return new ValueReader<>() {
            @Override
            public Integer read(WireReader r) throws IOException {
                JsonParser p = r.parser();
                if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                    return r.wrongType(JsonProblem.INT_TYPE, expected());
                }
                boolean fits = p.getNumberType() == JsonParser.NumberType.INT;
                BigInteger v = fits ? BigInteger.valueOf(p.getIntValue()) : p.getBigIntegerValue();
                if (v.compareTo(BigInteger.valueOf(min)) < 0) {
                    r.problem(JsonProblem.GREATER_THAN_EQUAL, "Input should be greater than or equal to " + min
                            + ", got " + p.getText());
                    return null;
                }
                if (v.compareTo(BigInteger.valueOf(max)) > 0) {
                    r.problem(JsonProblem.LESS_THAN_EQUAL, "Input should be less than or equal to " + max
                            + ", got " + p.getText());
                    return null;
                }
                return v.intValue();
            }

            @Override
            public String expected() {
                return "a valid integer";
            }
        };
    }

    /** A time of {@link JsonTimes}'s form, as a UTC instant truncated to microseconds. */
    static final ValueReader<Instant> TIME = new ValueReader<>() {
        @Override
        public Instant read(WireReader r) throws IOException {
            JsonParser p = r.parser();
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return r.wrongType(JsonProblem.DATETIME_TYPE, expected());
            }
            String s = p.getText();
            try {
                return JsonTimes.parse(s);
            } catch (DateTimeParseException e) {
                String type = JsonTimes.isDateOnly(s) ? JsonProblem.DATETIME_FROM_DATE_PARSING : JsonProblem.DATETIME_PARSING;
                r.problem(type, "Input should be " + expected() + ", got " + WireReader.quote(s) + ": " + e.getMessage());
                return null;
            }
        }

        @Override
        public String expected() {
            return "a valid datetime string of the form " + JsonTimes.FORM;
        }
    };

    /** One of the constants' wire names, exactly (case-sensitive). */
    static <E extends Enum<E>> ValueReader<E> enumOf(Class<E> type, Function<E, String> wireName) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) {
            byName.put(wireName.apply(e), e);
        }
        StringBuilder sb = new StringBuilder();
        List<String> names = new ArrayList<>(byName.keySet());
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(i == names.size() - 1 ? " or " : ", ");
            }
            sb.append('\'').append(names.get(i)).append('\'');
        }
        String allowed = sb.toString();
        return new ValueReader<>() {
            @Override
            public E read(WireReader r) throws IOException {
                JsonParser p = r.parser();
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return r.wrongType(JsonProblem.ENUM, expected());
                }
                String s = p.getText();
                E e = byName.get(s);
                if (e == null) {
                    r.problem(JsonProblem.ENUM, "Input should be " + allowed + ", got " + WireReader.quote(s));
                }
                return e;
            }

            @Override
            public String expected() {
                return allowed;
            }
        };
    }

    /**
     * A JSON list of at most {@link JsonOptions#maxListSize()} values, each read by {@code element}; a {@code null}
     * element is refused by the element reader. The result is unmodifiable.
     */
    static <E> ValueReader<List<E>> listOf(ValueReader<E> element) {
        return new ValueReader<>() {
            @Override
            public List<E> read(WireReader r) throws IOException {
                JsonParser p = r.parser();
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    return r.wrongType(JsonProblem.LIST_TYPE, expected());
                }
                int max = r.options().maxListSize();
                int before = r.problemCount();
                List<E> out = new ArrayList<>();
                int i = 0;
                for (JsonToken t = r.next(); t != JsonToken.END_ARRAY; t = r.next()) {
                    if (i == max) {
                        int total = i;
                        for (; t != JsonToken.END_ARRAY; t = r.next()) {
                            r.skipValue();
                            total++;
                        }
                        r.problem(JsonProblem.TOO_LONG, "List should have at most " + max + " items, not " + total
                                + " (the limit is JsonOptions.maxListSize)");
                        return null;
                    }
                    r.push(i);
                    E e = element.read(r);
                    r.pop();
                    out.add(e);
                    i++;
                }
                return r.problemCount() > before ? null : Collections.unmodifiableList(out);
            }

            @Override
            public String expected() {
                return "a list (JSON array) whose items are each " + element.expected();
            }
        };
    }
}
