package dev.flowsweep.json.jackson3;

import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.JsonValueException;
import dev.flowsweep.json.Wire;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Invalid JSON input read by {@link FlowsweepJackson3Module}, with its {@linkplain #problems() problems}
 * ({@code loc}, {@code msg}, {@code type}: flowsweep-json's {@link JsonProblem}, as the Jackson 2 binding reports
 * them); a {@link DatabindException}, so it passes through a host's mapper unchanged. Reading stops at the first
 * problem. {@link #from(JacksonException)} gives any Jackson 3 failure the same shape, e.g. for a 422 answer.
 */
public final class FlowsweepJson3Exception extends DatabindException {

    private final transient List<JsonProblem> problems;

    /** An exception for at least one problem; {@code processor} (for the location) and {@code cause} may be null. */
    public FlowsweepJson3Exception(Closeable processor, List<JsonProblem> problems, Throwable cause) {
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

    /** Any Jackson 3 failure as a {@code FlowsweepJson3Exception} (itself when it is one), located by its path. */
    public static FlowsweepJson3Exception from(JacksonException e) {
        return from(Objects.requireNonNull(e, "e"), List.of());
    }

    /** The problems of {@link #from(JacksonException)}. */
    public static List<JsonProblem> problemsOf(JacksonException e) {
        return from(e).problems();
    }

    /** {@code e} (a Jackson failure or a {@link JsonValueException}) for a value read at {@code prefix}. */
    static FlowsweepJson3Exception from(RuntimeException e, List<Object> prefix) {
        if (e instanceof FlowsweepJson3Exception f) {
            return f;
        }
        Object processor = e instanceof JacksonException j ? j.processor() : null;
        return new FlowsweepJson3Exception(processor instanceof Closeable c ? c : null, List.of(problem(e, prefix)), e);
    }

    private static JsonProblem problem(RuntimeException e, List<Object> prefix) {
        List<Object> loc = new ArrayList<>(prefix);
        if (e instanceof DatabindException m) {
            for (JacksonException.Reference r : m.getPath()) {
                if (r.getPropertyName() != null) {
                    loc.add(r.getPropertyName());
                } else if (r.getIndex() >= 0) {
                    loc.add(r.getIndex());
                }
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonValueException v) {
                return v.problem().withLocPrefix(loc.toArray());
            } else if (t instanceof JacksonException syntax && !(t instanceof DatabindException)) {
                return syntax(syntax);
            }
        }
        JsonParser parser = e instanceof JacksonException j && j.processor() instanceof JsonParser p ? p : null;
        TokenStreamLocation at = e instanceof JacksonException j ? j.getLocation() : null;
        JsonProblem whole = e instanceof MismatchedInputException m ? Wire.notOneValue(String.valueOf(
                m.getOriginalMessage()), at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()) : null;
        JsonValueException v;
        if (whole != null) {
            return whole;
        } else if (e instanceof MismatchedInputException m && m.getTargetType() == JsonNode.class && parser != null) {
            return Wire.duplicateKey(pathOf(parser.streamReadContext()));   // FAIL_ON_READING_DUP_TREE_KEY
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
            v = new JsonValueException(JsonProblem.VALUE_ERROR, "Value error, " + (root instanceof JacksonException j
                    ? j.getOriginalMessage() : root.getMessage()));
        }
        return v.problem().withLocPrefix(loc.toArray());
    }

    /** A failure of the parser: a duplicate key where it is, anything else {@code json_invalid}. */
    private static JsonProblem syntax(JacksonException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Duplicate Object property \"") && e.processor() instanceof JsonParser p) {
            return Wire.duplicateKey(pathOf(p.streamReadContext()));
        }
        TokenStreamLocation at = e.getLocation();
        return Wire.invalidJson(original, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
    }

    private static String found(JsonParser p) {
        JsonToken t = p == null ? null : p.currentToken();
        return Wire.found(t == null ? "" : t.name(), t == null ? "" : p.getString());
    }

    /** The keys and indices that lead to a parser's position, from the document root. */
    static List<Object> pathOf(TokenStreamContext context) {
        List<Object> reversed = new ArrayList<>();
        for (TokenStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && c.currentName() != null) {
                reversed.add(c.currentName());
            } else if (c.inArray() && c.hasCurrentIndex()) {
                reversed.add(c.getCurrentIndex());
            }
        }
        Collections.reverse(reversed);
        return reversed;
    }
}
