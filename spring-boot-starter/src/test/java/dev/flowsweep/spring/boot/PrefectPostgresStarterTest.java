package dev.flowsweep.spring.boot;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.Layout;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StarterIntegrationTest} with {@code flowsweep.storage.layout=prefect} on a Prefect server's own PostgreSQL
 * database (Prefect's schema at its tested head, in a database of its own on {@code FLOWSWEEP_PG_URL}'s server or an
 * embedded one): the same application, on Prefect's tables.
 */
@UseDatabase(DatabaseKind.PREFECT_POSTGRESQL)
@TestPropertySource(properties = "flowsweep.storage.layout=prefect")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PrefectPostgresStarterTest extends StarterIntegrationTest {
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

    @Override
    protected String lockRunSql() {
        return "SELECT id FROM flow_run WHERE id = ? FOR UPDATE";
    }

    @Test
    void theStorageIsOnPrefectsTablesAndAdvisesTheTagsIndex() {
        assertThat(jdbcStorage.layout()).isEqualTo(Layout.PREFECT);
        assertThat(jdbcStorage.describe()).contains("Prefect's tables (alembic 9e9dadc36797)");
        assertThat(jdbcStorage.advisedIndexes()).containsExactly("CREATE INDEX CONCURRENTLY IF NOT EXISTS "
                + "flowsweep_advised_flow_run_tags ON flow_run USING gin (tags)");
        assertThat(database.tables()).contains("flowsweep_schema_version", "flowsweep_log_purge_queue",
                "flowsweep_lease").doesNotContain("flowsweep_flow_run");
    }
}
