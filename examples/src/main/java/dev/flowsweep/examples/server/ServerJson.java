package dev.flowsweep.examples.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.flowsweep.json.JsonOptions;
import dev.flowsweep.json.jackson2.FlowsweepJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The server's Jackson setup: {@link FlowsweepJson#newObjectMapper}, which reads and writes Flowsweep's types and
 * binds the server's own bodies ({@code body} package) by the same strict rules: duplicate keys refused, nothing
 * after the value, nesting at most {@link FlowsweepJson#MAX_NESTING_DEPTH} levels.
 */
final class ServerJson {
    private final ObjectMapper mapper = FlowsweepJson.newObjectMapper(JsonOptions.defaults());

    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Parses a request body; 422 {@code json_invalid} when it is not one well-formed JSON value (content after the
     * value included: Jackson's own trailing-token check reports it as a type mismatch, with its class names).
     */
    JsonNode parseBody(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            JsonNode node = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parser);
            if (node != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentLocation();
                throw ApiException.invalid(new Problem(List.of("body"), "Invalid JSON: unexpected content after the "
                        + "JSON value (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")", "json_invalid"));
            }
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            // json_invalid (malformed, nested too deep) or duplicate_key, located by the binding
            throw ApiException.invalid(ModelJson.prefixed(e, List.of("body")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a response", e);
        }
    }
}
