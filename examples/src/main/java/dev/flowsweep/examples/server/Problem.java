package dev.flowsweep.examples.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a 422 answer's {@code exception_detail}: where ({@code loc}, starting with {@code "body"}),
 * what is wrong ({@code msg}) and pydantic's error code for it ({@code type}).
 */
public record Problem(List<Object> loc, String msg, String type) {
    public Problem {
        loc = List.copyOf(loc);
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(type, "type");
    }

    /** A problem at {@code parent} followed by {@code more} path elements (field names or list indexes). */
    public static Problem at(List<Object> parent, String msg, String type, Object... more) {
        List<Object> loc = new ArrayList<>(parent);
        loc.addAll(List.of(more));
        return new Problem(loc, msg, type);
    }
}
