package dev.flowsweep.jdbc;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.filter.Operator;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeleteByIdResult;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.PurgeQueueStats;
import dev.flowsweep.spi.TransactionCallback;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Concurrency and load: 8 clients on two {@link JdbcStorage} instances (each with its service and its log purger)
 * sharing one database, for {@code flowsweep.load.seconds} (12 s in {@code mvn verify}, 60 s under {@code -Plong}),
 * mixing inserts (which take concurrency slots as Prefect's increment does), filters and counts, bulk deletes with
 * overlapping filters and limits, and single deletes. Afterwards:
 * <ul>
 *   <li>no client saw an error: transient failures (deadlocks, lock timeouts) were retried, none was left over;</li>
 *   <li>every inserted run is either present or was reported deleted by exactly one call, and nothing else exists;</li>
 *   <li>every limit's {@code active_slots} is what the model says: its starting slots plus the slot-holding runs
 *       still present (an inactive limit never moves), and the slots the calls reported released add up;</li>
 *   <li>the logs of every deleted run are purged, every other log is kept, the purge queue is empty.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentLoadTest {
    private static final String PREFIX = "ld_";
    private static final int CLIENTS = 8;
    private static final int BASE_SLOTS = 1_000;
    private static final List<String> TAGS = List.of("a", "b", "c", "d", "e");

    private final int seconds = Reliability.setting("flowsweep.load.seconds", 12, 60);
    private final long seed = Reliability.setting("flowsweep.load.seed", 42L);
    private final Map<String, TestDatabase> databases = new LinkedHashMap<>();

    @BeforeAll
    void open() {
        for (TestDatabase db : Reliability.openDatabases()) {
            databases.put(db.name(), db);
        }
    }

    @AfterAll
    void close() {
        databases.values().forEach(TestDatabase::close);
    }

    List<String> databases() {
        return List.copyOf(databases.keySet());
    }

    /** One of the two instances: a storage with its own service and purger. */
    private record Instance(JdbcStorage storage, BulkDeleteService service, LogPurger purger) {
    }

    /** What the clients did, as they saw it. */
    private static final class Ledger {
        final Map<UUID, FlowRun> inserted = new ConcurrentHashMap<>();
        final List<UUID> insertedIds = new CopyOnWriteArrayList<>();
        final Map<UUID, Integer> logsInserted = new ConcurrentHashMap<>();
        final Map<UUID, AtomicInteger> reportedDeleted = new ConcurrentHashMap<>();
        final Map<UUID, AtomicInteger> releasedPerLimit = new ConcurrentHashMap<>();
        /** The runs reported by bulk deletes (whose results say which slots they released; deleteById's do not). */
        final Set<UUID> bulkDeleted = ConcurrentHashMap.newKeySet();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final AtomicLong inserts = new AtomicLong();
        final AtomicLong bulkDeletes = new AtomicLong();
        final AtomicLong singleDeletes = new AtomicLong();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong clientRetries = new AtomicLong();

        void deleted(UUID id) {
            reportedDeleted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eightClientsOnTwoInstancesLoseNothingAndCountNothingTwice(String name) throws Exception {
        TestDatabase db = databases.get(name);
        JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build().close();
        JdbcTestSupport.deleteAllRows(db, PREFIX);
        Flow flow = new Flow(UUID.randomUUID(), "load");
        ConcurrencyLimit l1 = new ConcurrencyLimit(UUID.randomUUID(), "l1", 1_000_000, true, BASE_SLOTS);
        ConcurrencyLimit l2 = new ConcurrencyLimit(UUID.randomUUID(), "l2", 1_000_000, true, BASE_SLOTS);
        ConcurrencyLimit off = new ConcurrencyLimit(UUID.randomUUID(), "off", 1_000_000, false, 5);
        List<ConcurrencyLimit> limits = List.of(l1, l2, off);
        List<Deployment> deployments = List.of(new Deployment(UUID.randomUUID(), "d1", flow.id(), l1.id()),
                new Deployment(UUID.randomUUID(), "d2", flow.id(), l2.id()),
                new Deployment(UUID.randomUUID(), "d3", flow.id(), off.id()),
                new Deployment(UUID.randomUUID(), "d4", flow.id(), null));
        Map<UUID, ConcurrencyLimit> limitOf = new HashMap<>();
        for (Deployment d : deployments) {
            limits.stream().filter(l -> l.id().equals(d.concurrencyLimitId())).forEach(l -> limitOf.put(d.id(), l));
        }

        List<Instance> instances = new ArrayList<>();
        AtomicLong serviceRetries = new AtomicLong();
        for (int i = 0; i < 2; i++) {
            JdbcStorage s = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build();
            LogPurger purger = LogPurger.builder(s).pollInterval(Duration.ofMillis(100)).runsPerBatch(20).build();
            FlowsweepStorage counting = new FlowsweepStorage() { // counts the transient failures the service retries
                @Override
                public <T> T inTransaction(TransactionCallback<T> work) {
                    try {
                        return s.inTransaction(work);
                    } catch (FlowsweepStorageException e) {
                        if (e.isTransient()) {
                            serviceRetries.incrementAndGet();
                        }
                        throw e;
                    }
                }
            };
            instances.add(new Instance(s, BulkDeleteService.builder(counting).logPurger(purger).build(), purger.start()));
        }
        instances.get(0).storage().inTransaction(tx -> {
            tx.flows().insert(flow);
            limits.forEach(tx.concurrencyLimits()::insert);
            deployments.forEach(tx.deployments()::insert);
            return null;
        });

        Ledger ledger = new Ledger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Instance instance = instances.get(c % 2);
                Random rnd = new Random(seed * 100 + c);
                clients.add(pool.submit(() -> client(instance, rnd, end, ledger, flow, deployments, limitOf)));
            }
            for (Future<?> f : clients) {
                f.get(seconds + 300L, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Instance i : instances) {
            assertTrue(i.purger().awaitIdle(Duration.ofSeconds(120)), "the purge finishes");
        }
        instances.forEach(i -> i.purger().close());

        try (JdbcStorage s = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build()) {
            verify(name, s, ledger, limits, limitOf, serviceRetries.get());
        } finally {
            instances.forEach(i -> i.storage().close());
        }
    }

    private void client(Instance in, Random rnd, long end, Ledger ledger, Flow flow, List<Deployment> deployments,
                        Map<UUID, ConcurrencyLimit> limitOf) {
        while (System.nanoTime() < end && ledger.errors.isEmpty()) {
            try {
                int op = rnd.nextInt(100);
                if (op < 35) {
                    insert(in, rnd, ledger, flow, deployments, limitOf);
                } else if (op < 60) {
                    BulkDeleteResult r = in.service().bulkDelete(BulkDeleteRequest.of(filter(rnd), 1 + rnd.nextInt(40)));
                    r.deleted().forEach(ledger::deleted);
                    ledger.bulkDeleted.addAll(r.deleted());
                    r.releasedSlots().forEach((id, n) ->
                            ledger.releasedPerLimit.computeIfAbsent(id, k -> new AtomicInteger()).addAndGet(n));
                    ledger.bulkDeletes.incrementAndGet();
                } else if (op < 75) {
                    List<UUID> ids = ledger.insertedIds;
                    if (!ids.isEmpty()) {
                        UUID id = ids.get(rnd.nextInt(ids.size()));
                        if (in.service().deleteById(id) == DeleteByIdResult.DELETED) {
                            ledger.deleted(id);
                        }
                        ledger.singleDeletes.incrementAndGet();
                    }
                } else {
                    Criterion criterion = filter(rnd).toCriterion().orElse(null);
                    FlowRunSort sort = FlowRunSort.values()[rnd.nextInt(FlowRunSort.values().length)];
                    in.storage().inTransaction(tx -> {
                        tx.flowRuns().find(criterion, sort, 50, 0);
                        return tx.flowRuns().count(criterion);
                    });
                    ledger.reads.incrementAndGet();
                }
            } catch (RuntimeException | Error e) {
                ledger.errors.add(e);
            }
        }
    }

    /** Overlapping filters: tags, states, deployments, names, combined with and_/or_. */
    private static FlowRunFilter filter(Random rnd) {
        FlowRunFilter.Builder b = FlowRunFilter.builder();
        switch (rnd.nextInt(6)) {
            case 0 -> b.tagsAny(TAGS.get(rnd.nextInt(TAGS.size())));
            case 1 -> b.tagsAll(TAGS.get(rnd.nextInt(TAGS.size())), TAGS.get(rnd.nextInt(TAGS.size())));
            case 2 -> b.stateTypeAny(StateType.values()[rnd.nextInt(StateType.values().length)],
                    StateType.values()[rnd.nextInt(StateType.values().length)]);
            case 3 -> b.nameLike("r" + rnd.nextInt(10));
            case 4 -> b.tagsAny(TAGS.get(rnd.nextInt(TAGS.size()))).stateTypeAny(StateType.RUNNING, StateType.PENDING);
            default -> b.operator(Operator.OR).tagsAny(TAGS.get(rnd.nextInt(TAGS.size())))
                    .nameLike("r" + rnd.nextInt(10));
        }
        return b.build();
    }

    /** Inserts 1-5 runs in one transaction, taking a slot for each slot-holding run, as Prefect's increment does. */
    private static void insert(Instance in, Random rnd, Ledger ledger, Flow flow, List<Deployment> deployments,
                               Map<UUID, ConcurrencyLimit> limitOf) {
        List<FlowRun> runs = new ArrayList<>();
        List<TaskRun> tasks = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        Map<String, Integer> slots = new HashMap<>();
        int n = 1 + rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            StateType state = StateType.values()[rnd.nextInt(StateType.values().length)];
            Deployment d = rnd.nextInt(5) == 0 ? null : deployments.get(rnd.nextInt(deployments.size()));
            List<String> tags = new ArrayList<>();
            for (String t : TAGS) {
                if (rnd.nextInt(3) == 0) {
                    tags.add(t);
                }
            }
            FlowRun run = FlowRun.builder(flow.id()).name("r" + rnd.nextInt(100)).state(state).tags(tags)
                    .deploymentId(d == null ? null : d.id()).build();
            runs.add(run);
            ConcurrencyLimit limit = d == null ? null : limitOf.get(d.id());
            if (state.holdsConcurrencySlot() && limit != null && limit.active()) {
                slots.merge(limit.name(), 1, Integer::sum);
            }
            if (rnd.nextBoolean()) {
                tasks.add(new TaskRun(UUID.randomUUID(), run.id(), "t", "0", "t", StateType.COMPLETED, "Completed"));
            }
            for (int k = rnd.nextInt(4); k > 0; k--) {
                logs.add(new Log(UUID.randomUUID(), "app", 20, "m", run.created(), run.id(), null));
            }
        }
        retryTransient(ledger, () -> in.storage().inTransaction(tx -> {
            for (ConcurrencyLimit l : tx.concurrencyLimits().lockByNames(slots.keySet())) {
                tx.concurrencyLimits().setActiveSlots(l.id(), l.activeSlots() + slots.get(l.name()));
            }
            runs.forEach(tx.flowRuns()::insert);
            tasks.forEach(tx.taskRuns()::insert);
            tx.logs().insert(logs);
            return null;
        }));
        for (FlowRun r : runs) {
            ledger.inserted.put(r.id(), r);
            ledger.insertedIds.add(r.id());
        }
        for (Log l : logs) {
            ledger.logsInserted.merge(l.flowRunId(), 1, Integer::sum);
        }
        ledger.inserts.incrementAndGet();
    }

    /** The clients' own transactions retry deadlocks and lock timeouts as the service does. */
    private static <T> T retryTransient(Ledger ledger, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (FlowsweepStorageException e) {
                if (!e.isTransient() || attempt > BulkDeleteService.DEFAULT_MAX_TRANSIENT_RETRIES) {
                    throw e;
                }
                if (ledger.clientRetries.incrementAndGet() <= 3) {
                    System.out.println("[load] retrying a client transaction after: " + e.getMessage());
                }
            }
        }
    }

    private void verify(String name, JdbcStorage s, Ledger ledger, List<ConcurrencyLimit> limits,
                        Map<UUID, ConcurrencyLimit> limitOf, long serviceRetries) {
        if (!ledger.errors.isEmpty()) {
            AssertionError e = new AssertionError(name + ": " + ledger.errors.size() + " client error(s), the first: "
                    + ledger.errors.get(0), ledger.errors.get(0));
            fail(e);
        }
        Set<UUID> present = new HashSet<>(s.inTransaction(tx -> tx.flowRuns().findIds(null, FlowRunSort.ID_DESC,
                Integer.MAX_VALUE)));
        Set<UUID> deleted = new HashSet<>();
        ledger.reportedDeleted.forEach((id, n) -> {
            assertEquals(1, n.get(), name + ": run " + id + " reported deleted by exactly one call");
            deleted.add(id);
        });
        for (UUID id : ledger.inserted.keySet()) {
            assertTrue(present.contains(id) ^ deleted.contains(id),
                    name + ": run " + id + " is present (" + present.contains(id) + ") xor reported deleted ("
                            + deleted.contains(id) + ")");
        }
        assertEquals(ledger.inserted.keySet(), union(present, deleted), name + ": nothing else exists or was deleted");

        Map<UUID, Integer> holdersPresent = new HashMap<>();
        Map<UUID, Integer> holdersBulkDeleted = new HashMap<>();
        for (FlowRun r : ledger.inserted.values()) {
            ConcurrencyLimit l = r.deploymentId() == null ? null : limitOf.get(r.deploymentId());
            if (l != null && l.active() && r.stateType().holdsConcurrencySlot()) {
                if (present.contains(r.id())) {
                    holdersPresent.merge(l.id(), 1, Integer::sum);
                } else if (ledger.bulkDeleted.contains(r.id())) {
                    holdersBulkDeleted.merge(l.id(), 1, Integer::sum);
                }
            }
        }
        for (ConcurrencyLimit l : limits) {
            int slots = s.inTransaction(tx -> tx.concurrencyLimits().findById(l.id())).orElseThrow().activeSlots();
            int expected = l.active() ? BASE_SLOTS + holdersPresent.getOrDefault(l.id(), 0) : l.activeSlots();
            assertEquals(expected, slots, name + ": active_slots of " + l.name());
            AtomicInteger released = ledger.releasedPerLimit.get(l.id());
            assertEquals(holdersBulkDeleted.getOrDefault(l.id(), 0), released == null ? 0 : released.get(),
                    name + ": the slots the bulk deletes reported released on " + l.name());
        }

        List<UUID> all = new ArrayList<>(ledger.inserted.keySet());
        assertEquals(0, s.inTransaction(tx -> tx.taskRuns().findByFlowRunIds(deleted)).size(),
                name + ": no task run of a deleted run is left");
        long logsKept = 0;
        for (UUID id : all) {
            long logs = s.inTransaction(tx -> tx.logs().count(List.of(id)));
            long expected = deleted.contains(id) ? 0 : ledger.logsInserted.getOrDefault(id, 0);
            assertEquals(expected, logs, name + ": logs of run " + id + (deleted.contains(id) ? " (deleted)" : " (kept)"));
            logsKept += logs;
        }
        PurgeQueueStats queue = s.inTransaction(tx -> tx.purgeQueue().stats());
        assertEquals(0, queue.pending() + queue.failed(), name + ": the purge queue is empty");

        System.out.printf("[load] %s, %d s, %d clients on 2 instances: %d inserts (%d runs), %d bulk deletes, "
                        + "%d single deletes, %d reads; %d runs deleted (each reported once), %d present, %d logs kept, "
                        + "transient failures retried: %d by the service, %d by the clients' inserts; 0 errors%n", name,
                seconds, CLIENTS, ledger.inserts.get(), ledger.inserted.size(), ledger.bulkDeletes.get(),
                ledger.singleDeletes.get(), ledger.reads.get(), deleted.size(), present.size(), logsKept, serviceRetries,
                ledger.clientRetries.get());
    }

    private static Set<UUID> union(Set<UUID> a, Set<UUID> b) {
        Set<UUID> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
