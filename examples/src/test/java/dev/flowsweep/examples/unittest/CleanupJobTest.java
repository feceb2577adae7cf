package dev.flowsweep.examples.unittest;

import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How to test your own orchestration code: a real {@link BulkDeleteService} over an {@link InMemoryStorage},
 * seeded through the storage SPI, a fixed clock, and a tiny hand-written reporter. Each test gets a fresh storage.
 */
class CleanupJobTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private InMemoryStorage storage;
    private final UUID flowId = UUID.randomUUID();
    private final RecordingReporter reporter = new RecordingReporter();

    /** A reporter that remembers what it was told (no mocking library needed for this). */
    static final class RecordingReporter implements CleanupReporter {
        final List<String> events = new ArrayList<>();

        @Override
        public void cleaned(long runs, int slots) {
            events.add("cleaned " + runs + " runs, " + slots + " slots");
        }

        @Override
        public void failed(String reason) {
            events.add("failed: " + reason);
        }
    }

    @BeforeEach
    void seed() {
        storage = new InMemoryStorage();
        storage.inTransaction(tx -> {
            tx.flows().insert(new Flow(flowId, "nightly-etl"));
            return null;
        });
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private UUID run(StateType state, Instant endTime) {
        FlowRun run = FlowRun.builder(flowId).state(state).endTime(endTime).build();
        storage.inTransaction(tx -> {
            tx.flowRuns().insert(run);
            return null;
        });
        return run.id();
    }

    private boolean exists(UUID id) {
        return storage.inTransaction(tx -> tx.flowRuns().findById(id)).isPresent();
    }

    private CleanupJob job(int batchSize) {
        return new CleanupJob(new BulkDeleteService(storage), reporter, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofDays(30), batchSize);
    }

    @Test
    void deletesOnlyFinishedRunsOlderThanTheRetention() {
        UUID oldCompleted = run(StateType.COMPLETED, NOW.minus(Duration.ofDays(40)));
        UUID oldFailed = run(StateType.FAILED, NOW.minus(Duration.ofDays(31)));
        UUID recentCompleted = run(StateType.COMPLETED, NOW.minus(Duration.ofDays(2)));
        UUID oldRunning = run(StateType.RUNNING, NOW.minus(Duration.ofDays(40)));
        UUID neverEnded = run(StateType.CANCELLED, null);

        assertEquals(2, job(100).run());

        assertFalse(exists(oldCompleted));
        assertFalse(exists(oldFailed));
        assertTrue(exists(recentCompleted));
        assertTrue(exists(oldRunning));
        assertTrue(exists(neverEnded));
        assertEquals(List.of("cleaned 2 runs, 0 slots"), reporter.events);
    }

    @Test
    void worksThroughMoreRunsThanOneBatch() {
        for (int i = 0; i < 25; i++) {
            run(StateType.COMPLETED, NOW.minus(Duration.ofDays(60)));
        }
        assertEquals(25, job(10).run());
        assertEquals(0L, (long) storage.inTransaction(tx -> tx.flowRuns().count(null)));
    }

    @Test
    void theCutoffIsInclusive() {
        UUID exactlyAtCutoff = run(StateType.COMPLETED, NOW.minus(Duration.ofDays(30)));
        assertEquals(1, job(10).run());
        assertFalse(exists(exactlyAtCutoff));
    }
}
