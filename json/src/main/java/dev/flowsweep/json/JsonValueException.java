package dev.flowsweep.json;

import java.util.List;

/**
 * A value that the wire format's rules refuse, as one {@link JsonProblem} located relative to the value being read
 * (its {@code loc} is usually empty, or the key of a record's component: {@code ["state_type"]}). The binding puts
 * the path of the value in front and answers with {@link FlowsweepJsonException}. Plain Java, so that any binding
 * can use the same rules; a wire type's constructor may throw it to refuse values that are invalid together.
 */
public final class JsonValueException extends IllegalArgumentException {
    private final transient JsonProblem problem;

    /** A problem of {@code type} with message {@code msg}, at {@code loc} below the value being read. */
    public JsonValueException(String type, String msg, Object... loc) {
        super(msg);
        this.problem = new JsonProblem(List.of(loc), msg, type);
    }

    /** The problem, located relative to the value being read. */
    public JsonProblem problem() {
        return problem;
    }
}
