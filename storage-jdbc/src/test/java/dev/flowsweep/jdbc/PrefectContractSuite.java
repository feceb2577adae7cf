package dev.flowsweep.jdbc;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testkit.StorageContract;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared contract suite on Prefect's layout, on the Prefect database a subclass names with {@link UseDatabase}:
 * Flowsweep's bookkeeping tables are created once per class, and each test gets a storage on emptied tables. Prefect's
 * {@code name} columns are NOT NULL, so a run created without a name gets a generated one, the one difference the
 * suite allows ({@link #namesAreGeneratedWhenMissing()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PrefectContractSuite extends StorageContract {
    private TestDatabase db;

    @BeforeAll
    void createSchema(TestDatabase database) {
        db = database;
        PrefectTables.storage(db).close();
    }

    @Override
    protected FlowsweepStorage createStorage() {
        PrefectTables.empty(db);
        return PrefectTables.storage(db);
    }

    @Override
    protected boolean namesAreGeneratedWhenMissing() {
        return true;
    }
}
