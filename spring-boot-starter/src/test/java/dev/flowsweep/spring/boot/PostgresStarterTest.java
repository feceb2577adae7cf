package dev.flowsweep.spring.boot;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link StarterIntegrationTest} on PostgreSQL ({@code FLOWSWEEP_PG_URL}, else an embedded one), in a schema of its
 * own that is dropped when the application closes, after the purger and retention have stopped.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(PostgresStarterTest.DropSchema.class)
class PostgresStarterTest extends StarterIntegrationTest {
    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @DynamicPropertySource
    static void dataSource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
    }

    /** Destroyed with the application context: beans are destroyed after every lifecycle bean has stopped. */
    static class DropSchema implements DisposableBean {
        @Override
        public void destroy() {
            DATABASE.drop();
        }
    }
}
