package dev.flowsweep.json;

import java.io.IOException;

/**
 * Reads one JSON value strictly. {@link #read} starts on the value's first token (which may be
 * {@code VALUE_NULL}: a reader refuses it, since callers decide where null means "not given") and ends on its
 * last token. On invalid input it records the problem in the {@link WireReader}, skips the value and returns null.
 */
interface ValueReader<T> {

    T read(WireReader r) throws IOException;

    /** What this reader accepts, for messages: {@code "a UUID string"}, {@code "a list of strings"}. */
    String expected();
}
