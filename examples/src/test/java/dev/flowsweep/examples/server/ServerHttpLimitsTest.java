package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP limits (docs/RELIABILITY.md, "HTTP limits of the example server") over real sockets: hundreds of stalled
 * clients neither stall {@code /health} nor a bulk delete and are closed after the read timeout with a 408; a head
 * that never ends is closed after the header read timeout, even one that trickles; a body over the limit is a 413;
 * requests beyond capacity are a 503 at once while {@code /health} still answers. The deadlines of one second are
 * liveness checks (a server that stalls misses them by seconds), not benchmarks.
 */
class ServerHttpLimitsTest {
    private static final int STALLED = 300;
    private static final Duration LIVENESS = Duration.ofSeconds(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    private final List<Socket> sockets = new ArrayList<>();
    private InMemoryStorage storage;
    private FlowsweepServer server;

    @BeforeEach
    void openStorage() {
        storage = new InMemoryStorage();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
        storage.close();
    }

    private HttpJson start(FlowsweepServer.Builder builder, HttpLimits limits) {
        server = builder.port(0).limits(limits).start();
        return new HttpJson(server.uri());
    }

    private static HttpLimits shortReadTimeouts() {
        return HttpLimits.DEFAULTS.withHeaderReadTimeout(READ_TIMEOUT).withBodyReadTimeout(READ_TIMEOUT);
    }

    @Test
    void stalledClientsNeitherStallTheServerNorStayOpen() throws Exception {
        HttpJson http = start(FlowsweepServer.builder(storage), shortReadTimeouts());
        UUID flow = UUID.fromString(http.post("/flows", q("{'name': 'stalled'}")).json().get("id").asText());
        UUID doomed = UUID.fromString(http.post("/flow_runs", q("{'flow_id': '" + flow + "', 'tags': ['doomed']}"))
                .json().get("id").asText());
        assertEquals(200, http.get("/health").status(), "warmed up");

        long opening = System.nanoTime();
        for (int i = 0; i < STALLED; i++) {
            sockets.add(stall(server.uri(), "POST /flow_runs/bulk_delete HTTP/1.1\r\nHost: flowsweep\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"));
        }
        long opened = System.nanoTime();

        // A fresh client, so a new connection: the server must still accept one.
        HttpClient fresh = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        HttpResponse<String> health = send(fresh, HttpRequest.newBuilder(server.uri().resolve("/health")).GET());
        long healthMs = millisSince(t0);
        assertEquals(200, health.statusCode(), health::body);
        t0 = System.nanoTime();
        HttpResponse<String> delete = send(fresh, HttpRequest.newBuilder(server.uri().resolve("/flow_runs/bulk_delete"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(q("{'flow_runs': {'tags': {'all_': ['doomed']}}}"))));
        long deleteMs = millisSince(t0);
        assertEquals(200, delete.statusCode(), delete::body);
        assertEquals(doomed.toString(), HttpJson.parse(delete.body()).get("deleted").get(0).asText());

        // Every stalled connection is answered 408 and closed by the server, after the body read timeout.
        long deadline = opened + READ_TIMEOUT.plusSeconds(15).toNanos();
        long lastClosed = 0;
        for (Socket s : sockets) {
            String answer = readUntilClosed(s, deadline);
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(answer.contains("\"request_id\""), answer);
            lastClosed = System.nanoTime();
        }
        System.out.printf("[limits] %d stalled connections opened in %d ms; with them open GET /health answered in "
                        + "%d ms and a bulk delete in %d ms; all answered 408 and closed %d ms after the last opened "
                        + "(body read timeout %d ms)%n", STALLED, (opened - opening) / 1_000_000, healthMs, deleteMs,
                (lastClosed - opened) / 1_000_000, READ_TIMEOUT.toMillis());
        assertEquals(200, http.get("/health").status(), "still serving");
    }

    @Test
    void aHeadThatNeverEndsIsAnswered408AndClosedEvenWhenItTrickles() throws Exception {
        start(FlowsweepServer.builder(storage), shortReadTimeouts());
        Socket silent = stall(server.uri(), "GET /health HTTP/1.1\r\nHost: flow");
        Socket trickling = stall(server.uri(), "G");
        long opened = System.nanoTime();
        // A byte every 200 ms keeps Jetty's idle timeout (30 s) from ever firing; the head deadline still does.
        java.util.concurrent.ScheduledExecutorService pacer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        try {
            pacer.scheduleAtFixedRate(() -> {
                try {
                    trickling.getOutputStream().write('E');
                } catch (IOException closed) {
                    throw new IllegalStateException("closed", closed); // ends the schedule
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
            long deadline = opened + READ_TIMEOUT.plusSeconds(15).toNanos();
            for (Socket s : List.of(silent, trickling)) {
                String answer = readUntilClosed(s, deadline);
                assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
                assertTrue(answer.contains("Connection: close"), answer);
            }
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndOneAtTheLimitIsRead() throws Exception {
        HttpJson http = start(FlowsweepServer.builder(storage), HttpLimits.DEFAULTS.withMaxBodyBytes(1024));
        String fits = "{" + " ".repeat(1022) + "}";
        assertEquals(200, http.post("/flow_runs/filter", fits).status());

        Answer a = http.post("/flow_runs/filter", "{" + " ".repeat(1023) + "}");
        assertEquals(413, a.status(), a::toString);
        assertEquals("Request body is larger than 1 KiB", a.json().get("detail").asText());
        assertEquals(a.header("X-Request-Id"), a.json().get("request_id").asText());

        // A declared length far past the limit is refused without reading it, and the connection closed.
        Socket s = stall(server.uri(), "POST /flow_runs/filter HTTP/1.1\r\nHost: flowsweep\r\n"
                + "Content-Length: 1000000000\r\n\r\n{");
        String answer = readUntilClosed(s, System.nanoTime() + Duration.ofSeconds(30).toNanos());
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
    }

    @Test
    void beyondMaxRequestsIs503AtOnceAndHealthStillAnswers() throws Exception {
        GatedStorage gated = new GatedStorage(storage);
        HttpJson http = start(FlowsweepServer.builder(gated), HttpLimits.DEFAULTS.withMaxRequests(2));
        gated.pause();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        try {
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 2; i++) {
                held.add(client.sendAsync(HttpRequest.newBuilder(server.uri().resolve("/flow_runs/count"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Await.until(Duration.ofSeconds(30), "both requests are being worked on",
                    () -> server.activeRequests() == 2);

            long t0 = System.nanoTime();
            HttpResponse<String> busy = send(client, HttpRequest.newBuilder(server.uri().resolve("/flow_runs/count"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            long busyMs = millisSince(t0);
            assertEquals(503, busy.statusCode(), busy::body);
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
            JsonNode body = HttpJson.parse(busy.body());
            assertEquals("Server is busy, try again", body.get("detail").asText());
            assertEquals(busy.headers().firstValue("X-Request-Id").orElseThrow(), body.get("request_id").asText());
            t0 = System.nanoTime();
            HttpResponse<String> health = send(client, HttpRequest.newBuilder(server.uri().resolve("/health")).GET());
            long healthMs = millisSince(t0);
            assertEquals(200, health.statusCode());
            System.out.printf("[limits] at capacity (2 requests held): 503 in %d ms, GET /health 200 in %d ms%n",
                    busyMs, healthMs);
        } finally {
            gated.resume();
        }
        for (CompletableFuture<HttpResponse<String>> f : held) {
            HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r::body);
        }
        assertEquals("0", http.post("/flow_runs/count", "{}").text(), "capacity is back");
    }

    @Test
    void aSaneRequestIdIsEchoedAndAnyOtherReplaced() {
        HttpJson http = start(FlowsweepServer.builder(storage), HttpLimits.DEFAULTS);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> kept = send(client, HttpRequest.newBuilder(server.uri().resolve("/nothing"))
                .header("X-Request-Id", "lb-42.abc").GET());
        assertEquals("lb-42.abc", kept.headers().firstValue("X-Request-Id").orElse(null));
        assertEquals("lb-42.abc", HttpJson.parse(kept.body()).get("request_id").asText());
        HttpResponse<String> replaced = send(client, HttpRequest.newBuilder(server.uri().resolve("/nothing"))
                .header("X-Request-Id", "x".repeat(200)).GET());
        String id = replaced.headers().firstValue("X-Request-Id").orElseThrow();
        assertEquals(36, id.length(), id);
        assertEquals(UUID.fromString(id).toString(), id);
        Answer ok = http.get("/health");
        assertEquals("true", ok.text(), "a success body is unchanged");
        assertFalse(ok.header("X-Request-Id").isBlank());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Opens a connection, sends these bytes, and leaves it at that. */
    private static Socket stall(URI server, String sent) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
        s.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** What the server sends until it closes the connection; fails if it is still open at the deadline. */
    private static String readUntilClosed(Socket s, long deadlineNanos) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("still open at the deadline; received: " + got);
            }
            s.setSoTimeout((int) left);
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("still open at the deadline; received: " + got, e);
            } catch (IOException reset) {
                break; // closed by the server with a reset
            }
            if (n < 0) {
                break;
            }
            got.write(buffer, 0, n);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** Sends with the liveness deadline: a request the server does not answer within it fails the test. */
    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(LIVENESS).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("no answer within " + LIVENESS.toMillis() + " ms: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
