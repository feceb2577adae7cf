package dev.flowsweep.examples.server;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.spi.FlowsweepStorage;

/** The server's HTTP contract on PostgreSQL ({@code FLOWSWEEP_PG_URL}, or an embedded one). */
class ServerPostgresTest extends ServerContractTest {
    private TestDatabases.Isolated database;

    @Override
    protected FlowsweepStorage openStorage() throws Exception {
        database = TestDatabases.postgres();
        return new JdbcStorage(database.dataSource());
    }

    @Override
    protected void closeStorage(FlowsweepStorage storage) throws Exception {
        storage.close();
        database.close();
    }
}
