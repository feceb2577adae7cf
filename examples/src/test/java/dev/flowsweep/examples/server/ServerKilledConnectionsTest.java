package dev.flowsweep.examples.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import javax.sql.DataSource;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Database faults through the example server, on PostgreSQL and MariaDB: the server runs on a HikariCP pool whose
 * sessions another thread kills at random ({@code pg_terminate_backend}, {@code KILL CONNECTION}; one every 100 to
 * 300 ms) while {@value #CLIENTS} HTTP clients run overlapping bulk deletes (by tag, and by id of the runs they made)
 * and create runs with their logs. Every answer is 2xx or 503 with {@code Retry-After} (never 500, never a broken
 * connection), at least 97 % are 2xx; afterwards no run was reported deleted twice, every limit's active slots are
 * exactly those of the slot-holding runs still present, and every log of a deleted run is purged (awaited with a
 * deadline), every log of a seeded run still present kept.
 */
class ServerKilledConnectionsTest {
    private static final int CLIENTS = 6;
    private static final int SEEDED_RUNS = 4_000;
    private static final int LOGS_PER_RUN = 2;
    private static final int BASE_SLOTS = 1_000;
    private static final List<String> TAGS = List.of("a", "b", "c", "d", "e", "f");
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private final int seconds = Integer.getInteger("flowsweep.kills.seconds", Boolean.getBoolean("flowsweep.long") ? 60 : 8);
    private final long seed = Long.getLong("flowsweep.kills.seed", 16L);

    /** What the clients saw. */
    private static final class Outcomes {
        final AtomicLong calls = new AtomicLong();
        final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
        /** The 503s by what they said: commit in doubt, storage busy, statement timeout. */
        final Map<String, AtomicLong> unavailable = new ConcurrentHashMap<>();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        final Map<UUID, AtomicInteger> reportedDeleted = new ConcurrentHashMap<>();
        final Set<UUID> created = ConcurrentHashMap.newKeySet();

        void count(Answer a, String what) {
            calls.incrementAndGet();
            byStatus.computeIfAbsent(a.status(), k -> new AtomicLong()).incrementAndGet();
            if (a.status() >= 300 && (a.status() != 503 || a.header("Retry-After") == null)) {
                unexpected.add(what + ": " + a);
            }
            if (a.status() == 503) {
                String detail = a.json() == null ? "" : a.json().path("detail").asText();
                String kind = detail.equals(ErrorMapper.COMMIT_UNKNOWN) ? "commit in doubt"
                        : detail.equals(ErrorMapper.STORAGE_BUSY) ? "storage busy"
                        : detail.equals(ErrorMapper.STATEMENT_TIMEOUT) ? "statement timeout" : detail;
                unavailable.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            }
        }

        long ok() {
            return byStatus.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(e -> e.getValue().get()).sum();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void overlappingBulkDeletesThroughTheServerRideOutKilledConnections(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            run(db);
        }
    }

    private void run(TestDatabase db) throws Exception {
        String name = db.name();
        Set<Long> sessions = ConcurrentHashMap.newKeySet();
        HikariConfig config = new HikariConfig();
        config.setDataSource(new RecordingDataSource(db, sessions));
        config.setMaximumPoolSize(CLIENTS + 2);
        config.setConnectionTimeout(10_000);
        config.setPoolName("flowsweep-server-kills-" + name);
        Random rnd = new Random(seed);
        try (JdbcStorage observer = JdbcStorage.builder(db.dataSource()).build();
             HikariDataSource pool = new HikariDataSource(config);
             JdbcStorage storage = JdbcStorage.builder(pool).build()) {
            Seed data = new Seed(rnd);
            data.insert(observer);
            LogPurger purger = LogPurger.builder(storage).pollInterval(Duration.ofMillis(100))
                    .backoff(List.of(Duration.ofMillis(50))).failedRetryInterval(Duration.ofMillis(200)).build();
            Outcomes out = new Outcomes();
            AtomicInteger kills = new AtomicInteger();
            try (FlowsweepServer server = FlowsweepServer.builder(storage).port(0).logPurger(purger).start()) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
                try {
                    List<Future<?>> clients = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        Random r = new Random(seed * 31 + c);
                        HttpJson http = new HttpJson(server.uri()); // its own HttpClient: its own connection
                        clients.add(threads.submit(() -> client(http, data.flow.id(), r, end, out)));
                    }
                    Future<?> killer = threads.submit(() -> {
                        Random r = new Random(seed * 7);
                        while (System.nanoTime() < end) {
                            List<Long> live = new ArrayList<>(sessions);
                            if (!live.isEmpty()) {
                                long id = live.get(r.nextInt(live.size()));
                                sessions.remove(id);
                                kill(db, id);
                                kills.incrementAndGet();
                            }
                            // pacing between kills (100 to 300 ms), not a synchronisation
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100 + r.nextInt(200)));
                        }
                        return null;
                    });
                    for (Future<?> f : clients) {
                        f.get(seconds + 300L, TimeUnit.SECONDS);
                    }
                    killer.get(300, TimeUnit.SECONDS);
                } finally {
                    threads.shutdownNow();
                }
                Await.until(DEADLINE, name + ": every purge done", () -> queued(observer) == 0);
            }
            verify(name, observer, data, out, kills.get());
        }
    }

    /**
     * Loops until {@code end}: 3 in 10 times creates 3 runs (tag {@code made}, no deployment: they hold no slot) with
     * their logs, then deletes them by id; otherwise a bulk delete by one of the seeded tags, limit 1 to 10.
     */
    private static void client(HttpJson http, UUID flow, Random rnd, long end, Outcomes out) {
        while (System.nanoTime() < end) {
            if (rnd.nextInt(10) < 3) {
                List<UUID> made = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    UUID id = UUID.randomUUID();
                    Answer a = http.post("/flow_runs", q("{'id': '" + id + "', 'flow_id': '" + flow
                            + "', 'tags': ['made'], 'state': {'type': 'COMPLETED'}}"));
                    out.count(a, "create run");
                    out.created.add(id); // even a 503 may have created it (a commit in doubt)
                    if (a.status() == 201) {
                        made.add(id);
                    }
                }
                StringBuilder logs = new StringBuilder("[");
                for (UUID id : made) {
                    for (int k = 0; k < LOGS_PER_RUN; k++) {
                        logs.append(logs.length() == 1 ? "" : ",").append(q("{'name': 'app', 'level': 20, "
                                + "'message': 'line " + k + "', 'timestamp': '" + T0 + "', 'flow_run_id': '" + id + "'}"));
                    }
                }
                if (!made.isEmpty()) {
                    out.count(http.post("/logs", logs.append(']').toString()), "create logs");
                    StringBuilder ids = new StringBuilder();
                    made.forEach(id -> ids.append(ids.length() == 0 ? "'" : ", '").append(id).append('\''));
                    bulkDelete(http, "{'flow_runs': {'id': {'any_': [" + ids + "]}}}", out);
                }
                continue;
            }
            bulkDelete(http, "{'flow_runs': {'tags': {'any_': ['" + TAGS.get(rnd.nextInt(TAGS.size())) + "']}}, "
                    + "'limit': " + (1 + rnd.nextInt(10)) + "}", out);
        }
    }

    private static void bulkDelete(HttpJson http, String body, Outcomes out) {
        Answer a = http.post("/flow_runs/bulk_delete", q(body));
        out.count(a, "bulk delete " + body);
        if (a.status() == 200) {
            a.json().get("deleted").forEach(n ->
                    out.reportedDeleted.computeIfAbsent(UUID.fromString(n.asText()), k -> new AtomicInteger())
                            .incrementAndGet());
        }
    }

    private void verify(String name, JdbcStorage s, Seed data, Outcomes out, int kills) {
        Set<UUID> present = new HashSet<>(s.inTransaction(tx -> tx.flowRuns().findIds(null, FlowRunSort.ID_DESC,
                Integer.MAX_VALUE)));
        long calls = out.calls.get();
        double ok = 100.0 * out.ok() / calls;
        Map<Integer, Long> byStatus = new TreeMap<>();
        out.byStatus.forEach((k, v) -> byStatus.put(k, v.get()));
        Map<String, Long> unavailable = new TreeMap<>();
        out.unavailable.forEach((k, v) -> unavailable.put(k, v.get()));
        long deleted = SEEDED_RUNS - data.runs.stream().filter(r -> present.contains(r.id())).count();
        System.out.printf("[server-kills] %s, %d s, %d HTTP clients, HikariCP pool of %d: %d sessions killed; %d calls"
                        + " (%.1f %% 2xx), by status %s, the 503s %s; %d seeded runs deleted, %d made and deleted; slots exact,"
                        + " every log of a deleted run purged%n", name, seconds, CLIENTS, CLIENTS + 2, kills, calls, ok,
                byStatus, unavailable, deleted, out.created.stream().filter(id -> !present.contains(id)).count());

        assertEquals(List.of(), out.unexpected, name + ": every answer is 2xx or 503 with Retry-After");
        assertFalse(byStatus.containsKey(500), name + ": no 500");
        assertTrue(kills >= 10, name + ": the killer killed sessions (" + kills + ")");
        assertTrue(ok >= 97.0, name + ": at least 97 % of the calls are 2xx, " + ok);
        out.reportedDeleted.forEach((id, n) -> {
            assertEquals(1, n.get(), name + ": run " + id + " reported deleted by exactly one call");
            assertFalse(present.contains(id), name + ": run " + id + " reported deleted is gone");
        });
        Set<UUID> known = new HashSet<>(out.created);
        data.runs.forEach(r -> known.add(r.id()));
        assertTrue(known.containsAll(present), name + ": no run exists that was not created");
        for (ConcurrencyLimit l : data.limits) {
            long holders = data.runs.stream().filter(r -> present.contains(r.id())
                    && r.stateType().holdsConcurrencySlot() && l.id().equals(data.limitOf(r))).count();
            int slots = s.inTransaction(tx -> tx.concurrencyLimits().findById(l.id())).orElseThrow().activeSlots();
            assertEquals(l.active() ? BASE_SLOTS + holders : l.activeSlots(), slots,
                    name + ": active_slots of " + l.name() + " are exactly those of the slot-holding runs present");
        }
        List<UUID> gone = new ArrayList<>();
        known.stream().filter(id -> !present.contains(id)).forEach(gone::add);
        for (int from = 0; from < gone.size(); from += 500) {
            List<UUID> part = gone.subList(from, Math.min(gone.size(), from + 500));
            long left = s.inTransaction(tx -> tx.logs().count(part));
            assertEquals(0, left, name + ": every log of a deleted run purged");
        }
        List<UUID> seededLeft = data.runs.stream().map(FlowRun::id).filter(present::contains).toList();
        for (int from = 0; from < seededLeft.size(); from += 500) {
            List<UUID> part = seededLeft.subList(from, Math.min(seededLeft.size(), from + 500));
            long kept = s.inTransaction(tx -> tx.logs().count(part));
            assertEquals((long) LOGS_PER_RUN * part.size(), kept, name + ": every log of a seeded run present kept");
        }
    }

    private static long queued(JdbcStorage s) {
        PurgeQueueStats st = s.inTransaction(tx -> tx.purgeQueue().stats());
        return st.pending() + st.failed();
    }

    /** Kills session {@code id} from an admin connection (the test database's own pool) and waits until it is gone. */
    private static void kill(TestDatabase db, long id) throws InterruptedException {
        if (db.kind() == DatabaseKind.POSTGRESQL) {
            db.queryLong("SELECT COUNT(*) FROM (SELECT pg_terminate_backend(" + id + ")) t");
            Await.until(Duration.ofSeconds(30), "PostgreSQL backend " + id + " is gone",
                    () -> db.queryLong("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = " + id) == 0);
        } else {
            try {
                db.execute("KILL CONNECTION " + id);
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("Unknown thread id")) {
                    throw e;
                }
            }
            Await.until(Duration.ofSeconds(30), "MariaDB connection " + id + " is gone", () -> db.queryLong(
                    "SELECT COUNT(*) FROM information_schema.processlist WHERE id = " + id) == 0);
        }
    }

    /** Seeded runs over tags, states and deployments (two with an active limit, one inactive, one none), with logs. */
    private static final class Seed {
        final Flow flow = new Flow(UUID.randomUUID(), "server-kills");
        final List<ConcurrencyLimit> limits = List.of(
                new ConcurrencyLimit(UUID.randomUUID(), "l1", 1_000_000, true, BASE_SLOTS),
                new ConcurrencyLimit(UUID.randomUUID(), "l2", 1_000_000, true, BASE_SLOTS),
                new ConcurrencyLimit(UUID.randomUUID(), "off", 1_000_000, false, 5));
        final List<Deployment> deployments = new ArrayList<>();
        final List<FlowRun> runs = new ArrayList<>();
        final List<Log> logs = new ArrayList<>();

        Seed(Random rnd) {
            for (ConcurrencyLimit l : limits) {
                deployments.add(new Deployment(UUID.randomUUID(), "d-" + l.name(), flow.id(), l.id()));
            }
            deployments.add(new Deployment(UUID.randomUUID(), "d-none", flow.id(), null));
            for (int i = 0; i < SEEDED_RUNS; i++) {
                StateType state = StateType.values()[rnd.nextInt(StateType.values().length)];
                Deployment d = deployments.get(rnd.nextInt(deployments.size()));
                FlowRun r = FlowRun.builder(flow.id()).id(UUID.randomUUID()).name("k").state(state)
                        .tags(List.of(TAGS.get(rnd.nextInt(TAGS.size())), TAGS.get(rnd.nextInt(TAGS.size()))))
                        .deploymentId(d.id()).created(T0).updated(T0).build();
                runs.add(r);
                for (int k = 0; k < LOGS_PER_RUN; k++) {
                    logs.add(new Log(UUID.randomUUID(), "app", 20, "m" + k, T0, r.id(), null));
                }
            }
        }

        UUID limitOf(FlowRun r) {
            return deployments.stream().filter(d -> d.id().equals(r.deploymentId())).findFirst()
                    .map(Deployment::concurrencyLimitId).orElse(null);
        }

        void insert(JdbcStorage s) {
            Map<UUID, Integer> holders = new LinkedHashMap<>();
            for (FlowRun r : runs) {
                UUID limit = limitOf(r);
                if (limit != null && r.stateType().holdsConcurrencySlot()) {
                    holders.merge(limit, 1, Integer::sum);
                }
            }
            s.inTransaction(tx -> {
                tx.flows().insert(flow);
                for (ConcurrencyLimit l : limits) {
                    tx.concurrencyLimits().insert(l.active() ? new ConcurrencyLimit(l.id(), l.name(), l.limit(), true,
                            BASE_SLOTS + holders.getOrDefault(l.id(), 0)) : l);
                }
                deployments.forEach(tx.deployments()::insert);
                return null;
            });
            for (int from = 0; from < runs.size(); from += 500) {
                List<FlowRun> part = runs.subList(from, Math.min(runs.size(), from + 500));
                List<Log> partLogs = logs.subList(from * LOGS_PER_RUN, (from + part.size()) * LOGS_PER_RUN);
                s.inTransaction(tx -> {
                    part.forEach(tx.flowRuns()::insert);
                    tx.logs().insert(partLogs);
                    return null;
                });
            }
        }
    }

    /** Physical connections to the test database, each session's id recorded for the killer. */
    private record RecordingDataSource(TestDatabase db, Set<Long> sessions) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Connection c = DriverManager.getConnection(db.jdbcUrl());
            String sql = db.kind() == DatabaseKind.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                sessions.add(rs.getLong(1));
            }
            return c;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
