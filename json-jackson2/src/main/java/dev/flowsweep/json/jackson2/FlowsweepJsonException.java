package dev.flowsweep.json.jackson2;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.JsonValueException;
import dev.flowsweep.json.Wire;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Invalid JSON input, with its {@linkplain #problems() problems} ({@code loc}, {@code msg}, {@code type}); a
 * {@link JsonMappingException}, so it passes through a host's mapper unchanged. Reading stops at the first problem.
 */
public final class FlowsweepJsonException extends JsonMappingException {

    private final transient List<JsonProblem> problems;

    /** An exception for at least one problem; {@code processor} (for the location) and {@code cause} may be null. */
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

    /** Any Jackson failure as a {@code FlowsweepJsonException} (itself when it is one), located by Jackson's path. */
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
            } else if (t instanceof JsonProcessingException syntax && !(t instanceof JsonMappingException)) {
                return syntax(syntax);
            }
        }
        JsonParser parser = e instanceof JsonProcessingException j && j.getProcessor() instanceof JsonParser p ? p : null;
        JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
        JsonProblem whole = e instanceof MismatchedInputException m ? Wire.notOneValue(String.valueOf(
                m.getOriginalMessage()), at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()) : null;
        JsonValueException v;
        if (whole != null) {
            return whole;
        } else if (e instanceof MismatchedInputException m && m.getTargetType() == JsonNode.class && parser != null) {
            return Wire.duplicateKey(pathOf(parser.getParsingContext()));   // FAIL_ON_READING_DUP_TREE_KEY
        } else if (e instanceof UnrecognizedPropertyException u) {
            loc.remove(loc.size() - 1);
            v = Wire.extraForbidden(u.getReferringClass(), u.getPropertyName(), u.getKnownPropertyIds());
        } else if (e instanceof InvalidNullException n) {
            v = Wire.wrongType(n.getTargetType(), "null");
        } else if (e instanceof MismatchedInputException m
                && String.valueOf(m.getOriginalMessage()).startsWith("Missing required")) {
            v = Wire.missing(loc.isEmpty() ? "" : loc.get(loc.size() - 1), m.getTargetType());
        } else if (e instanceof InvalidFormatException f && f.getValue() instanceof String s) {
            v = Wire.wrongType(f.getTargetType(), Wire.quote(s));
        } else if (e instanceof MismatchedInputException m) {
            v = Wire.wrongType(m.getTargetType(), found(parser));
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

    /** A failure of the parser: a duplicate key where it is, anything else {@code json_invalid}. */
    private static JsonProblem syntax(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Duplicate field '") && e.getProcessor() instanceof JsonParser p) {
            return Wire.duplicateKey(pathOf(p.getParsingContext()));
        }
        JsonLocation at = e.getLocation();
        return Wire.invalidJson(original, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
    }

    private static String found(JsonParser p) {
        JsonToken t = p == null ? null : p.currentToken();
        try {
            return Wire.found(t == null ? "" : t.name(), t == null ? "" : p.getText());
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
