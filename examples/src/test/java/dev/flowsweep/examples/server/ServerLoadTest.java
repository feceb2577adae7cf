package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.jdbc.JdbcStorage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent clients on the server with its default limits, on H2 through a connection pool: 16 threads, each with
 * its own keep-alive connection, mixing creates and bulk deletes. No request may fail (every create 201, every bulk
 * delete 200: 16 clients are within the default {@code --max-requests}), and every run is either still there or was
 * reported deleted by exactly one bulk delete.
 */
class ServerLoadTest {
    private static final int CLIENTS = 16;
    private static final int REQUESTS_PER_CLIENT = Boolean.getBoolean("flowsweep.long") ? 500 : 40;

    @Test
    void concurrentClientsGetNoUnexpectedFailure() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:load-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(8);
        try (HikariDataSource pool = new HikariDataSource(config);
             JdbcStorage storage = new JdbcStorage(pool);
             FlowsweepServer server = FlowsweepServer.builder(storage).port(0).start()) {
            HttpJson setup = new HttpJson(server.uri());
            UUID flow = UUID.fromString(setup.post("/flows", q("{'name': 'load'}")).json().get("id").asText());

            Set<UUID> created = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<UUID> deleted = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    HttpJson http = new HttpJson(server.uri()); // its own HttpClient: its own connection
                    go.await();
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        if (i % 3 == 2) {
                            Answer a = http.post("/flow_runs/bulk_delete",
                                    q("{'flow_runs': {'tags': {'all_': ['load']}}, 'limit': 3}"));
                            if (a.status() != 200) {
                                failures.add("bulk delete: " + a);
                            } else {
                                a.json().get("deleted").forEach(n -> deleted.add(UUID.fromString(n.asText())));
                            }
                        } else {
                            Answer a = http.post("/flow_runs", q("{'flow_id': '" + flow + "', 'name': 'c" + client
                                    + "-" + i + "', 'tags': ['load']}"));
                            if (a.status() != 201) {
                                failures.add("create: " + a);
                            } else {
                                created.add(UUID.fromString(a.json().get("id").asText()));
                            }
                        }
                    }
                    return null;
                }));
            }
            long t0 = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            clients.shutdown();

            assertEquals(List.of(), new ArrayList<>(failures), "no request failed");
            Set<UUID> once = new HashSet<>(deleted);
            assertEquals(deleted.size(), once.size(), "no run reported deleted twice");
            assertTrue(created.containsAll(once), "only created runs were deleted");
            JsonNode left = setup.post("/flow_runs/count", "{}").json();
            assertEquals(created.size() - once.size(), left.asLong(), "every run is still there or was deleted once");
            int total = CLIENTS * REQUESTS_PER_CLIENT;
            System.out.printf("[load] %d clients x %d requests (%d creates, %d bulk deletes deleting %d runs) in %d ms,"
                            + " %.0f requests/s, 0 failures%n", CLIENTS, REQUESTS_PER_CLIENT, created.size(),
                    total - created.size(), once.size(), ms, total * 1000.0 / Math.max(1, ms));
        }
    }
}
