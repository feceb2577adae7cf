package dev.flowsweep.testkit;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.model.Uuids;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.TransactionCallback;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Builds the rows a contract test needs in the storage under test, each call in its own transaction, and reads
 * them back. Remembers a label per flow run id (its name, or {@code #n}) so that failures print readable lists.
 */
public final class Fixture {
    /** A fixed reference time: 2026-06-01T10:00:00Z. */
    public static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    /** Descending unsigned id order: the order of {@link FlowRunSort#ID_DESC}. */
    public static final Comparator<UUID> ID_DESC = Uuids.ORDER.reversed();

    private final FlowsweepStorage storage;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<UUID, String> labels = new HashMap<>();
    private Flow defaultFlow;

    public Fixture(FlowsweepStorage storage) {
        this.storage = storage;
    }

    public FlowsweepStorage storage() {
        return storage;
    }

    /** {@link #T0} plus some minutes. */
    public static Instant t(long minutes) {
        return T0.plus(minutes, ChronoUnit.MINUTES);
    }

    public <T> T tx(TransactionCallback<T> work) {
        return storage.inTransaction(work);
    }

    // ---- flows, limits, deployments ----

    public Flow flow(String name) {
        Flow flow = new Flow(UUID.randomUUID(), name);
        tx(tx -> {
            tx.flows().insert(flow);
            return null;
        });
        return flow;
    }

    /** The flow that runs belong to unless a test says otherwise, created on first use. */
    public synchronized Flow defaultFlow() {
        if (defaultFlow == null) {
            defaultFlow = flow("default-flow");
        }
        return defaultFlow;
    }

    public ConcurrencyLimit limit(String name, int activeSlots, boolean active) {
        ConcurrencyLimit limit = new ConcurrencyLimit(UUID.randomUUID(), name, 1_000_000, active, activeSlots);
        tx(tx -> {
            tx.concurrencyLimits().insert(limit);
            return null;
        });
        return limit;
    }

    /** A deployment of the default flow, with this limit (nullable). */
    public Deployment deployment(ConcurrencyLimit limit) {
        Deployment d = new Deployment(UUID.randomUUID(), "deployment-" + sequence.incrementAndGet(),
                defaultFlow().id(), limit == null ? null : limit.id());
        tx(tx -> {
            tx.deployments().insert(d);
            return null;
        });
        return d;
    }

    public ConcurrencyLimit readLimit(UUID id) {
        return tx(tx -> tx.concurrencyLimits().findById(id)).orElseThrow(
                () -> new AssertionError("concurrency limit " + id + " is gone"));
    }

    public int activeSlots(ConcurrencyLimit limit) {
        return readLimit(limit.id()).activeSlots();
    }

    // ---- flow runs ----

    /** A builder for a run of the default flow, with a random id and every optional field null. */
    public FlowRun.Builder newRun() {
        return FlowRun.builder(defaultFlow().id()).created(T0).updated(T0);
    }

    /** Inserts a run of the default flow shaped by {@code shape}; returns it as inserted. */
    public FlowRun run(Consumer<FlowRun.Builder> shape) {
        FlowRun.Builder b = newRun();
        shape.accept(b);
        return insert(b.build());
    }

    /** Inserts a run named {@code name} (also its label) of the default flow, shaped by {@code shape}. */
    public FlowRun run(String name, Consumer<FlowRun.Builder> shape) {
        return run(b -> {
            b.name(name);
            shape.accept(b);
        });
    }

    public FlowRun insert(FlowRun run) {
        insertAll(List.of(run));
        return run;
    }

    /** Inserts these runs in one transaction. */
    public List<FlowRun> insertAll(List<FlowRun> runs) {
        tx(tx -> {
            for (FlowRun r : runs) {
                tx.flowRuns().insert(r);
            }
            return null;
        });
        synchronized (labels) {
            for (FlowRun r : runs) {
                labels.put(r.id(), r.name() != null ? r.name() : "#" + sequence.incrementAndGet());
            }
        }
        return runs;
    }

    /** Gives a run a readable label for failure messages. */
    public void label(UUID id, String label) {
        synchronized (labels) {
            labels.put(id, label);
        }
    }

    /** A run with every field set (state RUNNING, tags, deployment, times, creator, parent task run, ...). */
    public FlowRun fullRun(UUID deploymentId, UUID parentTaskRunId) {
        return run("full-run", b -> b
                .state(StateType.RUNNING, "Running hard")
                .tags("alpha", "beta")
                .deploymentId(deploymentId)
                .workQueueName("queue-1")
                .flowVersion("1.2.3")
                .startTime(t(1).plusNanos(123_456_000))
                .endTime(t(2).plusNanos(1_000))
                .expectedStartTime(t(0))
                .nextScheduledStartTime(t(3))
                .parentTaskRunId(parentTaskRunId)
                .idempotencyKey("idem-1")
                .createdBy(new CreatedBy(UUID.randomUUID(), "DEPLOYMENT", "nightly"))
                .created(T0.minusSeconds(60).plusNanos(5_000))
                .updated(T0.minusSeconds(30)));
    }

    public Optional<FlowRun> findRun(UUID id) {
        return tx(tx -> tx.flowRuns().findById(id));
    }

    public boolean exists(UUID id) {
        return findRun(id).isPresent();
    }

    public long countRuns() {
        return tx(tx -> tx.flowRuns().count(null));
    }

    /** Every run id in {@code ID_DESC} order. */
    public List<UUID> allRunIds() {
        return tx(tx -> tx.flowRuns().findIds(null, FlowRunSort.ID_DESC, Integer.MAX_VALUE));
    }

    public static Criterion criterion(FlowRunFilter filter) {
        return filter == null ? null : filter.toCriterion().orElse(null);
    }

    // ---- task runs and logs ----

    public TaskRun taskRun(FlowRun flowRun) {
        int n = sequence.incrementAndGet();
        TaskRun taskRun = new TaskRun(UUID.randomUUID(), flowRun.id(), "task-" + n, "0", "task-" + n,
                StateType.COMPLETED, "Completed");
        tx(tx -> {
            tx.taskRuns().insert(taskRun);
            return null;
        });
        return taskRun;
    }

    public Optional<TaskRun> findTaskRun(UUID id) {
        return tx(tx -> tx.taskRuns().findById(id));
    }

    /** Inserts {@code n} logs of this flow run (nullable: logs of no run), a second apart from {@link #T0}. */
    public List<Log> logs(UUID flowRunId, int n) {
        List<Log> logs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            logs.add(new Log(UUID.randomUUID(), "flowsweep.test", 20, "line " + i, T0.plusSeconds(i), flowRunId, null));
        }
        tx(tx -> {
            tx.logs().insert(logs);
            return null;
        });
        return logs;
    }

    public long countLogs(Collection<UUID> flowRunIds) {
        return tx(tx -> tx.logs().count(flowRunIds));
    }

    // ---- readable output ----

    /** {@code label(1234abcd)} for each id, in the given order. */
    public String describe(Collection<UUID> ids) {
        List<String> parts = new ArrayList<>(ids.size());
        synchronized (labels) {
            for (UUID id : ids) {
                String label = labels.get(id);
                parts.add((label == null ? "?" : label) + "(" + id.toString().substring(0, 8) + ")");
            }
        }
        return parts.toString();
    }

    /** The ids of these runs in {@code ID_DESC} order. */
    public static List<UUID> idDesc(Collection<FlowRun> runs) {
        List<UUID> ids = new ArrayList<>();
        for (FlowRun r : runs) {
            ids.add(r.id());
        }
        ids.sort(ID_DESC);
        return ids;
    }

    public static List<UUID> ids(Collection<FlowRun> runs) {
        List<UUID> ids = new ArrayList<>(runs.size());
        for (FlowRun r : runs) {
            ids.add(r.id());
        }
        return ids;
    }
}
