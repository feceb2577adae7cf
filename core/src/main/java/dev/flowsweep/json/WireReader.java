package dev.flowsweep.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The state of one strict read: the parser, the path from the document root to the current value, and the
 * problems found so far. Readers ({@link ValueReader}) walk the token stream themselves, so that a host's
 * {@code ObjectMapper} settings (coercions, duplicate handling, unknown-property handling) cannot loosen the
 * rules. After a problem the offending value is skipped and reading goes on, so that one answer lists several
 * problems, up to {@link JsonOptions#maxProblems()}.
 */
final class WireReader {

    private static final int QUOTE_MAX = 64;

    private final JsonParser parser;
    private final JsonOptions options;
    private final List<Object> path;
    private final List<JsonProblem> problems = new ArrayList<>();

    private WireReader(JsonParser parser, JsonOptions options, List<Object> prefix) {
        this.parser = parser;
        this.options = options;
        this.path = new ArrayList<>(prefix);
    }

    /**
     * Reads one value with {@code reader}, starting at the parser's current token (advancing to the first token
     * when there is none yet) and ending on the value's last token.
     *
     * @throws FlowsweepJsonException when any problem was found
     */
    static <T> T read(JsonParser parser, JsonOptions options, ValueReader<T> reader) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == null) {
            t = parser.nextToken();
        }
        if (t == null) {
            throw new FlowsweepJsonException(parser, List.of(new JsonProblem(List.of(),
                    "Invalid JSON: the input is empty, expected " + reader.expected(), JsonProblem.JSON_INVALID)));
        }
        WireReader r = new WireReader(parser, options, entryPath(parser));
        T value = reader.read(r);
        if (!r.problems.isEmpty()) {
            throw r.exception();
        }
        return value;
    }

    /** The path of the value at the parser's current token, from the document root. */
    private static List<Object> entryPath(JsonParser p) {
        JsonStreamContext ctx = p.getParsingContext();
        JsonToken t = p.currentToken();
        if (ctx != null && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || t == JsonToken.FIELD_NAME)) {
            ctx = ctx.getParent();
        }
        return pathOf(ctx);
    }

    /** The keys and indices that lead to the current position of a stream context. */
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

    JsonParser parser() {
        return parser;
    }

    JsonOptions options() {
        return options;
    }

    int problemCount() {
        return problems.size();
    }

    /** Enters a key (String) or list index (Integer). */
    void push(Object segment) {
        path.add(segment);
    }

    void pop() {
        path.remove(path.size() - 1);
    }

    /**
     * Records a problem at the current path.
     *
     * @throws FlowsweepJsonException when this was the last problem {@link JsonOptions#maxProblems()} allows
     */
    void problem(String type, String msg) throws FlowsweepJsonException {
        problems.add(new JsonProblem(path, msg, type));
        if (problems.size() >= options.maxProblems()) {
            throw exception();
        }
    }

    /** Records a problem at the current path plus one more key. */
    void problemAt(String key, String type, String msg) throws FlowsweepJsonException {
        push(key);
        problem(type, msg);
        pop();
    }

    /** Skips the current value: the parser ends on its last token. */
    void skipValue() throws IOException {
        parser.skipChildren();
    }

    /**
     * Reports a value of the wrong JSON type ({@code "Input should be <expected>, got <found>"}) and skips it.
     * Always returns null, for {@code return r.wrongType(...)}.
     */
    <T> T wrongType(String type, String expected) throws IOException {
        problem(type, "Input should be " + expected + ", got " + describeCurrent());
        skipValue();
        return null;
    }

    /** The next token; a truncated stream (possible with token buffers) is reported as malformed JSON. */
    JsonToken next() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            problems.add(new JsonProblem(List.of(), "Invalid JSON: unexpected end of input", JsonProblem.JSON_INVALID));
            throw exception();
        }
        return t;
    }

    /** What the current token is, for messages: {@code a string ("abc")}, {@code an integer (10)}, {@code null}. */
    String describeCurrent() throws IOException {
        JsonToken t = parser.currentToken();
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "a string (" + quote(parser.getText()) + ")";
            case VALUE_NUMBER_INT -> "an integer (" + cut(parser.getText()) + ")";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent (" + cut(parser.getText()) + ")";
            case VALUE_TRUE -> "a boolean (true)";
            case VALUE_FALSE -> "a boolean (false)";
            case VALUE_NULL -> "null";
            case START_OBJECT, FIELD_NAME -> "an object";
            case START_ARRAY -> "a list";
            default -> "an unexpected value";
        };
    }

    /** A string quoted for a message, cut after 64 characters. */
    static String quote(String s) {
        String shown = cut(s);
        return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The text cut after 64 characters (never inside a surrogate pair), with an ellipsis when cut. */
    private static String cut(String s) {
        if (s.length() <= QUOTE_MAX) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(QUOTE_MAX - 1)) ? QUOTE_MAX - 1 : QUOTE_MAX;
        return s.substring(0, end) + "…";
    }

    FlowsweepJsonException exception() {
        return new FlowsweepJsonException(parser, problems);
    }
}
