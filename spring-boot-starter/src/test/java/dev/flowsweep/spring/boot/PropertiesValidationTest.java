package dev.flowsweep.spring.boot;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spring.boot.properties.FlowsweepBuilders;
import dev.flowsweep.spring.boot.properties.FlowsweepProperties;
import dev.flowsweep.spring.boot.properties.RetentionProperties;
import dev.flowsweep.spring.boot.properties.StorageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad {@code flowsweep.*} values stop the startup with a message naming the property and the reason, before anything
 * connects; the defaults are the builders' own.
 */
@ExtendWith(OutputCaptureExtension.class)
class PropertiesValidationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withConfiguration(FlowsweepAutoConfigurationTest.FLOWSWEEP);

    /** What an operator sees: Spring Boot's report, one entry per bad value, and no Flowsweep bean built. */
    @Test
    void startupFailsWithOneEntryPerBadProperty(CapturedOutput output) {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> app.run(
                "--flowsweep.storage.accept-prefect-revisions=abc123def456",
                "--flowsweep.storage.table-prefix=Bad-",
                "--flowsweep.retention.policies[0].name=finished-30d",
                "--flowsweep.retention.policies[0].batch-size=0")).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Property: flowsweep.storage.accept-prefect-revisions")
                .contains("Reason: needs flowsweep.storage.layout=prefect")
                .contains("Property: flowsweep.storage.table-prefix")
                .contains("Reason: table prefix must match [a-z_][a-z0-9_]* and be at most 24 characters, was \"Bad-\"")
                .contains("Property: flowsweep.retention.policies[0].batch-size")
                .contains("Reason: batchSize must be at least 1, was 0")
                .doesNotContain("Flowsweep JDBC storage on");   // nothing connected
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            storage.accept-prefect-revisions                | abc123    | needs flowsweep.storage.layout=prefect
            storage.accept-any-prefect-revision             | true      | needs flowsweep.storage.layout=prefect
            storage.lock-timeout                            | -1s       | lockTimeout must not be negative, was PT-1S
            bulk-delete.limit-cap                           | 0         | limitCap must be at least 1, was 0
            bulk-delete.max-transient-retries               | -1        | maxTransientRetries must not be negative, was -1
            purge.runs-per-batch                            | 0         | runsPerBatch must be at least 1, was 0
            purge.poll-interval                             | 0s        | pollInterval must be positive, was PT0S
            purge.backoff                                   | 1s,-1s    | backoff delays must not be negative, was PT-1S
            purge.stats-max-age                             | -1s       | statsMaxAge must not be negative, was PT-1S
            retention.lease-ttl                             | 0s        | leaseTtl must be positive, was PT0S
            retention.actor                                 | ''        | actor must be 1 to 255 characters long
            retention.orphan-logs.batch-size                | 0         | orphanLogBatchSize must be at least 1, was 0
            retention.policies[0].older-than                | -30d      | olderThan must be positive and at most 1000 years, was PT-720H
            retention.policies[0].interval                  | 0s        | interval must be positive, was PT0S
            retention.policies[0].windows                   | Mon-Fry 01:00-05:00 | batch window 'Mon-Fry 01:00-05:00': the day 'Fry' is not a weekday
            health.max-failed-purges                        | -1        | must not be negative, was -1
            json.max-list-size                              | 0         | must be at least 1, was 0
            """)
    void aBadValueIsReportedUnderItsProperty(String property, String value, String reason) {
        runner.withPropertyValues("flowsweep.retention.policies[0].name=p", "flowsweep." + property + "=" + value)
                .run(context -> assertThat(reasonFor(context.getStartupFailure(), "flowsweep." + property))
                        .contains(reason));
    }

    @Test
    void policiesAreCheckedAsTheServiceWouldCheckThem() {
        assertRefused("flowsweep.retention.policies[0].name", "every policy needs a name",
                "flowsweep.retention.policies[0].older-than=1d");
        assertRefused("flowsweep.retention.policies[0].name", "a retention policy name must be 1 to 100 of",
                "flowsweep.retention.policies[0].name=no spaces");
        assertRefused("flowsweep.retention.policies[0].states", "give either states or any-state: true, not both",
                "flowsweep.retention.policies[0].name=p", "flowsweep.retention.policies[0].states=FAILED",
                "flowsweep.retention.policies[0].any-state=true");
        assertRefused("flowsweep.retention.policies[0]", "retention policy everything would delete every run",
                "flowsweep.retention.policies[0].name=everything", "flowsweep.retention.policies[0].any-state=true",
                "flowsweep.retention.policies[0].top-level-only=false");
        assertRefused("flowsweep.retention.policies", "two retention policies are named twice",
                "flowsweep.retention.policies[0].name=twice", "flowsweep.retention.policies[1].name=twice");
        assertRefused("flowsweep.retention.policies",
                "retention policy big has batchSize 300, more than the bulk delete service's cap of 200",
                "flowsweep.retention.policies[0].name=big", "flowsweep.retention.policies[0].batch-size=300");
        assertRefused("flowsweep.retention.policies", "its lease would expire during the pause",
                "flowsweep.retention.policies[0].name=slow",
                "flowsweep.retention.policies[0].pause-between-batches=10m");
    }

    @Test
    void aPolicyArchivesOnlyWhenItsPropertySaysSo() {
        RetentionProperties.Policy p = new RetentionProperties.Policy();
        p.setName("archived");
        p.setOlderThan(java.time.Duration.ofDays(30));
        assertThat(FlowsweepBuilders.policy(p, "retention.policies[0]", FlowsweepBuilders.Problems.THROW).archive())
                .isFalse();
        p.setArchive(true);
        assertThat(FlowsweepBuilders.policy(p, "retention.policies[0]", FlowsweepBuilders.Problems.THROW).archive())
                .isTrue();
    }

    @Test
    void prefectRevisionsAreCheckedAsTheStorageWouldCheckThem() {
        assertRefused("flowsweep.storage.accept-prefect-revisions", "a Prefect (Alembic) revision is 1 to 32 characters",
                "flowsweep.storage.layout=prefect", "flowsweep.storage.accept-prefect-revisions=" + "f".repeat(33));
    }

    private void assertRefused(String property, String reason, String... properties) {
        runner.withPropertyValues(properties)
                .run(context -> assertThat(reasonFor(context.getStartupFailure(), property)).contains(reason));
    }

    /** The defaults of the properties are those of the builders they feed. */
    @Test
    void theDefaultsAreTheBuildersOwn() {
        FlowsweepProperties p = new FlowsweepProperties();
        assertThat(p.getStorage().getLayout()).isEqualTo(StorageProperties.Layout.FLOWSWEEP);
        assertThat(p.getStorage().getTablePrefix()).isEqualTo(JdbcStorage.DEFAULT_TABLE_PREFIX);
        assertThat(p.getStorage().getSchemaMode()).isEqualTo(JdbcStorage.DEFAULT_SCHEMA_MODE);
        assertThat(p.getStorage().getStatementTimeout()).isEqualTo(JdbcStorage.DEFAULT_STATEMENT_TIMEOUT);
        assertThat(p.getStorage().getLockTimeout()).isEqualTo(JdbcStorage.DEFAULT_LOCK_TIMEOUT);
        assertThat(p.getStorage().getSchemaLockWait()).isEqualTo(JdbcStorage.DEFAULT_SCHEMA_LOCK_WAIT);
        assertThat(p.getBulkDelete().getLimitCap()).isEqualTo(BulkDeleteService.DEFAULT_LIMIT_CAP);
        assertThat(p.getBulkDelete().isRequireFilter()).isEqualTo(BulkDeleteService.DEFAULT_REQUIRE_FILTER);
        assertThat(p.getBulkDelete().getMaxTransientRetries()).isEqualTo(BulkDeleteService.DEFAULT_MAX_TRANSIENT_RETRIES);
        assertThat(p.getPurge().getRunsPerBatch()).isEqualTo(LogPurger.DEFAULT_RUNS_PER_BATCH);
        assertThat(p.getPurge().getMaxRowsPerStatement()).isEqualTo(LogPurger.DEFAULT_MAX_ROWS_PER_STATEMENT);
        assertThat(p.getPurge().getMaxRowsPerTransaction()).isEqualTo(LogPurger.DEFAULT_MAX_ROWS_PER_TRANSACTION);
        assertThat(p.getPurge().getBackoff()).isEqualTo(LogPurger.DEFAULT_BACKOFF);
        assertThat(p.getPurge().getMaxAttempts()).isEqualTo(LogPurger.DEFAULT_MAX_ATTEMPTS);
        assertThat(p.getPurge().getFailedRetryInterval()).isEqualTo(LogPurger.DEFAULT_FAILED_RETRY_INTERVAL);
        assertThat(p.getPurge().getPollInterval()).isEqualTo(LogPurger.DEFAULT_POLL_INTERVAL);
        assertThat(p.getPurge().getCloseTimeout()).isEqualTo(LogPurger.DEFAULT_CLOSE_TIMEOUT);
        assertThat(p.getRetention().getLeaseTtl()).isEqualTo(RetentionService.DEFAULT_LEASE_TTL);
        assertThat(p.getRetention().getActor()).isEqualTo(RetentionService.DEFAULT_ACTOR);
        assertThat(p.getRetention().getInitialDelay()).isEqualTo(RetentionService.DEFAULT_INITIAL_DELAY);
        assertThat(p.getRetention().getCloseTimeout()).isEqualTo(RetentionService.DEFAULT_CLOSE_TIMEOUT);
        assertThat(p.getRetention().getOrphanLogs().getInterval()).isEqualTo(RetentionService.DEFAULT_ORPHAN_LOG_INTERVAL);
        assertThat(p.getRetention().getOrphanLogs().getGrace()).isEqualTo(RetentionService.DEFAULT_ORPHAN_LOG_GRACE);
        assertThat(p.getRetention().getOrphanLogs().getBatchSize())
                .isEqualTo(RetentionService.DEFAULT_ORPHAN_LOG_BATCH_SIZE);
        assertThat(p.getRetention().getOrphanLogs().getTimeBudget())
                .isEqualTo(RetentionService.DEFAULT_ORPHAN_LOG_TIME_BUDGET);
        RetentionProperties.Policy policy = new RetentionProperties.Policy();
        assertThat(policy.getBatchSize()).isEqualTo(RetentionPolicy.DEFAULT_BATCH_SIZE);
        assertThat(policy.getInterval()).isEqualTo(RetentionPolicy.DEFAULT_INTERVAL);
        assertThat(policy.isTopLevelOnly()).isEqualTo(RetentionPolicy.DEFAULT_TOP_LEVEL_ONLY);
        assertThat(policy.getPauseBetweenBatches())
                .isEqualTo(RetentionPolicy.DEFAULT_PAUSE_BETWEEN_BATCHES);
    }

    /** The reason given for {@code property} in the startup failure; fails when there is none. */
    private static String reasonFor(Throwable failure, String property) {
        assertThat(failure).as("the startup failed").isNotNull();
        BindValidationException bind = findCause(failure);
        return bind.getValidationErrors().getAllErrors().stream()
                .filter(e -> e instanceof FieldError f
                        && (f.getObjectName() + "." + f.getField()).equals(property))
                .map(ObjectError::getDefaultMessage)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error on " + property + " in: "
                        + NestedExceptionUtils.getMostSpecificCause(failure).getMessage()));
    }

    private static BindValidationException findCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindValidationException b) {
                return b;
            }
        }
        throw new AssertionError("not a validation failure: " + failure, failure);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }
}
