package dev.flowsweep.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One problem in a JSON input, shaped like a pydantic error for Prefect's 422 body; every binding reports these.
 *
 * @param loc  the path from the document root: {@code String} keys and {@code Integer} indices, e.g.
 *             {@code ["flow_runs", "id", "any_", 2]}; empty for the document as a whole
 * @param msg  a message naming what was expected and what was found
 * @param type a code: pydantic's where one fits, {@link #DUPLICATE_KEY} of our own
 */
public record JsonProblem(List<Object> loc, String msg, String type) {

    /** Not well-formed JSON: syntax, truncated or empty input, content after the value, nesting deeper than allowed. */
    public static final String JSON_INVALID = "json_invalid";
    /** A key that the object does not have (Prefect's {@code extra=forbid}). */
    public static final String EXTRA_FORBIDDEN = "extra_forbidden";
    /** The same key twice in one object. Our own code: pydantic silently keeps the last value. */
    public static final String DUPLICATE_KEY = "duplicate_key";
    /** A required key is absent. */
    public static final String MISSING = "missing";
    /** An object was expected. */
    public static final String DICT_TYPE = "dict_type";
    /** A list was expected. */
    public static final String LIST_TYPE = "list_type";
    /** A list holds more values than allowed ({@link JsonOptions#maxListSize()}). */
    public static final String TOO_LONG = "too_long";
    /** A string was expected. */
    public static final String STRING_TYPE = "string_type";
    /** A string is longer than its {@code @Size(max)}. */
    public static final String STRING_TOO_LONG = "string_too_long";
    /** A string holds an unpaired surrogate ({@code "\ud800"}): it is not Unicode text. */
    public static final String STRING_UNICODE = "string_unicode";
    /** A JSON integer was expected (not {@code 2.5}, {@code 10.0} or {@code 1e2}, not a string, not a boolean). */
    public static final String INT_TYPE = "int_type";
    /** A JSON boolean was expected ({@code true} or {@code false}, not {@code "true"} or {@code 1}). */
    public static final String BOOL_TYPE = "bool_type";
    /** A UUID string was expected but the value is not a string. */
    public static final String UUID_TYPE = "uuid_type";
    /** A string is not a canonical 8-4-4-4-12 hexadecimal UUID. */
    public static final String UUID_PARSING = "uuid_parsing";
    /** A value is not one of the allowed constants (state types, operators, sort orders). */
    public static final String ENUM = "enum";
    /** A date-time string was expected but the value is not a string. */
    public static final String DATETIME_TYPE = "datetime_type";
    /** A string is not a date-time of the accepted form, or lies outside years 0001–9999. */
    public static final String DATETIME_PARSING = "datetime_parsing";
    /** A string holds a date without a time ({@code 2026-06-01}): a time of day is required. */
    public static final String DATETIME_FROM_DATE_PARSING = "datetime_from_date_parsing";
    /** A number is below its lower bound ({@code @Min}, inclusive). */
    public static final String GREATER_THAN_EQUAL = "greater_than_equal";
    /** A number is above its upper bound ({@code @Max}, inclusive). */
    public static final String LESS_THAN_EQUAL = "less_than_equal";
    /** Values refused together ({@code state} and {@code state_type} disagree), or a string holding NUL. */
    public static final String VALUE_ERROR = "value_error";

    public JsonProblem {
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(type, "type");
        for (Object o : Objects.requireNonNull(loc, "loc")) {
            if (!(o instanceof String) && !(o instanceof Integer)) {
                throw new IllegalArgumentException("loc elements must be String or Integer, got " + o);
            }
        }
        loc = List.copyOf(loc);
    }

    /** The same problem with {@code prefix} in front of its location: {@code withLocPrefix("body")}. */
    public JsonProblem withLocPrefix(Object... prefix) {
        List<Object> l = new ArrayList<>(List.of(prefix));
        l.addAll(loc);
        return new JsonProblem(l, msg, type);
    }

    /** The location as a JSONPath-like string, e.g. {@code $.flow_runs.id.any_[0]}. */
    public String path() {
        StringBuilder sb = new StringBuilder("$");
        for (Object o : loc) {
            if (o instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else if (((String) o).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                sb.append('.').append(o);
            } else {
                sb.append("[\"").append(((String) o).replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
            }
        }
        return sb.toString();
    }

    /** {@code $.flow_runs.limit: msg [type]}. */
    @Override
    public String toString() {
        return path() + ": " + msg + " [" + type + "]";
    }
}
