package dev.flowsweep.examples.server;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;

/**
 * The server's HTTP contract on MariaDB ({@code FLOWSWEEP_MARIADB_URL}; skipped when unset, unless
 * {@code FLOWSWEEP_REQUIRE_DBS=1}), in a database of its own.
 */
@UseDatabase(DatabaseKind.MARIADB)
class ServerMariaDbTest extends ServerContractTest {
    private final TestDatabase database;

    ServerMariaDbTest(TestDatabase database) {
        this.database = database;
    }

    @Override
    protected FlowsweepStorage openStorage() {
        return new JdbcStorage(database.dataSource());
    }
}
