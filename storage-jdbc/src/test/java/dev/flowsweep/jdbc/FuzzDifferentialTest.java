package dev.flowsweep.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.json.jackson2.FlowsweepJson;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.PurgeTask;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential fuzzing: random data sets ({@link FuzzDataSet}) and random filters written as JSON
 * ({@link FuzzFilters}) and read through the JSON binding, evaluated by memory, H2, PostgreSQL and MariaDB, and by
 * docs/CONTRACT.md's rules written independently ({@link FilterOracle}). Every adapter must answer exactly what the oracle
 * answers: the same runs (field for field) in the same order for every sort, the same counts, the same bulk
 * deletes (ids, slots released, task runs, orphaned subflows, purge queue).
 *
 * <p>Seeded and reproducible: data set {@code i} has seed {@code flowsweep.fuzz.seed + i}, and a failure prints the
 * data set's seed and the filter. {@code mvn verify} runs 3 data sets of 100 filters (300 filters and 30 bulk deletes
 * per adapter); {@code -Plong} runs 200 data sets (20,000 filters, 2,000 bulk deletes per adapter).
 *
 * <p>The oracle judges what each adapter stores, read back after loading ({@link #storedRuns}): an adapter that
 * generates names for runs without one (Prefect's tables) is checked first to have stored every other field exactly.
 * Subclasses run the same fuzz on other adapters ({@link #openAdapters}, {@link #dataSet}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzDifferentialTest {
    private static final String PREFIX = "fz_";
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final long baseSeed = Reliability.setting("flowsweep.fuzz.seed", 20_260_601L);
    private final int dataSets = Reliability.setting("flowsweep.fuzz.dataSets", 3, 200);
    private final int filtersPerDataSet = Reliability.setting("flowsweep.fuzz.filters", 100, 100);
    private final int bulkDeletesPerDataSet = Reliability.setting("flowsweep.fuzz.bulkDeletes", 10, 10);
    private final FlowsweepJson json = new FlowsweepJson();

    private List<TestDatabase> databases;
    private final List<Adapter> adapters = new ArrayList<>();

    /**
     * One storage under test; memory is replaced by a fresh one per data set, JDBC tables are emptied. {@code stored}
     * holds the runs of the current data set as the adapter stores them.
     */
    static final class Adapter {
        final String name;
        final TestDatabase db;
        final boolean generatesNames;
        FlowsweepStorage storage;
        List<FlowRun> stored;

        Adapter(String name, TestDatabase db, FlowsweepStorage storage, boolean generatesNames) {
            this.name = name;
            this.db = db;
            this.storage = storage;
            this.generatesNames = generatesNames;
        }

        void reset() {
            if (db == null) {
                storage = new InMemoryStorage();
            } else if (generatesNames) {
                PrefectTables.empty(db);
            } else {
                JdbcTestSupport.deleteAllRows(db, PREFIX);
            }
        }
    }

    /** The databases this test opens (and closes); each adapter on one of them. */
    protected List<TestDatabase> openDatabases() {
        return Reliability.openDatabases();
    }

    /** The adapters under test on {@code dbs}: memory, then Flowsweep's own tables on each database. */
    protected List<Adapter> openAdapters(List<TestDatabase> dbs) {
        List<Adapter> list = new ArrayList<>();
        list.add(new Adapter("memory", null, new InMemoryStorage(), false));
        for (TestDatabase db : dbs) {
            list.add(new Adapter(db.name(), db, JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX).build(),
                    false));
        }
        return list;
    }

    /** The data set of {@code seed}. */
    protected FuzzDataSet dataSet(long seed) {
        return FuzzDataSet.generate(seed);
    }

    @BeforeAll
    void open() {
        databases = openDatabases();
        adapters.addAll(openAdapters(databases));
        System.out.println("[fuzz] adapters " + adapters.stream().map(a -> a.name).toList() + ", seed " + baseSeed
                + ", " + dataSets + " data set(s) x " + filtersPerDataSet + " filters, " + bulkDeletesPerDataSet
                + " bulk deletes each");
    }

    @AfterAll
    void close() {
        for (Adapter a : adapters) {
            a.storage.close();
        }
        if (databases != null) {
            for (TestDatabase db : databases) {
                db.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ filters

    @Test
    void everyAdapterAnswersEveryFilterAsTheRulesSayForEverySort() {
        long filters = 0;
        long comparisons = 0;
        long matched = 0;
        for (int i = 0; i < dataSets; i++) {
            long seed = baseSeed + i;
            FuzzDataSet data = dataSet(seed);
            load(data);
            FilterOracle oracle = new FilterOracle(data.taskRuns);
            Random rnd = new Random(seed * 31 + 1);
            FuzzFilters generator = new FuzzFilters(rnd, data);
            for (int f = 0; f < filtersPerDataSet; f++) {
                String text = generator.next();
                Case c = new Case(seed, "filter #" + f, text);
                FlowRunFilter filter = read(c, text);
                Criterion criterion = filter.toCriterion().orElse(null);
                JsonNode tree = tree(text);
                FlowRunSort pageSort = FlowRunSort.values()[rnd.nextInt(FlowRunSort.values().length)];
                int limit = 1 + rnd.nextInt(20);
                int pageSeed = rnd.nextInt(Integer.MAX_VALUE);
                Map<List<FlowRun>, Map<FlowRunSort, List<FlowRun>>> bySet = new HashMap<>();
                for (Adapter a : adapters) {
                    Map<FlowRunSort, List<FlowRun>> expected = bySet.computeIfAbsent(a.stored, stored -> {
                        Map<FlowRunSort, List<FlowRun>> e = new TreeMap<>();
                        for (FlowRunSort sort : FlowRunSort.values()) {
                            e.put(sort, oracle.select(tree, stored, sort));
                        }
                        return e;
                    });
                    int total = expected.get(FlowRunSort.ID_DESC).size();
                    matched += total;
                    int offset = pageSeed % Math.max(1, total + 2);
                    List<FlowRun> page = expected.get(pageSort).subList(Math.min(offset, total),
                            Math.min(total, offset + limit));
                    a.storage.inTransaction(tx -> {
                        check(c, a, "count", (long) total, tx.flowRuns().count(criterion));
                        for (FlowRunSort sort : FlowRunSort.values()) {
                            check(c, a, "ids " + sort, ids(expected.get(sort)), tx.flowRuns().findIds(criterion, sort, 10_000));
                        }
                        check(c, a, "runs " + pageSort + " limit " + limit + " offset " + offset, page,
                                tx.flowRuns().find(criterion, pageSort, limit, offset));
                        check(c, a, "dry run limit " + limit, ids(expected.get(FlowRunSort.ID_DESC))
                                .subList(0, Math.min(limit, total)), tx.flowRuns().findIds(criterion, FlowRunSort.ID_DESC, limit));
                        return null;
                    });
                    comparisons += FlowRunSort.values().length + 3;
                }
                filters++;
            }
        }
        System.out.printf("[fuzz] %d filters on %d data sets: %d comparisons on %s, all equal to the oracle; "
                        + "%.1f runs matched per filter and adapter on average%n", filters, dataSets, comparisons,
                adapters.stream().map(a -> a.name).toList(),
                filters == 0 ? 0.0 : (double) matched / filters / adapters.size());
    }

    // ------------------------------------------------------------------------------------------- bulk deletes

    @Test
    void everyAdapterBulkDeletesExactlyWhatTheRulesSay() {
        long deletes = 0;
        long deletedRuns = 0;
        for (int i = 0; i < dataSets; i++) {
            long seed = baseSeed + i;
            FuzzDataSet data = dataSet(seed);
            load(data);
            Map<String, Model> models = new HashMap<>();
            for (Adapter a : adapters) {
                models.put(a.name, new Model(data, a.stored));
            }
            Random rnd = new Random(seed * 31 + 2);
            FuzzFilters generator = new FuzzFilters(rnd, data);
            Map<String, BulkDeleteService> services = new HashMap<>();
            for (Adapter a : adapters) {
                services.put(a.name, BulkDeleteService.builder(a.storage).clock(CLOCK).build());
            }
            for (int k = 0; k < bulkDeletesPerDataSet; k++) {
                String filterText = generator.next();
                Integer limit = rnd.nextInt(4) == 0 ? null : 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 40);
                String text = "{\"flow_runs\": " + filterText + (limit == null ? "" : ", \"limit\": " + limit) + "}";
                Case c = new Case(seed, "bulk delete #" + k, text);
                BulkDeleteRequest request = readRequest(c, text);
                for (Adapter a : adapters) {
                    Model model = models.get(a.name);
                    BulkDeleteResult expected = model.bulkDelete(tree(filterText), limit == null ? 200 : limit);
                    BulkDeleteResult actual = services.get(a.name).bulkDelete(request);
                    check(c, a, "deleted ids", expected.deleted(), actual.deleted());
                    check(c, a, "released slots", expected.releasedSlots(), actual.releasedSlots());
                    checkState(c, a, model);
                    deletedRuns += expected.deleted().size();
                }
                deletes++;
            }
        }
        System.out.printf("[fuzz] %d bulk deletes (%d runs in all) on %d data sets, as the rules say on %s%n", deletes,
                deletedRuns, dataSets, adapters.stream().map(a -> a.name).toList());
    }

    /** What a storage holds after bulk deletes, computed from the contract's rules on the data set. */
    private static final class Model {
        final FuzzDataSet data;
        final Map<UUID, FlowRun> runs = new HashMap<>();
        final Map<UUID, TaskRun> taskRuns = new HashMap<>();
        final Map<UUID, ConcurrencyLimit> limits = new HashMap<>();
        final Map<UUID, UUID> limitOfDeployment = new HashMap<>();
        final Set<UUID> queued = new HashSet<>();

        /** @param stored the data set's runs as the adapter stores them */
        Model(FuzzDataSet data, List<FlowRun> stored) {
            this.data = data;
            stored.forEach(r -> runs.put(r.id(), r));
            data.taskRuns.forEach(t -> taskRuns.put(t.id(), t));
            data.limits.forEach(l -> limits.put(l.id(), l));
            for (Deployment d : data.deployments) {
                if (d.concurrencyLimitId() != null) {
                    limitOfDeployment.put(d.id(), d.concurrencyLimitId());
                }
            }
        }

        BulkDeleteResult bulkDelete(JsonNode filter, int limit) {
            List<FlowRun> matching = new FilterOracle(taskRuns.values()).select(filter, runs.values(), FlowRunSort.ID_DESC);
            List<FlowRun> doomed = matching.subList(0, Math.min(limit, matching.size()));
            Set<UUID> doomedIds = new HashSet<>(ids(doomed));
            Set<UUID> doomedTasks = new HashSet<>();
            for (TaskRun t : taskRuns.values()) {
                if (doomedIds.contains(t.flowRunId())) {
                    doomedTasks.add(t.id());
                }
            }
            for (FlowRun r : List.copyOf(runs.values())) {
                if (r.parentTaskRunId() != null && doomedTasks.contains(r.parentTaskRunId()) && !doomedIds.contains(r.id())) {
                    runs.put(r.id(), r.toBuilder().parentTaskRunId(null).build());
                }
            }
            taskRuns.keySet().removeAll(doomedTasks);
            Map<UUID, Integer> released = new HashMap<>();
            for (FlowRun r : doomed) {
                runs.remove(r.id());
                queued.add(r.id());
                UUID limitId = r.deploymentId() == null ? null : limitOfDeployment.get(r.deploymentId());
                if (r.stateType() != null && r.stateType().holdsConcurrencySlot() && limitId != null
                        && limits.get(limitId).active()) {
                    released.merge(limitId, 1, Integer::sum);
                }
            }
            released.forEach((id, n) -> {
                ConcurrencyLimit l = limits.get(id);
                limits.put(id, l.withActiveSlots(Math.max(0, l.activeSlots() - n)));
            });
            return new BulkDeleteResult(ids(doomed), released);
        }
    }

    private void checkState(Case c, Adapter a, Model model) {
        List<UUID> everyRunId = new ArrayList<>(ids(model.data.runs));
        a.storage.inTransaction(tx -> {
            List<FlowRun> runs = new ArrayList<>(model.runs.values());
            runs.sort(FilterOracle.order(FlowRunSort.ID_DESC));
            check(c, a, "runs left", runs, tx.flowRuns().find(null, FlowRunSort.ID_DESC, 10_000, 0));
            List<TaskRun> tasks = new ArrayList<>(tx.taskRuns().findByFlowRunIds(everyRunId));
            tasks.sort(Comparator.comparing(t -> t.id().toString()));
            List<TaskRun> expectedTasks = new ArrayList<>(model.taskRuns.values());
            expectedTasks.sort(Comparator.comparing(t -> t.id().toString()));
            check(c, a, "task runs left", expectedTasks, tasks);
            for (ConcurrencyLimit l : model.limits.values()) {
                check(c, a, "limit " + l.name(), l, tx.concurrencyLimits().findById(l.id()).orElse(null));
            }
            Set<UUID> queued = new HashSet<>();
            for (PurgeTask t : tx.purgeQueue().claimDue(NOW.plusSeconds(86_400), 100_000)) {
                check(c, a, "purge task of " + t.flowRunId(), new PurgeTask(t.flowRunId(), NOW, 0, false, null), t);
                queued.add(t.flowRunId());
            }
            check(c, a, "purge queue", model.queued, queued);
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Where a comparison happened: enough to replay it. */
    private record Case(long seed, String what, String json) {
    }

    private void load(FuzzDataSet data) {
        for (Adapter a : adapters) {
            a.reset();
            data.insertInto(a.storage);
            a.stored = storedRuns(a, data);
        }
    }

    /**
     * The data set's runs as {@code a} stores them: the inserted runs, except that an adapter generating names gives
     * each run without a name one, which is checked here (a name where there was none, every other field exact).
     */
    private static List<FlowRun> storedRuns(Adapter a, FuzzDataSet data) {
        if (!a.generatesNames) {
            return data.runs;
        }
        Map<UUID, FlowRun> read = new HashMap<>();
        for (FlowRun r : a.storage.inTransaction(tx -> tx.flowRuns().find(null, FlowRunSort.ID_DESC, 100_000, 0))) {
            read.put(r.id(), r);
        }
        List<FlowRun> stored = new ArrayList<>(data.runs.size());
        for (FlowRun inserted : data.runs) {
            FlowRun r = read.get(inserted.id());
            String name = inserted.name() != null ? inserted.name() : r == null ? null : r.name();
            if (r == null || name == null || !inserted.toBuilder().name(name).build().equals(r)) {
                fail("[" + a.name + "] data set " + data.seed + ": run stored as " + r + "\n  inserted as " + inserted);
            }
            stored.add(r);
        }
        return stored;
    }

    private void check(Case c, Adapter a, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            fail("[" + a.name + "] " + what + " differs from the contract's rules\n  data set seed " + c.seed + ", " + c.what
                    + ": " + c.json + "\n  expected: " + expected + "\n  actual:   " + actual
                    + "\n  replay: mvn -pl storage-jdbc -am verify -Dtest=FuzzDifferentialTest -Dflowsweep.fuzz.seed="
                    + c.seed + " -Dflowsweep.fuzz.dataSets=1");
        }
    }

    private FlowRunFilter read(Case c, String text) {
        try {
            return json.readFlowRunFilter(text);
        } catch (FlowsweepJsonException e) {
            throw new AssertionError("the binding refused a generated filter, seed " + c.seed + ", " + c.what + ": "
                    + text + ": " + e.problems(), e);
        }
    }

    private BulkDeleteRequest readRequest(Case c, String text) {
        try {
            return json.readBulkDeleteRequest(text);
        } catch (FlowsweepJsonException e) {
            throw new AssertionError("the binding refused a generated request, seed " + c.seed + ", " + c.what + ": "
                    + text + ": " + e.problems(), e);
        }
    }

    private static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<UUID> ids(Collection<FlowRun> runs) {
        List<UUID> ids = new ArrayList<>(runs.size());
        for (FlowRun r : runs) {
            ids.add(r.id());
        }
        return ids;
    }

    @Test
    void theOracleAndTheDataSetsHoldTheTrapsTheyAreMeantTo() {
        FuzzDataSet data = dataSet(baseSeed);
        FilterOracle oracle = new FilterOracle(data.taskRuns);
        FlowRun some = data.runs.get(0);
        assertEquals(data.runs.size(), oracle.select(tree("{}"), data.runs, FlowRunSort.ID_DESC).size(), "{} matches all");
        assertEquals(0, oracle.select(tree("{\"id\": {\"any_\": []}}"), data.runs, FlowRunSort.ID_DESC).size());
        assertEquals(List.of(some), oracle.select(tree("{\"operator\": \"or_\", \"name\": {}, \"id\": {\"any_\": [\""
                + some.id() + "\"]}}"), data.runs, FlowRunSort.ID_DESC), "an empty sub-filter is dropped under or_, not TRUE");
        List<FlowRun> byId = oracle.select(tree("{}"), data.runs, FlowRunSort.ID_DESC);
        boolean signedOrderDiffers = false;
        for (int i = 1; i < byId.size(); i++) {
            UUID a = byId.get(i - 1).id();
            UUID b = byId.get(i).id();
            assertTrue(a.toString().compareTo(b.toString()) > 0, "ID_DESC is descending canonical text order");
            signedOrderDiffers |= a.compareTo(b) < 0;
        }
        assertTrue(signedOrderDiffers, "the data set has ids whose signed order differs from their unsigned order");
        assertTrue(data.runs.stream().anyMatch(r -> r.name() == null), "null names");
        assertTrue(data.runs.stream().anyMatch(r -> r.parentTaskRunId() != null
                && data.taskRunIds.contains(r.parentTaskRunId())), "subflows");
    }
}
