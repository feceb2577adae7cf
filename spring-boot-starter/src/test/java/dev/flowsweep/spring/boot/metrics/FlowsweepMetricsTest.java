package dev.flowsweep.spring.boot.metrics;

import dev.flowsweep.events.DeletionEvent;
import dev.flowsweep.events.DeletionReason;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.purge.PurgeBatch;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.service.DrainProgress;
import dev.flowsweep.spring.boot.PurgeQueueMonitor;
import dev.flowsweep.spring.boot.SwitchableStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FlowsweepMetricsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private final SwitchableStorage storage = new SwitchableStorage(new InMemoryStorage());
    private final PurgeQueueMonitor monitor = new PurgeQueueMonitor(storage, Duration.ZERO,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final FlowsweepMetrics metrics = new FlowsweepMetrics(monitor);
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void deletionsAreCountedByReasonAndPolicyAndTimed() {
        metrics.bindTo(registry);
        metrics.onDeletion(event(DeletionReason.BULK_DELETE, 3, Map.of(UUID.randomUUID(), 2)));
        metrics.onDeletion(event(DeletionReason.retention("finished-30d"), 5, Map.of()));
        metrics.onDeletion(event(DeletionReason.BULK_DELETE, 1, Map.of(UUID.randomUUID(), 1, UUID.randomUUID(), 1)));

        assertThat(count(FlowsweepMetrics.RUNS_DELETED, "reason", "bulk_delete", "policy", "none")).isEqualTo(4);
        assertThat(count(FlowsweepMetrics.RUNS_DELETED, "reason", "retention", "policy", "finished-30d"))
                .isEqualTo(5);
        assertThat(count(FlowsweepMetrics.SLOTS_RELEASED, "reason", "bulk_delete", "policy", "none")).isEqualTo(4);
        assertThat(count(FlowsweepMetrics.SLOTS_RELEASED, "reason", "retention", "policy", "finished-30d"))
                .isZero();
        assertThat(registry.get(FlowsweepMetrics.DELETIONS).tags("reason", "bulk_delete").timer().count())
                .isEqualTo(2);
        assertThat(registry.get(FlowsweepMetrics.DELETIONS).tags("reason", "bulk_delete").timer()
                .totalTime(TimeUnit.MILLISECONDS)).as("each event's elapsed, 5 ms").isEqualTo(10);
    }

    /** A drain's or a retention run's batches are timed one by one, each with its own latency. */
    @Test
    void eachBatchOfADrainIsTimedWithItsElapsed() {
        metrics.bindTo(registry);
        metrics.onDeletion(new DeletionEvent(DeletionReason.DRAIN, null, List.of(UUID.randomUUID()), Map.of(), 1, NOW,
                Duration.ofMillis(40)));
        metrics.onDeletion(new DeletionEvent(DeletionReason.DRAIN, null, List.of(UUID.randomUUID()), Map.of(), 1, NOW,
                Duration.ofMillis(60)));
        assertThat(count(FlowsweepMetrics.RUNS_DELETED, "reason", "drain", "policy", "none")).isEqualTo(2);
        assertThat(registry.get(FlowsweepMetrics.DELETIONS).tags("reason", "drain").timer().count()).isEqualTo(2);
        assertThat(registry.get(FlowsweepMetrics.DELETIONS).tags("reason", "drain").timer()
                .max(TimeUnit.MILLISECONDS)).isEqualTo(60);
    }

    @Test
    void purgeTransactionsAreTimedByOutcome() {
        metrics.bindTo(registry);
        metrics.onBatch(new PurgeBatch(PurgeBatch.Outcome.COMPLETED, 3, 120, Duration.ofMillis(30), null));
        metrics.onBatch(new PurgeBatch(PurgeBatch.Outcome.MORE_LEFT, 1, 5000, Duration.ofMillis(200), null));
        metrics.onBatch(new PurgeBatch(PurgeBatch.Outcome.COMPLETED, 1, 0, Duration.ofMillis(10), null));
        metrics.onBatch(new PurgeBatch(PurgeBatch.Outcome.FAILED, 2, 0, Duration.ofMillis(7), "deadlock"));

        assertThat(registry.get(FlowsweepMetrics.PURGE_BATCHES).tag("outcome", "completed").timer().count())
                .isEqualTo(2);
        assertThat(registry.get(FlowsweepMetrics.PURGE_BATCHES).tag("outcome", "completed").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(registry.get(FlowsweepMetrics.PURGE_BATCHES).tag("outcome", "more_left").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(200);
        assertThat(registry.get(FlowsweepMetrics.PURGE_BATCHES).tag("outcome", "failed").timer().count())
                .isEqualTo(1);
    }

    @Test
    void purgeGaugesShowTheQueue() {
        metrics.bindTo(registry);
        assertThat(gauge(FlowsweepMetrics.PURGE_PENDING)).isZero();
        assertThat(gauge(FlowsweepMetrics.PURGE_OLDEST_AGE)).isZero();

        UUID failed = UUID.randomUUID();
        storage.inTransaction(tx -> {
            tx.purgeQueue().enqueue(List.of(failed), NOW.minusSeconds(90));
            tx.purgeQueue().enqueue(List.of(UUID.randomUUID(), UUID.randomUUID()), NOW.minusSeconds(30));
            tx.purgeQueue().recordFailure(failed, 5, "boom", NOW.plusSeconds(60), true);
            return null;
        });
        assertThat(gauge(FlowsweepMetrics.PURGE_PENDING)).isEqualTo(2);
        assertThat(gauge(FlowsweepMetrics.PURGE_FAILED)).isEqualTo(1);
        assertThat(registry.get(FlowsweepMetrics.PURGE_OLDEST_AGE).timeGauge().value(TimeUnit.SECONDS)).isEqualTo(90);

        storage.down = true;
        assertThat(gauge(FlowsweepMetrics.PURGE_PENDING)).isNaN();
    }

    @Test
    void retentionRunsAndBatchesAreCountedAndTheLastSuccessKept() {
        metrics.bindTo(registry);
        RetentionPolicy policy = RetentionPolicy.finishedOlderThan("finished-30d", Duration.ofDays(30));
        metrics.onBatch(policy, new DrainProgress(1, 200, 200, Duration.ofMillis(10)));
        metrics.onBatch(policy, new DrainProgress(2, 250, 50, Duration.ofMillis(20)));
        metrics.onRunFinished(run("finished-30d", RetentionRun.Outcome.COMPLETED, NOW, Duration.ofSeconds(2)));
        metrics.onRunFinished(run("finished-30d", RetentionRun.Outcome.FAILED, NOW.plusSeconds(60),
                Duration.ofSeconds(1)));

        assertThat(count(FlowsweepMetrics.RETENTION_BATCHES, "policy", "finished-30d")).isEqualTo(2);
        assertThat(count(FlowsweepMetrics.RETENTION_RUNS, "policy", "finished-30d", "outcome", "completed"))
                .isEqualTo(1);
        assertThat(count(FlowsweepMetrics.RETENTION_RUNS, "policy", "finished-30d", "outcome", "failed"))
                .isEqualTo(1);
        // the failed run does not move the last success
        assertThat(registry.get(FlowsweepMetrics.RETENTION_LAST_SUCCESS).tag("policy", "finished-30d").timeGauge()
                .value(TimeUnit.SECONDS)).isEqualTo(NOW.plusSeconds(2).getEpochSecond());
    }

    @Test
    void failedRunsAreCountedByPolicyAndAWindowsCloseIsASuccess() {
        metrics.bindTo(registry);
        metrics.onRunFinished(run("nightly", RetentionRun.Outcome.FAILED, NOW, Duration.ofSeconds(1)));
        metrics.onRunFinished(run("nightly", RetentionRun.Outcome.FAILED, NOW.plusSeconds(10), Duration.ofSeconds(1)));
        metrics.onRunFinished(run("weekly", RetentionRun.Outcome.FAILED, NOW, Duration.ofSeconds(1)));
        metrics.onRunFinished(run("nightly", RetentionRun.Outcome.SKIPPED_OUTSIDE_WINDOW, NOW.plusSeconds(20),
                Duration.ZERO));
        assertThat(registry.find(FlowsweepMetrics.RETENTION_LAST_SUCCESS).tag("policy", "nightly").timeGauge())
                .as("neither a failure nor a skip is a success").isNull();
        metrics.onRunFinished(run("nightly", RetentionRun.Outcome.WINDOW_CLOSED, NOW.plusSeconds(30),
                Duration.ofSeconds(5)));

        assertThat(count(FlowsweepMetrics.RETENTION_FAILED_RUNS, "policy", "nightly")).isEqualTo(2);
        assertThat(count(FlowsweepMetrics.RETENTION_FAILED_RUNS, "policy", "weekly")).isEqualTo(1);
        assertThat(registry.get(FlowsweepMetrics.RETENTION_LAST_SUCCESS).tag("policy", "nightly").timeGauge()
                .value(TimeUnit.SECONDS)).isEqualTo(NOW.plusSeconds(35).getEpochSecond());
    }

    @Test
    void aRegistryBoundLaterGetsTheLastSuccessGauges() {
        metrics.onRunFinished(run("nightly", RetentionRun.Outcome.TIME_BUDGET, NOW, Duration.ofMinutes(5)));
        metrics.bindTo(registry);
        assertThat(registry.get(FlowsweepMetrics.RETENTION_LAST_SUCCESS).tag("policy", "nightly").timeGauge()
                .value(TimeUnit.SECONDS)).isEqualTo(NOW.plus(Duration.ofMinutes(5)).getEpochSecond());
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge() != null ? registry.get(name).gauge().value()
                : registry.get(name).timeGauge().value(TimeUnit.SECONDS);
    }

    private static DeletionEvent event(DeletionReason reason, int runs, Map<UUID, Integer> slots) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ids.add(UUID.randomUUID());
        }
        return new DeletionEvent(reason, null, ids, slots, runs, NOW, Duration.ofMillis(5));
    }

    private static RetentionRun run(String policy, RetentionRun.Outcome outcome, Instant startedAt, Duration elapsed) {
        return new RetentionRun(policy, outcome, null, startedAt, elapsed, 1, 1, Map.of(), null);
    }
}
