package dev.flowsweep.jdbc;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testkit.StorageContract;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared contract suite on the database a subclass names with {@link UseDatabase}: the schema is created once
 * per class (in the class's own schema or database, dropped after it), and each test gets a {@link JdbcStorage} on
 * emptied tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcContractSuite extends StorageContract {
    private TestDatabase db;

    @BeforeAll
    void createSchema(TestDatabase database) {
        db = database;
        new JdbcStorage(db.dataSource()).close();
    }

    @Override
    protected FlowsweepStorage createStorage() {
        JdbcTestSupport.deleteAllRows(db, JdbcStorage.DEFAULT_TABLE_PREFIX);
        return new JdbcStorage(db.dataSource());
    }
}
