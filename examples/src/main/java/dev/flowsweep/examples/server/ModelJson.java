package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where the server meets Flowsweep's JSON binding (module {@code dev.flowsweep.json}): registering it, reading the
 * filter and creation bodies with it, and turning its errors into 422 answers.
 */
final class ModelJson {
    private ModelJson() {
    }

    static void register(ObjectMapper mapper) {
    }

    /** A 422 for an error of the JSON binding, or null when {@code error} is something else. */
    static ApiException invalidRequest(Throwable error) {
        return null;
    }
}
