package dev.flowsweep.examples.server;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;

/** The server's HTTP contract on PostgreSQL ({@code FLOWSWEEP_PG_URL}, or an embedded one), in a schema of its own. */
@UseDatabase(DatabaseKind.POSTGRESQL)
class ServerPostgresTest extends ServerContractTest {
    private final TestDatabase database;

    ServerPostgresTest(TestDatabase database) {
        this.database = database;
    }

    @Override
    protected FlowsweepStorage openStorage() {
        return new JdbcStorage(database.dataSource());
    }
}
