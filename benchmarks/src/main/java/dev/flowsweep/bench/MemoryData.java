package dev.flowsweep.bench;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * An {@link InMemoryStorage} filled through its own stores, in transactions of 10,000 runs. Every run is tagged
 * {@code bench}; a fraction also {@code purge}; states cycle through COMPLETED, FAILED, RUNNING, PENDING, CANCELLED;
 * start times are one second apart.
 */
record MemoryData(InMemoryStorage storage, List<UUID> ids) {
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final StateType[] STATES = {StateType.COMPLETED, StateType.FAILED, StateType.RUNNING,
            StateType.PENDING, StateType.CANCELLED};

    static MemoryData load(int runs, double purgeFraction) {
        InMemoryStorage storage = new InMemoryStorage();
        Random random = new Random(11);
        UUID flowId = new UUID(random.nextLong(), random.nextLong());
        UUID[] deployments = new UUID[10];
        storage.inTransaction(tx -> {
            tx.flows().insert(new Flow(flowId, "bench-flow"));
            for (int d = 0; d < deployments.length; d++) {
                UUID limitId = new UUID(random.nextLong(), random.nextLong());
                tx.concurrencyLimits().insert(new ConcurrencyLimit(limitId, "limit-" + d, 1_000_000, true, 0));
                deployments[d] = new UUID(random.nextLong(), random.nextLong());
                tx.deployments().insert(new Deployment(deployments[d], "deployment-" + d, flowId, limitId));
            }
            return null;
        });
        List<UUID> ids = new ArrayList<>(runs);
        int purgeEvery = Math.max(1, (int) Math.round(1 / purgeFraction));
        for (int from = 0; from < runs; from += 10_000) {
            int to = Math.min(runs, from + 10_000);
            int first = from;
            storage.inTransaction(tx -> {
                for (int i = first; i < to; i++) {
                    UUID id = new UUID(random.nextLong(), random.nextLong());
                    ids.add(id);
                    Instant expected = BASE.plusSeconds(i);
                    tx.flowRuns().insert(FlowRun.builder(flowId).id(id).name("run-" + i)
                            .state(STATES[i % STATES.length])
                            .tags(i % purgeEvery == 0 ? List.of("bench", "purge") : List.of("bench", "keep"))
                            .deploymentId(deployments[i % deployments.length]).workQueueName("default")
                            .expectedStartTime(expected).startTime(expected.plusSeconds(1))
                            .created(expected).updated(expected).build());
                }
                return null;
            });
        }
        return new MemoryData(storage, ids);
    }

    /**
     * tags.any_ [bench] (on every run: the tag index narrows nothing) AND state.type any_ [COMPLETED, FAILED] AND
     * start_time within the first half of the runs' start times: every run has to be tested.
     */
    static FlowRunFilter scanFilterWithoutTags() {
        return FlowRunFilter.builder().stateTypeAny(StateType.COMPLETED, StateType.FAILED)
                .startTimeAfter(BASE).startTimeBefore(BASE.plusSeconds(500_000)).build();
    }

    static FlowRunFilter scanFilter() {
        return FlowRunFilter.builder().tagsAny("bench").stateTypeAny(StateType.COMPLETED, StateType.FAILED)
                .startTimeAfter(BASE).startTimeBefore(BASE.plusSeconds(500_000)).build();
    }
}
