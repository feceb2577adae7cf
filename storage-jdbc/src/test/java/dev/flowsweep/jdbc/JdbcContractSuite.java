package dev.flowsweep.jdbc;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testkit.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * The shared contract suite on one database: the schema is created once per class (its own schema or database),
 * and each test gets a {@link JdbcStorage} on emptied tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcContractSuite extends StorageContract {
    private TestDatabase db;
    private TestAbortedException unavailable;

    /** The database this class runs on. */
    protected abstract TestDatabase openDatabase();

    /** Opens the database; when it is unavailable (and may be skipped), every test is skipped with the reason. */
    @BeforeAll
    void startDatabase() {
        try {
            db = openDatabase();
        } catch (TestAbortedException e) {
            unavailable = e;
            return;
        }
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
        if (unavailable != null) {
            Assumptions.abort(unavailable.getMessage());
        }
        db.deleteAllRows(JdbcStorage.DEFAULT_TABLE_PREFIX);
        return new JdbcStorage(db.dataSource());
    }
}
