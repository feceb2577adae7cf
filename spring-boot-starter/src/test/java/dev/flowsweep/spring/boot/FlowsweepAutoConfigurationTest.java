package dev.flowsweep.spring.boot;

import dev.flowsweep.events.DeletionListener;
import dev.flowsweep.events.Slf4jAuditListener;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.jdbc.Database;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spring.boot.health.FlowsweepHealthIndicator;
import dev.flowsweep.spring.boot.metrics.FlowsweepMetrics;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testkit.Fixture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The auto-configuration on an embedded H2 DataSource: which beans it makes, that each backs off for the
 * application's own, the switches, and the lifecycle (started with the context, closed with it, nothing lost).
 */
class FlowsweepAutoConfigurationTest {
    static final AutoConfigurations FLOWSWEEP = AutoConfigurations.of(FlowsweepStorageAutoConfiguration.class,
            FlowsweepAutoConfiguration.class, FlowsweepMetricsAutoConfiguration.class,
            FlowsweepHealthAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withConfiguration(FLOWSWEEP)
            .withPropertyValues("flowsweep.retention.orphan-logs.enabled=false");

    @Test
    void buildsEveryBeanOnTheApplicationsDataSource() {
        runner.withPropertyValues("flowsweep.bulk-delete.limit-cap=50", "flowsweep.bulk-delete.require-filter=true",
                "flowsweep.storage.table-prefix=fsx_").run(context -> {
            assertThat(context).hasNotFailed();
            JdbcStorage storage = context.getBean(JdbcStorage.class);
            assertThat(storage.tablePrefix()).isEqualTo("fsx_");
            assertThat(storage.database()).isEqualTo(Database.H2);
            BulkDeleteService service = context.getBean(BulkDeleteService.class);
            assertThat(service.limitCap()).isEqualTo(50);
            assertThat(service.requireFilter()).isTrue();
            assertThat(service.deletionListeners()).containsExactly(context.getBean(FlowsweepMetrics.class));
            assertThat(context).hasSingleBean(LogPurger.class).hasSingleBean(RetentionService.class)
                    .hasSingleBean(FlowsweepLifecycle.class).hasSingleBean(FlowsweepHealthIndicator.class)
                    .hasSingleBean(PurgeQueueMonitor.class).doesNotHaveBean(Slf4jAuditListener.class);
            assertThat(context.getBean(FlowsweepLifecycle.class).isRunning()).isTrue();
        });
    }

    @Test
    void retentionPoliciesComeFromTheProperties() {
        runner.withPropertyValues(
                "flowsweep.retention.policies[0].name=finished-30d",
                "flowsweep.retention.policies[0].older-than=30d",
                "flowsweep.retention.policies[1].name=nightly-7d",
                "flowsweep.retention.policies[1].older-than=7d",
                "flowsweep.retention.policies[1].states=completed",
                "flowsweep.retention.policies[1].tags=nightly,etl",
                "flowsweep.retention.policies[1].batch-size=100",
                "flowsweep.retention.policies[1].interval=30m",
                "flowsweep.retention.policies[1].time-budget=5m",
                "flowsweep.retention.policies[1].windows[0]=Mon-Fri 01:00-05:00 Europe/Berlin",
                "flowsweep.retention.policies[1].windows[1]=Sat,Sun 22:00-06:00",
                "flowsweep.retention.initial-delay=1h").run(context -> {
            RetentionService retention = context.getBean(RetentionService.class);
            assertThat(retention.policies()).extracting(RetentionPolicy::name)
                    .containsExactly("finished-30d", "nightly-7d");
            RetentionPolicy defaults = retention.policy("finished-30d");
            assertThat(defaults.olderThan()).isEqualTo(Duration.ofDays(30));
            assertThat(defaults.states()).isEqualTo(RetentionPolicy.DEFAULT_STATES);
            assertThat(defaults.batchSize()).isEqualTo(RetentionPolicy.DEFAULT_BATCH_SIZE);
            assertThat(defaults.interval()).isEqualTo(RetentionPolicy.DEFAULT_INTERVAL);
            RetentionPolicy nightly = retention.policy("nightly-7d");
            assertThat(nightly.olderThan()).isEqualTo(Duration.ofDays(7));
            assertThat(nightly.states()).containsExactly(StateType.COMPLETED);
            assertThat(nightly.filter()).isEqualTo(FlowRunFilter.builder().tagsAll("nightly", "etl").build());
            assertThat(nightly.batchSize()).isEqualTo(100);
            assertThat(nightly.interval()).isEqualTo(Duration.ofMinutes(30));
            assertThat(nightly.timeBudget()).isEqualTo(Duration.ofMinutes(5));
            assertThat(nightly.windows().toString()).isEqualTo(
                    "Mon,Tue,Wed,Thu,Fri 01:00-05:00 Europe/Berlin; Sat,Sun 22:00-06:00 Z");
            assertThat(defaults.windows().isAlways()).isTrue();
        });
    }

    @Test
    void everyBeanBacksOffForTheApplicationsOwn() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(JdbcStorage.class);
            assertThat(context.getBean(FlowsweepStorage.class)).isSameAs(OwnBeans.STORAGE);
            assertThat(context.getBean(LogPurger.class)).isSameAs(context.getBean("ownPurger"));
            assertThat(context.getBean(BulkDeleteService.class)).isSameAs(context.getBean("ownService"));
            assertThat(context.getBean(RetentionService.class)).isSameAs(context.getBean("ownRetention"));
            assertThat(context.getBean(FlowsweepMetrics.class)).isSameAs(context.getBean("ownMetrics"));
            assertThat(context.getBean("flowsweepHealthIndicator")).isNotInstanceOf(FlowsweepHealthIndicator.class);
            // the lifecycle starts the application's purger and retention too
            assertThat(context.getBean(RetentionService.class).status()).allSatisfy(
                    status -> assertThat(status.nextRunAt()).isNotNull());
        });
    }

    @Test
    void theServicesRunOnTheApplicationsStorage() {
        runner.withBean(FlowsweepStorage.class, InMemoryStorage::new).run(context -> {
            assertThat(context).doesNotHaveBean(JdbcStorage.class);
            FlowsweepStorage storage = context.getBean(FlowsweepStorage.class);
            Fixture fixture = new Fixture(storage);
            FlowRun run = fixture.run(b -> b.state(StateType.COMPLETED).tags("mine"));
            context.getBean(BulkDeleteService.class)
                    .bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("mine").build()));
            assertThat(fixture.exists(run.id())).isFalse();
        });
    }

    @Test
    void switchesLeaveBeansOut() {
        runner.withPropertyValues("flowsweep.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(FlowsweepStorage.class).doesNotHaveBean(BulkDeleteService.class)
                .doesNotHaveBean(FlowsweepMetrics.class).doesNotHaveBean(FlowsweepHealthIndicator.class));
        runner.withPropertyValues("flowsweep.purge.enabled=false", "flowsweep.retention.enabled=false",
                "management.health.flowsweep.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(BulkDeleteService.class)
                    .doesNotHaveBean(LogPurger.class).doesNotHaveBean(RetentionService.class)
                    .doesNotHaveBean(FlowsweepHealthIndicator.class);
        });
        runner.withPropertyValues("flowsweep.bulk-delete.audit-log=true").run(context ->
                assertThat(context.getBean(BulkDeleteService.class).deletionListeners())
                        .contains(context.getBean(Slf4jAuditListener.class)));
    }

    @Test
    void withoutADataSourceNothingIsBuilt() {
        new ApplicationContextRunner().withConfiguration(FLOWSWEEP).run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(FlowsweepStorage.class).doesNotHaveBean(BulkDeleteService.class)
                .doesNotHaveBean(FlowsweepLifecycle.class).doesNotHaveBean(FlowsweepMetrics.class));
    }

    @Test
    void theDeletionListenersOfTheApplicationAreTold() {
        List<Integer> told = new CopyOnWriteArrayList<>();
        runner.withBean("countingListener", DeletionListener.class, () -> e -> told.add(e.runIds().size()))
                .run(context -> {
                    Fixture fixture = new Fixture(context.getBean(FlowsweepStorage.class));
                    fixture.run(b -> b.state(StateType.FAILED).tags("told"));
                    context.getBean(BulkDeleteService.class)
                            .bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("told").build()));
                    assertThat(told).containsExactly(1);
                });
    }

    /**
     * Started with the context: a purge queued before the start is carried out; closed with it: the purger and
     * retention refuse to start again. Purges queued while no purger runs are not lost: the next start carries
     * them out.
     */
    @Test
    void thePurgerStartsAndStopsWithTheContextAndNoPurgeIsLost() {
        String url = "spring.datasource.url=jdbc:h2:mem:lifecycle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        UUID[] runId = new UUID[1];
        runner.withPropertyValues(url, "flowsweep.purge.enabled=false").run(context -> {
            Fixture fixture = new Fixture(context.getBean(FlowsweepStorage.class));
            FlowRun run = fixture.run(b -> b.state(StateType.COMPLETED).tags("later"));
            fixture.logs(run.id(), 3);
            context.getBean(BulkDeleteService.class)
                    .bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll("later").build()));
            assertThat(fixture.countLogs(List.of(run.id()))).isEqualTo(3);
            runId[0] = run.id();
        });
        LogPurger[] purger = new LogPurger[1];
        RetentionService[] retention = new RetentionService[1];
        runner.withPropertyValues(url).run(context -> {
            Fixture fixture = new Fixture(context.getBean(FlowsweepStorage.class));
            Await.until(Duration.ofSeconds(10), "the logs queued before the start purged",
                    () -> fixture.countLogs(List.of(runId[0])) == 0);
            purger[0] = context.getBean(LogPurger.class);
            retention[0] = context.getBean(RetentionService.class);
        });
        assertThatThrownBy(purger[0]::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(retention[0]::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final InMemoryStorage STORAGE = new InMemoryStorage();

        @Bean
        FlowsweepStorage ownStorage() {
            return STORAGE;
        }

        @Bean
        LogPurger ownPurger(FlowsweepStorage storage) {
            return LogPurger.builder(storage).build();
        }

        @Bean
        BulkDeleteService ownService(FlowsweepStorage storage) {
            return BulkDeleteService.builder(storage).build();
        }

        @Bean
        RetentionService ownRetention(BulkDeleteService service) {
            return RetentionService.builder(service).withoutLease().noOrphanLogSweep()
                    .initialDelay(Duration.ofHours(1))
                    .policy(RetentionPolicy.finishedOlderThan("own", Duration.ofDays(1))).build();
        }

        @Bean
        FlowsweepMetrics ownMetrics() {
            return new FlowsweepMetrics(null);
        }

        @Bean
        HealthIndicator flowsweepHealthIndicator() {
            return () -> Health.up().build();
        }
    }
}
