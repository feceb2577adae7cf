package dev.flowsweep.jdbc;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testkit.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared contract suite on one database: the schema is created once per class (its own schema or database),
 * and each test gets a {@link JdbcStorage} on emptied tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcContractSuite extends StorageContract {
    private TestDatabase db;

    /** The database this class runs on. */
    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void startDatabase() {
        db = openDatabase();
        new JdbcStorage(db.dataSource()).close();
    }

    @AfterAll
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected FlowsweepStorage createStorage() {
        db.deleteAllRows(JdbcStorage.DEFAULT_TABLE_PREFIX);
        return new JdbcStorage(db.dataSource());
    }
}
