package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The one exception that Flowsweep's JSON binding throws for invalid input, with the {@linkplain #problems()
 * problems} found, each located from the document root ({@code loc}), with a message and a pydantic code. It
 * extends Jackson's {@link JsonMappingException}, so it travels through a host's {@code ObjectMapper} unchanged.
 * Reading stops at the first problem, as Jackson does, so there is one problem per input.
 * To answer any Jackson failure in the same shape (your own types read with {@link FlowsweepJson#newObjectMapper}):
 * <pre>{@code
 * } catch (JsonProcessingException e) {
 *     List<JsonProblem> problems = FlowsweepJsonException.problemsOf(e);   // json_invalid, extra_forbidden, ...
 * }
 * }</pre>
 */
public final class FlowsweepJsonException extends JsonMappingException {

    private final transient List<JsonProblem> problems;

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
     * @param cause     the exception this one was made from, or null
     */
    public FlowsweepJsonException(Closeable processor, List<JsonProblem> problems, Throwable cause) {
        super(processor, "Invalid JSON input: " + problems.get(0) + (problems.size() > 1 ? "; and "
                + (problems.size() - 1) + " more" : ""), cause);
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

    /**
     * Any Jackson failure as a {@code FlowsweepJsonException}: itself when it already is one; malformed JSON
     * (also truncated, or nested too deep) as {@link JsonProblem#JSON_INVALID}; a key given twice as
     * {@link JsonProblem#DUPLICATE_KEY}; a value refused by the rules or by Jackson with the problem's own code,
     * located by Jackson's reference path.
     */
    public static FlowsweepJsonException from(JsonProcessingException e) {
        return from(Objects.requireNonNull(e, "e"), List.of());
    }

    /** The problems of {@link #from(JsonProcessingException)}. */
    public static List<JsonProblem> problemsOf(JsonProcessingException e) {
        return from(e).problems();
    }

    /** {@code e} (a Jackson failure or a {@link JsonValueException}) for a value read at {@code prefix}. */
    static FlowsweepJsonException from(Exception e, List<Object> prefix) {
        if (e instanceof FlowsweepJsonException f) {
            return f;
        }
        Object processor = e instanceof JsonProcessingException j ? j.getProcessor() : null;
        return new FlowsweepJsonException(processor instanceof Closeable c ? c : null, List.of(problem(e, prefix)), e);
    }

    private static JsonProblem problem(Exception e, List<Object> prefix) {
        List<Object> loc = new ArrayList<>(prefix);
        if (e instanceof JsonMappingException m) {
            for (Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    loc.add(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    loc.add(r.getIndex());
                }
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonValueException v) {
                return v.problem().withLocPrefix(loc.toArray());
            }
            if (t instanceof JsonProcessingException syntax && !(t instanceof JsonMappingException)) {
                return syntax(syntax);
            }
        }
        JsonValueException v;
        if (e instanceof UnrecognizedPropertyException u) {
            loc.remove(loc.size() - 1);
            v = Wire.extraForbidden(u.getReferringClass(), u.getPropertyName(), u.getKnownPropertyIds());
        } else if (e instanceof InvalidNullException n) {
            v = Wire.wrongType(n.getTargetType(), "null");
        } else if (e instanceof MismatchedInputException m && String.valueOf(m.getOriginalMessage()).startsWith("Missing required")) {
            v = Wire.missing(loc.isEmpty() ? "" : loc.get(loc.size() - 1), m.getTargetType());
        } else if (e instanceof InvalidFormatException f && f.getValue() instanceof String s) {
            v = Wire.wrongType(f.getTargetType(), Wire.quote(s));
        } else if (e instanceof MismatchedInputException m) {
            v = Wire.wrongType(m.getTargetType(), found(m.getProcessor()));
        } else {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            v = new JsonValueException(JsonProblem.VALUE_ERROR, "Value error, " + (root instanceof JsonMappingException m
                    ? m.getOriginalMessage() : root.getMessage()));
        }
        return v.problem().withLocPrefix(loc.toArray());
    }

    /** A failure of the parser: a duplicate key where it is, anything else {@code json_invalid} at the root. */
    private static JsonProblem syntax(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Duplicate field '") && e.getProcessor() instanceof JsonParser p) {
            List<Object> loc = pathOf(p.getParsingContext());
            return new JsonProblem(loc, "Duplicate key " + Wire.quote(String.valueOf(loc.get(loc.size() - 1)))
                    + ": a key may appear only once in an object", JsonProblem.DUPLICATE_KEY);
        }
        int nl = original.indexOf('\n');
        StringBuilder msg = new StringBuilder("Invalid JSON: ").append(nl < 0 ? original : original.substring(0, nl));
        JsonLocation where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            msg.append(" (line ").append(where.getLineNr()).append(", column ").append(where.getColumnNr()).append(')');
        }
        return new JsonProblem(List.of(), msg.toString(), JsonProblem.JSON_INVALID);
    }

    /** What the parser is on, for messages: {@code a string ("abc")}, {@code an integer (10)}, {@code null}. */
    private static String found(Object processor) {
        if (!(processor instanceof JsonParser p) || p.currentToken() == null) {
            return "nothing";
        }
        try {
            return switch (p.currentToken()) {
                case VALUE_STRING -> "a string (" + Wire.quote(p.getText()) + ")";
                case VALUE_NUMBER_INT -> "an integer (" + Wire.cut(p.getText()) + ")";
                case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent (" + Wire.cut(p.getText()) + ")";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean (" + p.getText() + ")";
                case VALUE_NULL -> "null";
                case START_ARRAY -> "a list";
                default -> "an object";
            };
        } catch (IOException e) {
            return "an unreadable value";
        }
    }

    /** The keys and indices that lead to a parser's position, from the document root. */
    static List<Object> pathOf(JsonStreamContext context) {
        List<Object> reversed = new ArrayList<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                reversed.add(c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                reversed.add(c.getCurrentIndex());
            }
        }
        Collections.reverse(reversed);
        return reversed;
    }
}
