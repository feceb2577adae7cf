package dev.flowsweep.spring.boot;

import org.springframework.test.context.TestPropertySource;

/** {@link StarterIntegrationTest} on an in-memory H2 database. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:flowsweep-starter;DB_CLOSE_DELAY=-1")
class H2StarterTest extends StarterIntegrationTest {
}
