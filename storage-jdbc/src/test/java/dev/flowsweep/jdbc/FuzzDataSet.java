package dev.flowsweep.jdbc;

import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.CreatedBy;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.spi.FlowsweepStorage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A random data set for the differential fuzz tests, fully determined by its seed: flows, concurrency limits
 * (active with many slots, active with one slot, inactive), deployments, 30–70 flow runs with task runs, and the
 * value pools that the filter generator ({@link FuzzFilters}) draws from so that its filters match something.
 *
 * <p>The traps are deliberate: null in every nullable column; names that differ only by case, accents, combining
 * marks, trailing or leading spaces; characters above U+FFFF; LIKE wildcards, the escape character and SQL
 * quotes in every string; duplicate tags; times that tie, differ by one microsecond, straddle the epoch or sit at
 * the ends of years 0001–9999; UUIDs whose signed and unsigned orders differ; subflows whose parent task run
 * belongs to another run, to no run, or to a run deleted later.
 */
final class FuzzDataSet {
    /** Strings that every string column draws from: each one a trap for some adapter. */
    static final List<String> TRAP_STRINGS = List.of(
            "alpha", "Alpha", "ALPHA", "alpha ", " alpha", "alp", "", "a", "A",
            "\u00e4", "\u00c4", "a\u0308", "\u0130stanbul", "istanbul", "ISTANBUL", "\u00df", "SS", "ss",
            "\u03a3\u03af\u03c3\u03c5\u03c6\u03bf\u03c2", "\u039f\u0394\u039f\u03a3", "\u65e5\u672c\u8a9e",
            "\ud83d\ude00 smile", "\ud83d\ude00", "\ud835\udd18nicode", "\ufffd", "\uff21", "z", "~",
            "100%", "%", "_", "a_b", "a%b", "a\\b", "\\", "!", "!%", "a!_b", "''", "x' OR '1'='1",
            "'; DROP TABLE flow_run; --", "\"quoted\"", "tab\there", "new\nline", "bell\u0007", "del\u007f",
            "[a-z]*", ".*", "$1", "NULL", "null");

    final long seed;
    final List<Flow> flows = new ArrayList<>();
    final List<ConcurrencyLimit> limits = new ArrayList<>();
    final List<Deployment> deployments = new ArrayList<>();
    final List<FlowRun> runs = new ArrayList<>();
    final List<TaskRun> taskRuns = new ArrayList<>();

    /** Values the filters pick from: everything the data uses, plus values that match nothing. */
    final List<String> strings = new ArrayList<>(TRAP_STRINGS);
    final List<Instant> times = new ArrayList<>();
    final List<UUID> runIds = new ArrayList<>();
    final List<UUID> deploymentIds = new ArrayList<>();
    final List<UUID> taskRunIds = new ArrayList<>();
    final List<UUID> creatorIds = new ArrayList<>();
    final List<String> creatorTypes = List.of("DEPLOYMENT", "AUTOMATION", "USER", "deployment", "", "x' OR '1'='1");

    private final Random rnd;
    private boolean eachRunWithItsTaskRuns;

    private FuzzDataSet(long seed) {
        this.seed = seed;
        this.rnd = new Random(seed);
    }

    /** The data set of this seed: the same seed always gives the same rows. */
    static FuzzDataSet generate(long seed) {
        FuzzDataSet d = new FuzzDataSet(seed);
        d.build();
        return d;
    }

    private void build() {
        Instant t0 = Instant.parse("2026-03-08T07:00:00Z"); // a DST change in New York, the tests' JVM zone
        times.addAll(List.of(t0, t0.plusNanos(1_000), t0.minusNanos(1_000), t0.plusSeconds(1), t0.plusSeconds(3600),
                t0.minusSeconds(86_400 * 400L), Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("2000-02-29T12:00:00.5Z"),
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"),
                Instant.parse("2026-10-31T18:29:59.999999Z")));

        for (int i = 0; i < 2; i++) {
            flows.add(new Flow(uuid(), "fuzz-flow-" + i + "-" + seed));
        }
        limits.add(new ConcurrencyLimit(uuid(), "many-" + seed, 1_000_000, true, 500));
        limits.add(new ConcurrencyLimit(uuid(), "one-" + seed, 1_000_000, true, 1));
        limits.add(new ConcurrencyLimit(uuid(), "inactive-" + seed, 1_000_000, false, 7));
        for (ConcurrencyLimit l : limits) {
            deployments.add(new Deployment(uuid(), "deployment-" + l.name(), flows.get(0).id(), l.id()));
        }
        deployments.add(new Deployment(uuid(), "unlimited-" + seed, flows.get(1).id(), null));
        for (Deployment d : deployments) {
            deploymentIds.add(d.id());
        }
        deploymentIds.add(uuid()); // a deployment that does not exist: runs may still name it

        int n = 30 + rnd.nextInt(41);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(uuid());
        }
        // Task runs are planned first so that subflows can point at them.
        Map<UUID, List<UUID>> tasksOf = new HashMap<>();
        for (UUID id : ids) {
            List<UUID> tasks = new ArrayList<>();
            int k = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0;
            for (int j = 0; j < k; j++) {
                tasks.add(uuid());
            }
            tasksOf.put(id, tasks);
            taskRunIds.addAll(tasks);
        }
        for (int i = 0; i < 3; i++) {
            creatorIds.add(uuid());
        }
        for (UUID id : ids) {
            runs.add(run(id, tasksOf));
        }
        for (FlowRun r : runs) {
            runIds.add(r.id());
            for (UUID t : tasksOf.get(r.id())) {
                taskRuns.add(new TaskRun(t, r.id(), "task-" + t.toString().substring(0, 4), "0", pickString(),
                        rnd.nextBoolean() ? null : StateType.COMPLETED, null));
            }
        }
        runIds.add(uuid());
        taskRunIds.add(uuid());
        creatorIds.add(uuid());
    }

    private FlowRun run(UUID id, Map<UUID, List<UUID>> tasksOf) {
        FlowRun.Builder b = FlowRun.builder(flows.get(rnd.nextInt(flows.size())).id()).id(id);
        b.name(maybe(0.15) ? null : pickString());
        if (!maybe(0.15)) {
            StateType type = StateType.values()[rnd.nextInt(StateType.values().length)];
            String stateName = switch (rnd.nextInt(3)) {
                case 0 -> null;
                case 1 -> type.defaultName();
                default -> pickString();
            };
            b.state(type, stateName);
        }
        List<String> tags = new ArrayList<>();
        int k = rnd.nextInt(5);
        for (int i = 0; i < k; i++) {
            tags.add(rnd.nextInt(4) == 0 && !tags.isEmpty() ? tags.get(0) : pickString()); // duplicates too
        }
        b.tags(tags);
        b.deploymentId(maybe(0.25) ? null : deploymentIds.get(rnd.nextInt(deploymentIds.size())));
        b.workQueueName(maybe(0.3) ? null : pickString());
        b.flowVersion(maybe(0.3) ? null : pickString());
        b.startTime(maybe(0.35) ? null : pickTime());
        b.endTime(maybe(0.4) ? null : pickTime());
        b.expectedStartTime(maybe(0.3) ? null : pickTime());
        b.nextScheduledStartTime(maybe(0.5) ? null : pickTime());
        if (maybe(0.35)) {
            List<UUID> others = new ArrayList<>(tasksOf.keySet());
            UUID parentRun = others.get(rnd.nextInt(others.size()));
            List<UUID> candidates = tasksOf.get(parentRun);
            b.parentTaskRunId(candidates.isEmpty() || parentRun.equals(id) ? uuid()
                    : candidates.get(rnd.nextInt(candidates.size())));
        }
        b.idempotencyKey(maybe(0.4) ? null : pickString());
        if (!maybe(0.4)) {
            b.createdBy(new CreatedBy(maybe(0.2) ? null : creatorIds.get(rnd.nextInt(creatorIds.size())),
                    maybe(0.2) ? null : creatorTypes.get(rnd.nextInt(creatorTypes.size())),
                    maybe(0.3) ? null : pickString()));
        }
        Instant created = pickTime();
        return b.created(created).updated(pickTime()).build();
    }

    /**
     * This data set within the constraints of Prefect's tables: an idempotency key used twice by runs of one flow
     * ({@code uq_flow_run__flow_id_idempotency_key}) is kept by the first run only; a task key used twice in one run
     * ({@code uq_task_run__flow_run_id_task_key_dynamic_key}) gets the task run's whole id; a subflow's parent must be a
     * task run ({@code flow_run.parent_task_run_id} has a foreign key), so a parent that is none, or that would close
     * a cycle of subflows, is dropped; and runs are inserted each after the run of its parent task run, each followed
     * by its own task runs.
     */
    FuzzDataSet withinPrefectsConstraints() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < runs.size(); i++) {
            FlowRun r = runs.get(i);
            if (r.idempotencyKey() != null && !keys.add(r.flowId() + "/" + r.idempotencyKey())) {
                runs.set(i, r.toBuilder().idempotencyKey(null).build());
            }
        }
        Set<String> taskKeys = new HashSet<>();
        Map<UUID, UUID> runOfTask = new HashMap<>();
        for (int i = 0; i < taskRuns.size(); i++) {
            TaskRun t = taskRuns.get(i);
            runOfTask.put(t.id(), t.flowRunId());
            if (!taskKeys.add(t.flowRunId() + "/" + t.taskKey() + "/" + t.dynamicKey())) {
                taskRuns.set(i, new TaskRun(t.id(), t.flowRunId(), "task-" + t.id(), t.dynamicKey(), t.name(),
                        t.stateType(), t.stateName()));
            }
        }
        Map<UUID, FlowRun> byId = new java.util.LinkedHashMap<>();
        for (FlowRun r : runs) {
            boolean noSuchTask = r.parentTaskRunId() != null && !runOfTask.containsKey(r.parentTaskRunId());
            byId.put(r.id(), noSuchTask ? r.toBuilder().parentTaskRunId(null).build() : r);
        }
        Map<UUID, Boolean> done = new HashMap<>();      // false while visiting, true when placed
        List<FlowRun> ordered = new ArrayList<>();
        for (UUID id : List.copyOf(byId.keySet())) {
            place(id, byId, runOfTask, done, ordered);
        }
        runs.clear();
        runs.addAll(ordered);
        eachRunWithItsTaskRuns = true;
        return this;
    }

    /** Places run {@code id} after the run of its parent task run, dropping a parent that closes a cycle. */
    private static void place(UUID id, Map<UUID, FlowRun> byId, Map<UUID, UUID> runOfTask, Map<UUID, Boolean> done,
                              List<FlowRun> ordered) {
        if (done.containsKey(id)) {
            return;
        }
        done.put(id, false);
        FlowRun r = byId.get(id);
        UUID parentRun = r.parentTaskRunId() == null ? null : runOfTask.get(r.parentTaskRunId());
        if (parentRun != null) {
            if (Boolean.FALSE.equals(done.get(parentRun))) {
                r = r.toBuilder().parentTaskRunId(null).build();
                byId.put(id, r);
            } else {
                place(parentRun, byId, runOfTask, done, ordered);
            }
        }
        done.put(id, true);
        ordered.add(r);
    }

    /** Inserts the whole data set, parents first, in one transaction. */
    void insertInto(FlowsweepStorage storage) {
        storage.inTransaction(tx -> {
            for (Flow f : flows) {
                tx.flows().insert(f);
            }
            for (ConcurrencyLimit l : limits) {
                tx.concurrencyLimits().insert(l);
            }
            for (Deployment d : deployments) {
                tx.deployments().insert(d);
            }
            if (eachRunWithItsTaskRuns) {
                for (FlowRun r : runs) {
                    tx.flowRuns().insert(r);
                    for (TaskRun t : taskRuns) {
                        if (t.flowRunId().equals(r.id())) {
                            tx.taskRuns().insert(t);
                        }
                    }
                }
                return null;
            }
            for (FlowRun r : runs) {
                tx.flowRuns().insert(r);
            }
            for (TaskRun t : taskRuns) {
                tx.taskRuns().insert(t);
            }
            return null;
        });
    }

    String pickString() {
        return strings.get(rnd.nextInt(strings.size()));
    }

    Instant pickTime() {
        return times.get(rnd.nextInt(times.size()));
    }

    private boolean maybe(double p) {
        return rnd.nextDouble() < p;
    }

    /**
     * A UUID that puts signed and unsigned order at odds: random bits, or an extreme, or one sharing its upper
     * half with the previous one and differing only in the sign of the lower half.
     */
    private UUID previous = new UUID(0, 0);
    private final Set<UUID> used = new HashSet<>();

    private UUID uuid() {
        UUID u;
        do {
            u = switch (rnd.nextInt(10)) {
                case 0 -> new UUID(previous.getMostSignificantBits(), ~previous.getLeastSignificantBits());
                case 1 -> new UUID(pickExtreme(), rnd.nextLong());
                case 2 -> new UUID(rnd.nextLong(), pickExtreme());
                default -> new UUID(rnd.nextLong(), rnd.nextLong());
            };
        } while (!used.add(u));
        previous = u;
        return u;
    }

    private long pickExtreme() {
        long[] extremes = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L, Long.MIN_VALUE + 1};
        return extremes[rnd.nextInt(extremes.length)];
    }
}
