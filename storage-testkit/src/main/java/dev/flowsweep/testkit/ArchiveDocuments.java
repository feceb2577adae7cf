package dev.flowsweep.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an archived JSON document into maps, lists, strings, numbers, booleans and nulls (jackson-core's parser). */
final class ArchiveDocuments {
    private static final JsonFactory JSON = new JsonFactory();

    private ArchiveDocuments() {
    }

    /** The document's top-level object; fails on anything but one JSON object. */
    static Map<String, Object> parse(String document) {
        try (JsonParser p = JSON.createParser(document)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new AssertionError("an archived document is a JSON object, was: " + document);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) value(p);
            if (p.nextToken() != null) {
                throw new AssertionError("trailing content after the document: " + document);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + document, e);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (m.put(name, value(p)) != null) {
                        throw new AssertionError("duplicate field " + name);
                    }
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new AssertionError("unexpected JSON token " + p.currentToken());
        }
    }
}
