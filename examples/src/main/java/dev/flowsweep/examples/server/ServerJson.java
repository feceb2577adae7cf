package dev.flowsweep.examples.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The server's Jackson setup: strict parsing (duplicate keys refused, nothing after the value, nesting at most
 * {@value #MAX_NESTING_DEPTH} levels) and Flowsweep's module for the model types.
 */
final class ServerJson {
    /** JSON nested deeper than this is refused with 422. */
    static final int MAX_NESTING_DEPTH = 100;

    private final ObjectMapper mapper;

    ServerJson() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
        ModelJson.register(mapper);
    }

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
