package dev.flowsweep.spring.boot.health;

import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spring.boot.PurgeQueueMonitor;
import dev.flowsweep.spring.boot.SwitchableStorage;
import dev.flowsweep.spring.boot.properties.HealthProperties;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FlowsweepHealthIndicatorTest {
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private final SwitchableStorage storage = new SwitchableStorage(new InMemoryStorage());
    private final PurgeQueueMonitor monitor = new PurgeQueueMonitor(storage, Duration.ZERO,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final HealthProperties thresholds = new HealthProperties();
    private final RetentionService retention = RetentionService.builder(BulkDeleteService.builder(storage).build())
            .withoutLease().noOrphanLogSweep()
            .policy(RetentionPolicy.finishedOlderThan("finished-30d", Duration.ofDays(30)))
            .build();

    @AfterEach
    void close() {
        retention.close();
    }

    @Test
    void upWithThePurgeQueueAndTheRetentionPolicies() {
        Health health = indicator().health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("purge"))
                .isEqualTo(Map.of("pending", 0L, "failed", 0L, "oldestPendingAge", "PT0S"));
        assertThat(health.getDetails().get("retention")).asInstanceOf(
                InstanceOfAssertFactories.MAP).containsOnlyKeys("finished-30d");

        retention.runNow("finished-30d");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> policies = (Map<String, Map<String, Object>>) indicator().health()
                .getDetails().get("retention");
        assertThat(policies.get("finished-30d")).containsEntry("running", false)
                .containsEntry("lastOutcome", "COMPLETED").containsEntry("lastDeleted", 0L);
    }

    @Test
    void failedPurgesAndLagAloneDoNotTurnItDownByDefault() {
        queueOneFailedPurge();
        Health health = indicator().health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("purge"))
                .isEqualTo(Map.of("pending", 0L, "failed", 1L, "oldestPendingAge", "PT2H"));
    }

    @Test
    void downPastTheThresholdsSaidWhy() {
        queueOneFailedPurge();
        thresholds.setMaxFailedPurges(0L);
        thresholds.setMaxPurgeLag(Duration.ofHours(1));
        Health health = indicator().health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("problems")).isEqualTo(List.of(
                "1 log purge(s) failed, more than flowsweep.health.max-failed-purges (0)",
                "the oldest queued log purge has waited PT2H, longer than flowsweep.health.max-purge-lag (PT1H)"));

        thresholds.setMaxFailedPurges(1L);
        thresholds.setMaxPurgeLag(Duration.ofHours(2));
        assertThat(indicator().health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downWhenTheQueueCannotBeRead() {
        storage.down = true;
        Health health = indicator().health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("connection refused (test)");
    }

    @Test
    void aFailedRetentionRunTurnsItDownOnlyWhenAskedTo() {
        storage.down = true;
        assertThat(retention.runNow("finished-30d").outcome()).isEqualTo(RetentionRun.Outcome.FAILED);
        storage.down = false;
        assertThat(indicator().health().getStatus()).isEqualTo(Status.UP);

        thresholds.setDownOnRetentionFailure(true);
        Health health = indicator().health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("problems").toString())
                .contains("the last run of retention policy finished-30d failed");

        Map<?, ?> policy = (Map<?, ?>) ((Map<?, ?>) health.getDetails().get("retention")).get("finished-30d");
        assertThat(policy.get("failedRuns")).isEqualTo(1L);
        assertThat(policy.get("failing")).isEqualTo(true);
        assertThat(policy.get("lastOutcome")).isEqualTo("FAILED");

        retention.runNow("finished-30d");
        health = indicator().health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        policy = (Map<?, ?>) ((Map<?, ?>) health.getDetails().get("retention")).get("finished-30d");
        assertThat(policy.get("failedRuns")).as("failures stay counted").isEqualTo(1L);
        assertThat(policy.get("failing")).isEqualTo(false);
        assertThat(policy.get("lastSuccessAt")).isNotNull();
    }

    private FlowsweepHealthIndicator indicator() {
        return new FlowsweepHealthIndicator(monitor, retention, thresholds);
    }

    private void queueOneFailedPurge() {
        UUID run = UUID.randomUUID();
        storage.inTransaction(tx -> {
            tx.purgeQueue().enqueue(List.of(run), NOW.minus(Duration.ofHours(2)));
            tx.purgeQueue().recordFailure(run, 5, "boom", NOW.plusSeconds(60), true);
            return null;
        });
    }
}
