package dev.flowsweep.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.TransientRetries;
import dev.flowsweep.spi.FlowsweepCommitUnknownException;
import dev.flowsweep.spi.FlowsweepStatementTimeoutException;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.FlowsweepTransientException;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Database faults under load, on PostgreSQL and MariaDB: {@value #CLIENTS} threads run overlapping bulk deletes through
 * one {@link BulkDeleteService} (and its log purger) on a HikariCP pool, and create runs (with their logs and slots,
 * through {@link TransientRetries} as a host's writes would), while another thread kills the pool's sessions
 * at random ({@code pg_terminate_backend}, {@code KILL CONNECTION}). Every call's outcome is classified: success
 * (possibly after retries on a fresh connection), {@link FlowsweepCommitUnknownException},
 * {@link FlowsweepTransientException} (retries used up), {@link FlowsweepStatementTimeoutException}; any other failure
 * is unclassified and fails the test. At least 97 % of the calls succeed; afterwards every run is present or gone,
 * runs reported deleted by exactly one call, the limits' slots exactly those of the slot-holding runs still present,
 * and every log of a deleted run purged (awaited with a deadline), every other log kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KilledConnectionsLoadTest {
    private static final String PREFIX = "kl_";
    private static final int CLIENTS = 6;
    private static final int BASE_SLOTS = 1_000;
    private static final List<String> TAGS = List.of("a", "b", "c", "d", "e", "f");
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final int seconds = Reliability.setting("flowsweep.kills.seconds", 8, 60);
    private final int runs = Reliability.setting("flowsweep.kills.runs", 1_000, 5_000);
    private final long seed = Reliability.setting("flowsweep.kills.seed", 16L);
    private final Map<String, TestDatabase> databases = new LinkedHashMap<>();

    @BeforeAll
    void open() {
        for (TestDatabase db : Reliability.openDatabases()) {
            if (db.kind() == DatabaseKind.H2) {
                db.close(); // embedded: no server sessions to kill under a pool (FaultInjectionTest kills H2's)
            } else {
                databases.put(db.name(), db);
            }
        }
    }

    @AfterAll
    void close() {
        databases.values().forEach(TestDatabase::close);
    }

    List<String> databases() {
        return List.copyOf(databases.keySet());
    }

    /** What the calls saw. */
    private static final class Outcomes {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong succeeded = new AtomicLong();
        final AtomicLong unknown = new AtomicLong();
        final AtomicLong transientLeft = new AtomicLong();
        final AtomicLong timedOut = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong creates = new AtomicLong();
        final AtomicLong createsSucceeded = new AtomicLong();
        final AtomicLong createsUnknown = new AtomicLong();
        final AtomicLong createsFailed = new AtomicLong();
        /** Runs created, and created by commits in doubt (they may or may not exist). */
        final List<FlowRun> created = new CopyOnWriteArrayList<>();
        final Set<UUID> maybeCreated = ConcurrentHashMap.newKeySet();
        final List<Throwable> unclassified = new CopyOnWriteArrayList<>();
        final Map<UUID, AtomicInteger> reportedDeleted = new ConcurrentHashMap<>();
        final Map<UUID, AtomicInteger> released = new ConcurrentHashMap<>();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void overlappingBulkDeletesRideOutKilledConnections(String name) throws Exception {
        TestDatabase db = databases.get(name);
        Set<Long> sessions = ConcurrentHashMap.newKeySet();
        HikariConfig config = new HikariConfig();
        config.setDataSource(new RecordingDataSource(db, sessions));
        config.setMaximumPoolSize(CLIENTS + 2);
        config.setConnectionTimeout(10_000);
        config.setPoolName("flowsweep-kills-" + name);
        Random rnd = new Random(seed);
        try (JdbcStorage observer = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build();
             HikariDataSource pool = new HikariDataSource(config);
             JdbcStorage storage = JdbcStorage.builder(pool).tablePrefix(PREFIX).build()) {
            JdbcTestSupport.deleteAllRows(db, PREFIX);
            Seed data = new Seed(rnd, runs);
            data.insert(observer);

            Outcomes out = new Outcomes();
            TransientRetries creates = new TransientRetries(new RetryCounting(storage, out.retries),
                    TransientRetries.DEFAULT_MAX_RETRIES);
            LogPurger purger = LogPurger.builder(storage).pollInterval(Duration.ofMillis(100))
                    .backoff(List.of(Duration.ofMillis(50))).failedRetryInterval(Duration.ofMillis(200)).build();
            BulkDeleteService service = BulkDeleteService.builder(new RetryCounting(storage, out.retries))
                    .logPurger(purger).build();
            purger.start();
            AtomicInteger kills = new AtomicInteger();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    Random r = new Random(seed * 31 + c);
                    clients.add(threads.submit(() -> client(service, creates, data, r, end, out)));
                }
                Future<?> killer = threads.submit(() -> {
                    Random r = new Random(seed * 7);
                    while (System.nanoTime() < end) {
                        List<Long> live = new ArrayList<>(sessions);
                        if (!live.isEmpty()) {
                            long id = live.get(r.nextInt(live.size()));
                            sessions.remove(id);
                            Killers.kill(db, id);
                            kills.incrementAndGet();
                        }
                        // pacing between kills (100 to 300 ms, about 5 a second), not a synchronisation
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
            try {
                Await.until(DEADLINE, name + ": every purge done", () -> queued(observer) == 0);
            } finally {
                purger.close();
            }
            verify(name, observer, data, out, kills.get());
        }
    }

    private static void client(BulkDeleteService service, TransientRetries creates, Seed data, Random rnd, long end,
                               Outcomes out) {
        while (System.nanoTime() < end) {
            if (rnd.nextInt(10) < 4) {
                create(creates, data, rnd, out);
                continue;
            }
            BulkDeleteRequest request = BulkDeleteRequest.of(FlowRunFilter.builder()
                    .tagsAny(TAGS.get(rnd.nextInt(TAGS.size()))).build(), 1 + rnd.nextInt(10));
            out.calls.incrementAndGet();
            try {
                BulkDeleteResult result = service.bulkDelete(request);
                out.succeeded.incrementAndGet();
                for (UUID id : result.deleted()) {
                    out.reportedDeleted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                }
                result.releasedSlots().forEach((limit, n) ->
                        out.released.computeIfAbsent(limit, k -> new AtomicInteger()).addAndGet(n));
            } catch (FlowsweepCommitUnknownException e) {
                out.unknown.incrementAndGet();
            } catch (FlowsweepStatementTimeoutException e) {
                out.timedOut.incrementAndGet();
            } catch (FlowsweepTransientException e) {
                out.transientLeft.incrementAndGet();
            } catch (RuntimeException e) {
                out.unclassified.add(e);
            }
        }
    }

    /** Creates 4 runs with their logs, taking a slot for each slot-holding run, in one transaction. */
    private static void create(TransientRetries creates, Seed data, Random rnd, Outcomes out) {
        List<FlowRun> runs = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            data.newRun(rnd, runs, logs);
        }
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (FlowRun r : runs) {
            data.limits.stream().filter(l -> l.active() && l.id().equals(data.limitOf(r))
                    && r.stateType().holdsConcurrencySlot()).forEach(l -> slots.merge(l.name(), 1, Integer::sum));
        }
        out.creates.incrementAndGet();
        try {
            creates.inTransaction(tx -> {
                for (ConcurrencyLimit l : tx.concurrencyLimits().lockByNames(slots.keySet())) {
                    tx.concurrencyLimits().setActiveSlots(l.id(), l.activeSlots() + slots.get(l.name()));
                }
                runs.forEach(tx.flowRuns()::insert);
                tx.logs().insert(logs);
                return null;
            });
            out.createsSucceeded.incrementAndGet();
            out.created.addAll(runs);
        } catch (FlowsweepCommitUnknownException e) {
            out.createsUnknown.incrementAndGet();
            runs.forEach(r -> out.maybeCreated.add(r.id()));
            out.created.addAll(runs);
        } catch (FlowsweepTransientException | FlowsweepStatementTimeoutException e) {
            out.createsFailed.incrementAndGet();
        } catch (RuntimeException e) {
            out.unclassified.add(e);
        }
    }

    private void verify(String name, JdbcStorage s, Seed data, Outcomes out, int kills) {
        if (!out.unclassified.isEmpty()) {
            Throwable first = out.unclassified.get(0);
            fail(name + ": " + out.unclassified.size() + " unclassified failure(s), the first: " + first, first);
        }
        Set<UUID> present = new HashSet<>(s.inTransaction(tx -> tx.flowRuns().findIds(null, FlowRunSort.ID_DESC,
                Integer.MAX_VALUE)));
        out.reportedDeleted.forEach((id, n) -> {
            assertEquals(1, n.get(), name + ": run " + id + " reported deleted by exactly one call");
            assertTrue(!present.contains(id), name + ": run " + id + " reported deleted is gone");
        });
        List<FlowRun> all = new ArrayList<>(data.runs);
        all.addAll(out.created);
        Set<UUID> known = new HashSet<>();
        all.forEach(r -> known.add(r.id()));
        assertTrue(known.containsAll(present), name + ": no run exists that was not created");
        int goneUnreported = 0;
        for (FlowRun r : all) {
            if (!present.contains(r.id()) && !out.reportedDeleted.containsKey(r.id())
                    && !out.maybeCreated.contains(r.id())) {
                goneUnreported++;
            }
        }
        if (out.unknown.get() == 0) {
            assertEquals(0, goneUnreported, name + ": with no commit in doubt, every run gone was reported deleted");
        }
        assertTrue(goneUnreported <= out.unknown.get() * 10, name + ": only commits in doubt delete unreported runs");
        for (ConcurrencyLimit l : data.limits) {
            long holders = all.stream().filter(r -> present.contains(r.id()) && l.active()
                    && r.stateType().holdsConcurrencySlot() && l.id().equals(data.limitOf(r))).count();
            int slots = s.inTransaction(tx -> tx.concurrencyLimits().findById(l.id())).orElseThrow().activeSlots();
            assertEquals(l.active() ? BASE_SLOTS + holders : l.activeSlots(), slots,
                    name + ": active_slots of " + l.name() + " are exactly those of the slot-holding runs present");
        }
        long logsKept = 0;
        for (FlowRun r : all) {
            long logs = s.inTransaction(tx -> tx.logs().count(List.of(r.id())));
            assertEquals(present.contains(r.id()) ? Seed.LOGS_PER_RUN : 0, logs, name + ": logs of run " + r.id());
            logsKept += logs;
        }
        long calls = out.calls.get();
        double success = 100.0 * out.succeeded.get() / calls;
        double createSuccess = 100.0 * out.createsSucceeded.get() / out.creates.get();
        System.out.printf("[kills] %s, %d s, %d clients, HikariCP pool of %d: %d sessions killed; %d bulk delete calls:"
                        + " %d succeeded (%.1f %%), %d FlowsweepCommitUnknownException, %d FlowsweepTransientException"
                        + " (retries used up), %d FlowsweepStatementTimeoutException, 0 unclassified; %d transient"
                        + " failures met by the service (retried on a fresh connection while retries were left); %d runs deleted (%d by commits in doubt), %d present,"
                        + " %d logs kept, every log of a deleted run purged, slots exact; %d create calls (4 runs each):"
                        + " %d succeeded (%.1f %%), %d FlowsweepCommitUnknownException, %d failed as transient%n",
                name, seconds, CLIENTS, CLIENTS + 2, kills, calls, out.succeeded.get(), success, out.unknown.get(),
                out.transientLeft.get(), out.timedOut.get(), out.retries.get(), out.reportedDeleted.size()
                        + goneUnreported, goneUnreported, present.size(), logsKept, out.creates.get(),
                out.createsSucceeded.get(), createSuccess, out.createsUnknown.get(), out.createsFailed.get());
        assertTrue(kills >= 10, name + ": the killer killed sessions (" + kills + ")");
        assertTrue(success >= 97.0, name + ": at least 97 % of the bulk delete calls succeed, " + success);
        assertTrue(createSuccess >= 97.0, name + ": at least 97 % of the create calls succeed, " + createSuccess);
    }

    private static long queued(JdbcStorage s) {
        PurgeQueueStats st = s.inTransaction(tx -> tx.purgeQueue().stats());
        return st.pending() + st.failed();
    }

    /** The runs, spread over tags, states and deployments, each with its logs. */
    private static final class Seed {
        static final int LOGS_PER_RUN = 2;
        final Flow flow = new Flow(UUID.randomUUID(), "kills");
        final List<ConcurrencyLimit> limits = List.of(
                new ConcurrencyLimit(UUID.randomUUID(), "l1", 1_000_000, true, BASE_SLOTS),
                new ConcurrencyLimit(UUID.randomUUID(), "l2", 1_000_000, true, BASE_SLOTS),
                new ConcurrencyLimit(UUID.randomUUID(), "off", 1_000_000, false, 5));
        final List<Deployment> deployments = new ArrayList<>();
        final List<FlowRun> runs = new ArrayList<>();
        final List<Log> logs = new ArrayList<>();

        Seed(Random rnd, int n) {
            for (ConcurrencyLimit l : limits) {
                deployments.add(new Deployment(UUID.randomUUID(), "d-" + l.name(), flow.id(), l.id()));
            }
            deployments.add(new Deployment(UUID.randomUUID(), "d-none", flow.id(), null));
            for (int i = 0; i < n; i++) {
                newRun(rnd, runs, logs);
            }
        }

        void newRun(Random rnd, List<FlowRun> runs, List<Log> logs) {
            StateType state = StateType.values()[rnd.nextInt(StateType.values().length)];
            Deployment d = deployments.get(rnd.nextInt(deployments.size()));
            FlowRun r = FlowRun.builder(flow.id()).id(UUID.randomUUID()).name("k").state(state)
                    .tags(List.of(TAGS.get(rnd.nextInt(TAGS.size())), TAGS.get(rnd.nextInt(TAGS.size()))))
                    .deploymentId(d.id()).created(JdbcTestSupport.T0).updated(JdbcTestSupport.T0).build();
            runs.add(r);
            for (int k = 0; k < LOGS_PER_RUN; k++) {
                logs.add(new Log(UUID.randomUUID(), "app", 20, "m" + k, JdbcTestSupport.T0, r.id(), null));
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

    /** Counts the transient failures the service retries. */
    private record RetryCounting(JdbcStorage storage, AtomicLong retries) implements dev.flowsweep.spi.FlowsweepStorage {
        @Override
        public <T> T inTransaction(dev.flowsweep.spi.TransactionCallback<T> work) {
            try {
                return storage.inTransaction(work);
            } catch (FlowsweepStorageException e) {
                if (e.isTransient()) {
                    retries.incrementAndGet();
                }
                throw e;
            }
        }
    }

    /** Physical connections to the test database, each session's id recorded for the killer. */
    private record RecordingDataSource(TestDatabase db, Set<Long> sessions) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Connection c = DriverManager.getConnection(db.jdbcUrl());
            sessions.add(Killers.sessionId(db, c));
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
