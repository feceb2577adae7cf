package dev.flowsweep.spring.boot;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link StarterIntegrationTest} on PostgreSQL ({@code FLOWSWEEP_PG_URL}, else an embedded one), in a schema of its
 * own from the shared test support. The application context closes with the class (the purger and retention stop),
 * before the test support drops the schema when the class's extension context closes.
 */
@UseDatabase(DatabaseKind.POSTGRESQL)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresStarterTest extends StarterIntegrationTest {
    private static TestDatabase database;

    @BeforeAll
    static void open(TestDatabase db) {
        database = db;
    }

    @DynamicPropertySource
    static void dataSource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database.jdbcUrl());
    }
}
