package dev.flowsweep.examples.server;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.spi.FlowsweepStorage;

/**
 * The server's HTTP contract on MariaDB ({@code FLOWSWEEP_MARIADB_URL}; skipped when unset, unless
 * {@code FLOWSWEEP_REQUIRE_DBS=1}).
 */
class ServerMariaDbTest extends ServerContractTest {
    private TestDatabases.Isolated database;

    @Override
    protected FlowsweepStorage openStorage() throws Exception {
        database = TestDatabases.mariaDb();
        return new JdbcStorage(database.dataSource());
    }

    @Override
    protected void closeStorage(FlowsweepStorage storage) throws Exception {
        storage.close();
        database.close();
    }
}
