package dev.flowsweep.spring.boot;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spring.boot.metrics.FlowsweepMetrics;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testkit.Fixture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Spring Boot application with the starter, a DataSource and properties: it deletes by filter, purges the logs,
 * runs a retention policy on its schedule, shows the meters and the health, and runs its bulk deletes outside the
 * caller's transaction. Run on H2 and on PostgreSQL (one application context each), and on Prefect's own PostgreSQL
 * and SQLite databases with {@code flowsweep.storage.layout=prefect}.
 */
@SpringBootTest(classes = StarterIntegrationTest.App.class, properties = {
        "flowsweep.storage.lock-timeout=250ms",
        "flowsweep.purge.stats-max-age=0s",
        "flowsweep.retention.policies[0].name=expired",
        "flowsweep.retention.policies[0].older-than=1d",
        "flowsweep.retention.policies[0].tags=expired",
        "flowsweep.retention.policies[0].batch-size=2",
        "flowsweep.retention.policies[0].interval=100ms"})
abstract class StarterIntegrationTest {
    @Autowired
    FlowsweepStorage storage;
    @Autowired
    BulkDeleteService service;
    @Autowired
    MeterRegistry registry;
    @Autowired
    @Qualifier("flowsweepHealthIndicator")
    HealthIndicator health;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;

    /** One fixture per storage (per application context): it creates the runs' flow once. */
    private static final Map<FlowsweepStorage, Fixture> FIXTURES = new ConcurrentHashMap<>();

    Fixture fixture;
    String tag;

    @BeforeEach
    void fixture() {
        fixture = FIXTURES.computeIfAbsent(storage, Fixture::new);
        tag = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void deletesByFilterReleasesSlotsPurgesTheLogsAndCountsIt() throws InterruptedException {
        ConcurrencyLimit limit = fixture.limit("limit-" + tag, 3, true);
        Deployment deployment = fixture.deployment(limit);
        FlowRun running = fixture.run(b -> b.state(StateType.RUNNING).tags(tag).deploymentId(deployment.id()));
        FlowRun done = fixture.run(b -> b.state(StateType.COMPLETED).tags(tag));
        FlowRun other = fixture.run(b -> b.state(StateType.COMPLETED).tags("other-" + tag));
        fixture.logs(running.id(), 5);
        fixture.logs(done.id(), 5);
        double deletedBefore = count(FlowsweepMetrics.RUNS_DELETED, "bulk_delete");
        double slotsBefore = count(FlowsweepMetrics.SLOTS_RELEASED, "bulk_delete");
        long timedBefore = timed("bulk_delete");
        long purgesBefore = purgesTimed();

        BulkDeleteResult result = service.bulkDelete(
                BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll(tag).build(), 50).withActor("ops"));

        assertThat(result.deleted()).containsExactlyInAnyOrder(running.id(), done.id());
        assertThat(result.releasedSlots()).isEqualTo(Map.of(limit.id(), 1));
        assertThat(fixture.activeSlots(limit)).isEqualTo(2);
        assertThat(fixture.exists(other.id())).isTrue();
        Await.until(Duration.ofSeconds(10), "the logs of the deleted runs purged",
                () -> fixture.countLogs(List.of(running.id(), done.id())) == 0);
        assertThat(count(FlowsweepMetrics.RUNS_DELETED, "bulk_delete") - deletedBefore).isEqualTo(2);
        assertThat(count(FlowsweepMetrics.SLOTS_RELEASED, "bulk_delete") - slotsBefore).isEqualTo(1);
        assertThat(timed("bulk_delete") - timedBefore).isEqualTo(1);
        // the purger tells the meters about its transaction just after the commit that removed the logs
        Await.until(Duration.ofSeconds(10), "the purge transaction timed", () -> purgesTimed() > purgesBefore);
    }

    @Test
    void runsTheRetentionPolicyOnItsSchedule() throws InterruptedException {
        Instant twoDaysAgo = Instant.now().minus(2, ChronoUnit.DAYS);
        List<FlowRun> old = List.of(
                fixture.run(b -> b.state(StateType.COMPLETED).tags("expired").endTime(twoDaysAgo)),
                fixture.run(b -> b.state(StateType.FAILED).tags("expired").endTime(twoDaysAgo)),
                fixture.run(b -> b.state(StateType.CANCELLED).tags("expired").endTime(twoDaysAgo)));
        FlowRun recent = fixture.run(b -> b.state(StateType.COMPLETED).tags("expired")
                .endTime(Instant.now().minus(1, ChronoUnit.HOURS)));
        FlowRun untagged = fixture.run(b -> b.state(StateType.COMPLETED).endTime(twoDaysAgo));

        Await.until(Duration.ofSeconds(20), "the expired runs deleted by the retention policy",
                () -> old.stream().noneMatch(r -> fixture.exists(r.id())));
        assertThat(fixture.exists(recent.id())).isTrue();
        assertThat(fixture.exists(untagged.id())).isTrue();
        // The deletion listener (the meter) runs just after the commit that made the runs disappear.
        Await.until(Duration.ofSeconds(10), "the retention deletions counted",
                () -> registry.get(FlowsweepMetrics.RUNS_DELETED).tags("reason", "retention", "policy", "expired")
                        .counter().count() >= 3);
        Await.until(Duration.ofSeconds(10), "both batches counted (batches of 2)",
                () -> registry.get(FlowsweepMetrics.RETENTION_BATCHES).tag("policy", "expired").counter()
                        .count() >= 2);
        Await.until(Duration.ofSeconds(10), "a completed run of the policy counted",
                () -> registry.find(FlowsweepMetrics.RETENTION_RUNS)
                        .tags("policy", "expired", "outcome", "completed").counter() != null);
        assertThat(registry.get(FlowsweepMetrics.RETENTION_LAST_SUCCESS).tag("policy", "expired").timeGauge()
                .value()).isPositive();
    }

    @Test
    void healthShowsThePurgeQueueAndTheRetentionPolicy() {
        Health h = health.health();
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsKeys("purge", "retention");
        assertThat(h.getDetails().get("purge")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsKeys("pending", "failed", "oldestPendingAge");
        assertThat(h.getDetails().get("retention")).asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("expired");
        assertThat(registry.get(FlowsweepMetrics.PURGE_PENDING).gauge().value()).isNotNaN();
    }

    /**
     * The decision: a bulk delete called inside the caller's transaction commits on its own. The caller's rollback
     * undoes the caller's work and not the deletion.
     */
    @Test
    void aBulkDeleteInsideTheCallersTransactionCommitsOnItsOwn() {
        FlowRun run = fixture.run(b -> b.state(StateType.COMPLETED).tags(tag));
        jdbc.execute("CREATE TABLE IF NOT EXISTS app_note (note VARCHAR(64))");
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO app_note (note) VALUES (?)", tag);
            BulkDeleteResult result = service.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll(tag)
                    .build()));
            assertThat(result.deleted()).containsExactly(run.id());
            status.setRollbackOnly();
        });
        assertThat(fixture.exists(run.id())).as("the deletion stays committed").isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_note WHERE note = ?", Long.class, tag))
                .as("the caller's own work is rolled back").isZero();
    }

    /**
     * The consequence: a run that the caller's open transaction has locked is not deleted under it. The bulk delete,
     * on a connection of its own, waits for the caller's lock, gives up after the lock timeout and its retries, and
     * changes nothing.
     */
    @Test
    void aRunLockedByTheCallersTransactionMakesTheBulkDeleteFail() {
        FlowRun run = fixture.run(b -> b.state(StateType.COMPLETED).tags(tag));
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.queryForList(lockRunSql(), run.id());
            service.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll(tag).build()));
        })).isInstanceOf(FlowsweepStorageException.class)
                .satisfies(e -> assertThat(((FlowsweepStorageException) e).isTransient()).isTrue());
        assertThat(fixture.exists(run.id())).isTrue();
    }

    /** A statement that locks the run of id {@code ?} in the caller's transaction, in the storage's tables. */
    protected String lockRunSql() {
        return "SELECT id FROM flowsweep_flow_run WHERE id = ? FOR UPDATE";
    }

    private double count(String name, String reason) {
        Counter counter = registry.find(name).tags("reason", reason, "policy", "none").counter();
        return counter == null ? 0 : counter.count();
    }

    private long timed(String reason) {
        Timer timer = registry.find(FlowsweepMetrics.DELETIONS).tags("reason", reason).timer();
        return timer == null ? 0 : timer.count();
    }

    private long purgesTimed() {
        Timer timer = registry.find(FlowsweepMetrics.PURGE_BATCHES).tags("outcome", "completed").timer();
        return timer == null ? 0 : timer.count();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
