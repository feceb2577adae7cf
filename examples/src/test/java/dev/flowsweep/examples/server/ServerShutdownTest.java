package dev.flowsweep.examples.server;

import dev.flowsweep.testkit.Await;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's stop, in a child JVM on PostgreSQL, with a bulk delete held in flight by a table lock the test
 * takes: on SIGTERM the request in flight still finishes (200) before the process exits; a second SIGTERM while it
 * waits ends the process at once. (Signals go through {@link ProcessHandle#destroy()}: {@link Process#destroy()} also
 * closes the child's output, which the test reads.)
 */
class ServerShutdownTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final List<ServerProcess> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (ServerProcess p : children) {
            p.close();
        }
    }

    @Test
    void aRequestInFlightFinishesBeforeTheProcessStops() throws Exception {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.POSTGRESQL)) {
            ServerProcess server = start(db);
            URI uri = server.uri(DEADLINE);
            CompletableFuture<HttpResponse<String>> held;
            try (Connection lock = db.dataSource().getConnection()) {
                held = holdABulkDelete(db, lock, uri);
                server.process.toHandle().destroy(); // SIGTERM
                Await.until(DEADLINE, "the server stops accepting", () -> !accepts(uri));
                assertTrue(server.process.isAlive(), "still waiting for the request in flight");
                lock.rollback(); // the bulk delete goes on
            }
            HttpResponse<String> answer = held.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer::body);
            assertEquals(128 + 15, server.awaitExit(DEADLINE), () -> String.join("\n", server.output));
        }
    }

    @Test
    void aSecondSignalStopsAtOnce() throws Exception {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.POSTGRESQL)) {
            ServerProcess server = start(db);
            URI uri = server.uri(DEADLINE);
            try (Connection lock = db.dataSource().getConnection()) {
                holdABulkDelete(db, lock, uri);
                server.process.toHandle().destroy(); // SIGTERM: waits for the bulk delete, held by the lock
                Await.until(DEADLINE, "the server stops accepting", () -> !accepts(uri));
                server.process.toHandle().destroy(); // the second SIGTERM, with the lock still held
                assertEquals(128 + 15, server.awaitExit(DEADLINE), () -> String.join("\n", server.output));
                assertTrue(server.output.stream().anyMatch(l -> l.startsWith("Second SIGTERM: stopping now")),
                        () -> String.join("\n", server.output));
                lock.rollback();
            }
        }
    }

    private ServerProcess start(TestDatabase db) throws Exception {
        ServerProcess p = ServerProcess.start(List.of("--port", "0", "--jdbc-url", db.jdbcUrl(),
                "--shutdown-timeout", "60s"), Map.of());
        children.add(p);
        p.awaitReady(DEADLINE);
        return p;
    }

    /**
     * Locks the runs' table in a transaction of {@code lock}, sends a bulk delete, and waits until it waits for the
     * lock (PostgreSQL shows a lock not granted).
     */
    private static CompletableFuture<HttpResponse<String>> holdABulkDelete(TestDatabase db, Connection lock, URI uri)
            throws Exception {
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
            s.execute("LOCK TABLE flowsweep_flow_run IN ACCESS EXCLUSIVE MODE");
        }
        CompletableFuture<HttpResponse<String>> held = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(uri.resolve("/flow_runs/bulk_delete")).timeout(DEADLINE)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        Await.until(DEADLINE, "the bulk delete waits for the lock",
                () -> db.queryLong("SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND relation = 'flowsweep_flow_run'::regclass") > 0);
        return held;
    }

    /** Whether a new connection to the server is accepted. */
    private static boolean accepts(URI uri) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
