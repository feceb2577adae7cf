package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.Closeable;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one exception that Flowsweep's JSON binding throws for invalid input. It carries the
 * {@linkplain #problems() problems} found, at least one, each with its JSON path ({@code loc}), a human message
 * and a pydantic-style code. It extends Jackson's {@link JsonMappingException}, so it travels through a host's
 * {@code ObjectMapper} unchanged (Jackson may add its own reference chain to {@link #getMessage()}, but the
 * {@code loc} of each problem is already counted from the document root).
 *
 * <p>Reading stops after {@link JsonOptions#maxProblems()} problems; a malformed document (a Jackson parse
 * error) gives one {@link JsonProblem#JSON_INVALID} problem. To answer any Jackson failure in the same shape,
 * use {@link #from(JsonProcessingException)} or {@link #problemsOf(JsonProcessingException)}:
 * <pre>{@code
 * try {
 *     BulkDeleteRequest r = mapper.readValue(body, BulkDeleteRequest.class);
 * } catch (JsonProcessingException e) {
 *     List<JsonProblem> problems = FlowsweepJsonException.problemsOf(e);   // json_invalid, extra_forbidden, ...
 * }
 * }</pre>
 */
public final class FlowsweepJsonException extends JsonMappingException {

    private static final int MESSAGE_PROBLEMS = 5;
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");

    private final List<JsonProblem> problems;

    /**
     * @param processor the parser that read the input (for the location in {@link #getMessage()}), or null
     * @param problems  at least one problem
     */
    public FlowsweepJsonException(Closeable processor, List<JsonProblem> problems) {
        this(processor, problems, null);
    }

    /**
     * @param processor the parser that read the input, or null
     * @param problems  at least one problem
     * @param cause     the Jackson exception this one was made from, or null
     */
    public FlowsweepJsonException(Closeable processor, List<JsonProblem> problems, Throwable cause) {
        super(processor, summary(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** The problems found, in input order; never empty. */
    public List<JsonProblem> problems() {
        return problems;
    }

    /** The first problem found. */
    public JsonProblem firstProblem() {
        return problems.get(0);
    }

    private static String summary(List<JsonProblem> problems) {
        Objects.requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a FlowsweepJsonException needs at least one problem");
        }
        StringBuilder sb = new StringBuilder("Invalid JSON input: ");
        int shown = Math.min(problems.size(), MESSAGE_PROBLEMS);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(problems.get(i));
        }
        if (problems.size() > shown) {
            sb.append("; and ").append(problems.size() - shown).append(" more");
        }
        return sb.toString();
    }

    /**
     * Turns any Jackson failure into a {@code FlowsweepJsonException}: itself when it already is one; a parse
     * error (malformed or truncated JSON, exceeded parser limits) into {@link JsonProblem#JSON_INVALID}; a
     * duplicate key rejected by a parser with {@code STRICT_DUPLICATE_DETECTION} into
     * {@link JsonProblem#DUPLICATE_KEY}; Jackson's own mapping errors (from a host's types around ours) into
     * the nearest pydantic code, with the location of Jackson's reference path.
     */
    public static FlowsweepJsonException from(JsonProcessingException e) {
        Objects.requireNonNull(e, "e");
        if (e instanceof FlowsweepJsonException f) {
            return f;
        }
        Closeable processor = e.getProcessor() instanceof Closeable c ? c : null;
        return new FlowsweepJsonException(processor, List.of(convert(e)), e);
    }

    /** The problems of {@link #from(JsonProcessingException)}. */
    public static List<JsonProblem> problemsOf(JsonProcessingException e) {
        return from(e).problems();
    }

    private static JsonProblem convert(JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            List<Object> loc = locOf(m.getPath());
            String original = String.valueOf(m.getOriginalMessage());
            if (m instanceof UnrecognizedPropertyException u) {
                return new JsonProblem(loc, "Extra inputs are not permitted: unknown field \""
                        + u.getPropertyName() + "\"", JsonProblem.EXTRA_FORBIDDEN);
            }
            if (m instanceof MismatchedInputException mi) {
                return new JsonProblem(loc, firstLine(original), typeCodeFor(mi.getTargetType()));
            }
            return new JsonProblem(loc, firstLine(original), JsonProblem.VALUE_ERROR);
        }
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Duplicate field '") && e.getProcessor() instanceof JsonParser p) {
            List<Object> loc = WireReader.pathOf(p.getParsingContext());
            return new JsonProblem(loc, "Duplicate key \"" + lastKey(loc) + "\": a key may appear only once in an object",
                    JsonProblem.DUPLICATE_KEY);
        }
        StringBuilder msg = new StringBuilder("Invalid JSON: ").append(firstLine(original));
        JsonLocation where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            msg.append(" (line ").append(where.getLineNr()).append(", column ").append(where.getColumnNr()).append(')');
        }
        return new JsonProblem(List.of(), msg.toString(), JsonProblem.JSON_INVALID);
    }

    private static String lastKey(List<Object> loc) {
        return loc.isEmpty() ? "" : String.valueOf(loc.get(loc.size() - 1));
    }

    /** Jackson's message without its second line and with {@code [Source: ...; line: 1, column: 5]} shortened. */
    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return SOURCE_LOCATION.matcher(line).replaceAll("line $1, column $2");
    }

    private static List<Object> locOf(List<Reference> path) {
        List<Object> loc = new ArrayList<>();
        for (Reference r : path) {
            if (r.getFieldName() != null) {
                loc.add(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                loc.add(r.getIndex());
            }
        }
        return loc;
    }

    private static String typeCodeFor(Class<?> target) {
        if (target == null) {
            return JsonProblem.VALUE_ERROR;
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class) {
            return JsonProblem.INT_TYPE;
        }
        if (target == Boolean.class || target == boolean.class) {
            return JsonProblem.BOOL_TYPE;
        }
        if (target == String.class) {
            return JsonProblem.STRING_TYPE;
        }
        if (target == UUID.class) {
            return JsonProblem.UUID_PARSING;
        }
        if (target.isEnum()) {
            return JsonProblem.ENUM;
        }
        if (TemporalAccessor.class.isAssignableFrom(target)) {
            return JsonProblem.DATETIME_PARSING;
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return JsonProblem.LIST_TYPE;
        }
        if (Map.class.isAssignableFrom(target) || !(target.isPrimitive() || target.getName().startsWith("java."))) {
            return JsonProblem.DICT_TYPE;
        }
        return JsonProblem.VALUE_ERROR;
    }
}
