package dev.flowsweep.jdbc;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testkit.OperationsContract;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The operations contract (leases, orphaned logs, retention, deletion events) on Prefect's layout, on the Prefect
 * database a subclass names with {@link UseDatabase}; the "second instance" is a second storage on the same database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PrefectOperationsSuite extends OperationsContract {
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
    protected FlowsweepStorage openSecondStorage(FlowsweepStorage first) {
        return PrefectTables.storage(db);
    }

    @Override
    protected boolean namesAreGeneratedWhenMissing() {
        return true;
    }
}
