package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A small JSON client over {@link HttpClient} for the server tests. */
final class HttpJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** An answer: status, body text, parsed body (null when empty or not JSON), and the response itself. */
    record Answer(int status, String text, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    private final HttpClient client;
    private final URI base;
    private final List<String> authorization;

    HttpJson(URI base) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), base, List.of());
    }

    private HttpJson(HttpClient client, URI base, List<String> authorization) {
        this.client = client;
        this.base = base;
        this.authorization = List.copyOf(authorization);
    }

    /**
     * The same client, sending these {@code Authorization} header values (none, one, or several) with every
     * request.
     */
    HttpJson withAuthorization(String... values) {
        return new HttpJson(client, base, List.of(values));
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer send(String method, String path, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, body));
    }

    /** JSON text from a template whose single quotes stand for double quotes: {@code q("{'a': 1}")}. */
    static String q(String template) {
        return template.replace('\'', '"');
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        authorization.forEach(v -> request.header("Authorization", v));
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (!r.body().isEmpty()) {
                try {
                    json = MAPPER.readTree(r.body());
                } catch (IOException notJson) {
                    json = null;
                }
            }
            return new Answer(r.statusCode(), r.body(), json, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
