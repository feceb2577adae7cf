package dev.flowsweep.json;

import java.util.List;

/**
 * A value that the rules refuse, with its {@link JsonProblem} located below the value being read; a wire type's
 * constructor may throw it too. The binding adds the value's path and throws its own exception.
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
