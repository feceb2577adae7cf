package dev.flowsweep.examples.demo;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.json.JsonProblem;
import dev.flowsweep.json.jackson2.FlowsweepJson;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import dev.flowsweep.memory.InMemoryStorage;
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

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The in-memory demo: seeds an {@link InMemoryStorage} with runs, task runs, logs and a concurrency limit, runs
 * one bulk delete from a JSON filter (Prefect's {@code FlowRunFilter} shape) given as the first argument, and prints
 * what was deleted, the slots released and when the background log purge finished.
 *
 * <pre>
 * java -cp examples/target/flowsweep-server.jar dev.flowsweep.examples.demo.InMemoryDemo '{"tags": {"all_": ["nightly"]}}'
 * </pre>
 */
public final class InMemoryDemo {
    /** Used when no filter is given: the finished nightly runs and every run still holding a slot. */
    public static final String DEFAULT_FILTER =
            "{\"operator\": \"or_\", \"tags\": {\"all_\": [\"nightly\"]}, \"state\": {\"type\": {\"any_\": [\"RUNNING\", \"PENDING\"]}}}";

    private static final int RUNS = 40;
    private static final int LOGS_PER_RUN = 250;

    private InMemoryDemo() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jboss.logging.provider", "slf4j");
        String filterJson = args.length > 0 ? args[0] : DEFAULT_FILTER;
        System.exit(run(filterJson, System.out, System.err));
    }

    /** Runs the demo; returns the process exit code (0 done, 1 refused filter). */
    static int run(String filterJson, PrintStream out, PrintStream err) throws InterruptedException {
        FlowsweepJson json = new FlowsweepJson();
        FlowRunFilter filter;
        try {
            filter = json.readFlowRunFilter(filterJson);
        } catch (FlowsweepJsonException e) {
            err.println("Refused filter: " + describe(e.problems()));
            return 1;
        }

        try (InMemoryStorage storage = InMemoryStorage.create();
             LogPurger purger = new LogPurger(storage).start()) {
            UUID limitId = seed(storage);
            out.println("Seeded " + RUNS + " flow runs with " + LOGS_PER_RUN + " logs each; limit 'demo-limit' has "
                    + activeSlots(storage, limitId) + " slots taken.");
            out.println("Filter: " + json.writeString(filter));

            BulkDeleteService service = BulkDeleteService.builder(storage).logPurger(purger).build();
            long started = System.nanoTime();
            BulkDeleteResult result = service.bulkDelete(new BulkDeleteRequest(filter, null, "in-memory-demo"));
            Duration call = Duration.ofNanos(System.nanoTime() - started);

            out.println("Deleted " + result.deleted().size() + " runs in " + call.toMillis() + " ms (ID_DESC):");
            result.deleted().forEach(id -> out.println("  " + id));
            for (Map.Entry<UUID, Integer> e : result.releasedSlots().entrySet()) {
                out.println("Released " + e.getValue() + " slot(s) of limit " + e.getKey() + "; 'demo-limit' now has "
                        + activeSlots(storage, limitId) + " slots taken.");
            }
            if (result.releasedSlots().isEmpty()) {
                out.println("Released no concurrency slots.");
            }
            out.println("The call returned without waiting for logs; the purge of " + result.deleted().size()
                    + " runs' logs runs in the background (" + purger.pendingCount() + " still queued now).");

            boolean idle = purger.awaitIdle(Duration.ofSeconds(30));
            Duration purge = Duration.ofNanos(System.nanoTime() - started);
            out.println(idle
                    ? "Log purge finished " + purge.toMillis() + " ms after the call started; "
                      + countLogs(storage, result.deleted()) + " logs of deleted runs left, "
                      + countLogs(storage, null) + " logs of other runs kept."
                    : "Log purge still running after 30 s; " + purger.pendingCount() + " purges pending.");
            return 0;
        }
    }

    private static UUID seed(InMemoryStorage storage) {
        Flow flow = new Flow(UUID.randomUUID(), "etl");
        ConcurrencyLimit limit = new ConcurrencyLimit(UUID.randomUUID(), "demo-limit", 10, true, 0);
        Deployment deployment = new Deployment(UUID.randomUUID(), "etl-prod", flow.id(), limit.id());
        StateType[] states = StateType.values();
        List<FlowRun> runs = new ArrayList<>();
        int holders = 0;
        for (int i = 0; i < RUNS; i++) {
            StateType state = states[i % states.length];
            holders += state.holdsConcurrencySlot() ? 1 : 0;
            runs.add(FlowRun.builder(flow.id())
                    .name("etl-" + i)
                    .state(state)
                    .tags(i % 2 == 0 ? List.of("nightly") : List.of("adhoc"))
                    .deploymentId(deployment.id())
                    .expectedStartTime(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i))
                    .build());
        }
        int slots = Math.min(holders, limit.limit());
        storage.inTransaction(tx -> {
            tx.flows().insert(flow);
            tx.concurrencyLimits().insert(limit.withActiveSlots(slots));
            tx.deployments().insert(deployment);
            for (FlowRun run : runs) {
                tx.flowRuns().insert(run);
                tx.taskRuns().insert(new TaskRun(UUID.randomUUID(), run.id(), "extract", "0", "extract-0", StateType.COMPLETED, "Completed"));
                List<Log> logs = new ArrayList<>(LOGS_PER_RUN);
                for (int j = 0; j < LOGS_PER_RUN; j++) {
                    logs.add(new Log(UUID.randomUUID(), "prefect.flow_runs", 20, "line " + j, Instant.now(), run.id(), null));
                }
                tx.logs().insert(logs);
            }
            return null;
        });
        return limit.id();
    }

    private static int activeSlots(InMemoryStorage storage, UUID limitId) {
        return storage.inTransaction(tx -> tx.concurrencyLimits().findById(limitId).orElseThrow().activeSlots());
    }

    private static long countLogs(InMemoryStorage storage, List<UUID> runIds) {
        return storage.inTransaction(tx -> runIds == null ? tx.logs().count(null) : runIds.isEmpty() ? 0L : tx.logs().count(runIds));
    }

    private static String describe(List<JsonProblem> problems) {
        StringBuilder sb = new StringBuilder();
        for (JsonProblem p : problems) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(p.loc()).append(": ").append(p.msg());
        }
        return sb.toString();
    }
}
