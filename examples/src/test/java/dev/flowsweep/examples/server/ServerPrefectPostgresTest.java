package dev.flowsweep.examples.server;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.Layout;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.Nested;

/**
 * The server's HTTP contract on a Prefect server's own PostgreSQL database ({@code Layout.PREFECT}): Prefect's schema
 * at its tested head, on {@code FLOWSWEEP_PG_URL}'s server or an embedded one.
 */
@UseDatabase(DatabaseKind.PREFECT_POSTGRESQL)
class ServerPrefectPostgresTest extends ServerContractTest {
    private final TestDatabase database;

    ServerPrefectPostgresTest(TestDatabase database) {
        this.database = database;
    }

    @Override
    protected FlowsweepStorage openStorage() {
        return JdbcStorage.builder(database.dataSource()).layout(Layout.PREFECT).build();
    }

    /** What the routes write, in Prefect's own tables. */
    @Nested
    class PrefectRows extends ServerPrefectRowsSuite {
        @Override
        protected ServerFixture fixture() {
            return server();
        }

        @Override
        protected TestDatabase database() {
            return database;
        }
    }
}
