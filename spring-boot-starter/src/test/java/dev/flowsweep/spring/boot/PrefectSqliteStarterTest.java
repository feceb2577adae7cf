package dev.flowsweep.spring.boot;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.Layout;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link StarterIntegrationTest} with {@code flowsweep.storage.layout=prefect} on a Prefect server's SQLite file
 * (Prefect's schema at its tested head). SQLite has one writer at a time and no row locks, so the two transaction
 * tests take SQLite's form: a bulk delete called inside the caller's transaction before it writes commits on its own,
 * and once the caller's transaction has written anything (it then holds the file's write lock) a bulk delete waits
 * for it and fails after the lock timeout, changing nothing. Also: a Prefect revision the release was not tested with
 * stops the startup until {@code flowsweep.storage.accept-prefect-revisions} names it.
 */
@UseDatabase(DatabaseKind.PREFECT_SQLITE)
@TestPropertySource(properties = {"flowsweep.storage.layout=prefect", "flowsweep.storage.lock-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PrefectSqliteStarterTest extends StarterIntegrationTest {
    private static TestDatabase database;

    @Autowired
    JdbcStorage jdbcStorage;

    @BeforeAll
    static void open(TestDatabase db) {
        database = db;
    }

    @DynamicPropertySource
    static void dataSource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database.jdbcUrl());
    }

    @Test
    void theStorageIsOnPrefectsSqliteTables() {
        assertThat(jdbcStorage.layout()).isEqualTo(Layout.PREFECT);
        assertThat(jdbcStorage.describe()).startsWith("jdbc:sqlite").contains("Prefect's tables (alembic f416ea180ae1)");
        assertThat(jdbcStorage.advisedIndexes()).isEmpty();
    }

    @Override
    @Test
    void aBulkDeleteInsideTheCallersTransactionCommitsOnItsOwn() {
        FlowRun run = fixture.run(b -> b.state(StateType.COMPLETED).tags(tag));
        jdbc.execute("CREATE TABLE IF NOT EXISTS app_note (note VARCHAR(64))");
        transaction.executeWithoutResult(status -> {
            BulkDeleteResult result = service.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll(tag)
                    .build()));
            assertThat(result.deleted()).containsExactly(run.id());
            jdbc.update("INSERT INTO app_note (note) VALUES (?)", tag);
            status.setRollbackOnly();
        });
        assertThat(fixture.exists(run.id())).as("the deletion stays committed").isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_note WHERE note = ?", Long.class, tag))
                .as("the caller's own work is rolled back").isZero();
    }

    @Override
    @Test
    void aRunLockedByTheCallersTransactionMakesTheBulkDeleteFail() {
        FlowRun run = fixture.run(b -> b.state(StateType.COMPLETED).tags(tag));
        jdbc.execute("CREATE TABLE IF NOT EXISTS app_note (note VARCHAR(64))");
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO app_note (note) VALUES (?)", tag);   // the caller now holds the write lock
            service.bulkDelete(BulkDeleteRequest.of(FlowRunFilter.builder().tagsAll(tag).build()));
        })).isInstanceOf(FlowsweepStorageException.class)
                .satisfies(e -> assertThat(((FlowsweepStorageException) e).isTransient()).isTrue());
        assertThat(fixture.exists(run.id())).isTrue();
    }

    @Test
    void aPrefectRevisionNotTestedStopsTheStartupUntilAccepted(
            @UseDatabase(DatabaseKind.PREFECT_SQLITE) TestDatabase other) {
        other.execute("UPDATE alembic_version SET version_num = 'abc123def456'");
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withConfiguration(FlowsweepAutoConfigurationTest.FLOWSWEEP)
                .withPropertyValues("spring.datasource.url=" + other.jdbcUrl(), "flowsweep.storage.layout=prefect",
                        "flowsweep.retention.enabled=false");

        runner.run(context -> assertThat(context.getStartupFailure()).isNotNull().rootCause()
                .hasMessageContaining("the Prefect database is at Alembic revision abc123def456"));
        runner.withPropertyValues("flowsweep.storage.accept-prefect-revisions=abc123def456")
                .run(context -> assertThat(context.getBean(JdbcStorage.class).describe())
                        .contains("Prefect's tables (alembic abc123def456)"));
    }
}
