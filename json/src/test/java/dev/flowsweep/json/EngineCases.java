package dev.flowsweep.json;

import dev.flowsweep.json.JsonEngine.Refused;
import org.junit.jupiter.api.function.Executable;

import static dev.flowsweep.json.JsonTestSupport.q;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The base of the shared cases: the binding under test and reading with it. */
public abstract class EngineCases {

    /** The binding under test. */
    protected final JsonEngine JSON = engine();

    /** The binding these cases run against. */
    protected abstract JsonEngine engine();

    /** Reads {@code singleQuoted} JSON ({@link JsonTestSupport#q}) as {@code type}. */
    protected <T> T read(String singleQuoted, Class<T> type) throws Refused {
        return JSON.read(q(singleQuoted), type);
    }

    /** What reading {@code singleQuoted} JSON as {@code type} throws. */
    protected Refused failure(String singleQuoted, Class<?> type) {
        return failure(() -> JSON.read(q(singleQuoted), type));
    }

    /** What {@code reading} throws. */
    protected static Refused failure(Executable reading) {
        return assertThrows(Refused.class, reading);
    }
}
