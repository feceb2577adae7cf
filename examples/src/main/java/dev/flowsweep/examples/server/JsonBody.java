package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flowsweep.model.Uuids;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Strict reading of one JSON object of a request body, pydantic style: each getter checks one field and records a
 * {@link Problem} (with its {@code loc}) instead of failing at once, so one 422 answer lists every problem;
 * {@link #done()} adds {@code extra_forbidden} for fields no getter asked for, and throws when anything is wrong.
 * A JSON {@code null} counts as absent.
 *
 * <pre>{@code
 * JsonBody body = JsonBody.of(request.json());
 * FlowRunFilter filter = ModelJson.readFilter(json, body, "flow_runs");
 * Integer limit = body.optionalInt("limit", 0, 200);
 * body.done();
 * }</pre>
 */
final class JsonBody {
    private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

    private final JsonNode node;
    private final List<Object> loc;
    private final List<Problem> problems;
    private final Set<String> known = new LinkedHashSet<>();

    private JsonBody(JsonNode node, List<Object> loc, List<Problem> problems) {
        this.node = node;
        this.loc = List.copyOf(loc);
        this.problems = problems;
    }

    /** The whole body as an object; an empty body or {@code null} is an empty object. */
    static JsonBody of(JsonNode body) {
        return object(body, List.of("body"), new ArrayList<>());
    }

    private static JsonBody object(JsonNode node, List<Object> loc, List<Problem> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new JsonBody(EMPTY, loc, problems);
        }
        if (!node.isObject()) {
            problems.add(new Problem(loc, "Input should be a valid dictionary or object to extract fields from",
                    "model_attributes_type"));
            return new JsonBody(EMPTY, loc, problems);
        }
        return new JsonBody(node, loc, problems);
    }

    /** A nested object, read with the same problem list; absent or null gives an empty reader. */
    JsonBody object(String field) {
        known.add(field);
        return object(node.get(field), child(field), problems);
    }
    /** The raw value (null when absent or JSON null), for a reader of its own; the field counts as known. */
    JsonNode raw(String field) {
        known.add(field);
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    /** Where a field of this object is: {@code ["body", …, field]}. */
    List<Object> child(Object field) {
        List<Object> l = new ArrayList<>(loc);
        l.add(field);
        return l;
    }

    UUID uuidValue(JsonNode v, List<Object> at) {
        if (!v.isTextual()) {
            problem(at, "UUID input should be a string, bytes or UUID object", "uuid_type");
            return null;
        }
        try {
            return Uuids.parseCanonical(v.textValue());
        } catch (IllegalArgumentException e) {
            problem(at, "Input should be a valid UUID, " + e.getMessage(), "uuid_parsing");
            return null;
        }
    }

    /** An integer in {@code [min, max]} ({@code max} null: no upper bound); not a JSON integer is {@code int_type}. */
    Integer optionalInt(String field, int min, Integer max) {
        return integer(field, false, min, max);
    }

    Integer requiredInt(String field, int min, Integer max) {
        return integer(field, true, min, max);
    }

    private Integer integer(String field, boolean required, int min, Integer max) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        List<Object> at = child(field);
        if (!v.isIntegralNumber()) {
            problem(at, "Input should be a valid integer", "int_type");
            return null;
        }
        BigInteger n = v.bigIntegerValue();
        if (n.compareTo(BigInteger.valueOf(min)) < 0) {
            problem(at, "Input should be greater than or equal to " + min, "greater_than_equal");
            return null;
        }
        BigInteger upper = BigInteger.valueOf(max == null ? Integer.MAX_VALUE : max);
        if (n.compareTo(upper) > 0) {
            problem(at, "Input should be less than or equal to " + upper, "less_than_equal");
            return null;
        }
        return n.intValueExact();
    }

    /** A list of strings (no nulls); null when absent. */
    List<String> stringList(String field, boolean required) {
        JsonNode v = value(field, required);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            problem(child(field), "Input should be a valid list", "list_type");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                problem(child(field), "Input should be a valid string", "string_type", i);
            } else {
                out.add(e.textValue());
            }
        }
        return out;
    }
    /** Records a problem at {@code at}, with more path elements after it. */
    void problem(List<Object> at, String msg, String type, Object... more) {
        problems.add(Problem.at(at, msg, type, more));
    }

    /**
     * Checks that the object has no field beyond those read, then throws 422 with every problem recorded.
     * Call it on the top-level reader after the nested ones.
     */
    void done() {
        checkFields();
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    /** Like {@link #done()} for a nested reader: records its extra fields, throws nothing. */
    void checkFields() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(Problem.at(loc, "Extra inputs are not permitted", "extra_forbidden", name));
            }
        }
    }

    private JsonNode value(String field, boolean required) {
        known.add(field);
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(child(field), "Field required", "missing");
            }
            return null;
        }
        return v;
    }
}
