package dev.flowsweep.bench.jmh;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.filter.FlowRunSort;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Flow;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * InMemoryStorage queries over {@code runs} runs: {@code id.any_} of 200 ids (id index) and a filter that tests every
 * run (tags on every run + state + time range), as the bulk delete's selection (ID_DESC, limit 200) and as a count.
 * <pre>java -jar benchmarks/target/flowsweep-benchmarks.jar jmh MemoryFilterBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MemoryFilterBenchmark {
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final StateType[] STATES = {StateType.COMPLETED, StateType.FAILED, StateType.RUNNING,
            StateType.PENDING, StateType.CANCELLED};

    @Param("1000000")
    public int runs;

    private InMemoryStorage storage;
    private final List<Criterion> idCriteria = new ArrayList<>();
    private Criterion scan;
    private int next;

    @Setup
    public void setUp() {
        storage = new InMemoryStorage();
        Random random = new Random(11);
        UUID flowId = new UUID(random.nextLong(), random.nextLong());
        storage.inTransaction(tx -> {
            tx.flows().insert(new Flow(flowId, "bench-flow"));
            return null;
        });
        List<UUID> ids = new ArrayList<>(runs);
        for (int from = 0; from < runs; from += 10_000) {
            int first = from;
            int to = Math.min(runs, from + 10_000);
            storage.inTransaction(tx -> {
                for (int i = first; i < to; i++) {
                    UUID id = new UUID(random.nextLong(), random.nextLong());
                    ids.add(id);
                    Instant expected = BASE.plusSeconds(i);
                    tx.flowRuns().insert(FlowRun.builder(flowId).id(id).state(STATES[i % STATES.length])
                            .tags(List.of("bench", i % 10 == 0 ? "purge" : "keep")).expectedStartTime(expected)
                            .startTime(expected.plusSeconds(1)).created(expected).updated(expected).build());
                }
                return null;
            });
        }
        for (int i = 0; i < 64; i++) {
            List<UUID> some = new ArrayList<>(200);
            for (int j = 0; j < 200; j++) {
                some.add(ids.get(random.nextInt(ids.size())));
            }
            idCriteria.add(FlowRunFilter.builder().idAny(some).build().toCriterion().orElseThrow());
        }
        scan = FlowRunFilter.builder().tagsAny("bench").stateTypeAny(StateType.COMPLETED, StateType.FAILED)
                .startTimeAfter(BASE).startTimeBefore(BASE.plusSeconds(runs / 2)).build().toCriterion().orElseThrow();
    }

    @Benchmark
    public List<UUID> idAny200() {
        Criterion c = idCriteria.get(next++ & 63);
        return storage.inTransaction(tx -> tx.flowRuns().findIds(c, FlowRunSort.ID_DESC, 200));
    }

    @Benchmark
    public List<UUID> fullScanSelect200() {
        return storage.inTransaction(tx -> tx.flowRuns().findIds(scan, FlowRunSort.ID_DESC, 200));
    }

    @Benchmark
    public long fullScanCount() {
        return storage.inTransaction(tx -> tx.flowRuns().count(scan));
    }
}
