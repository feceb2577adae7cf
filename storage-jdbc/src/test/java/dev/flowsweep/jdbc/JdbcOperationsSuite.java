package dev.flowsweep.jdbc;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testkit.OperationsContract;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

/**
 * The operations contract (leases, orphaned logs, retention, deletion events) on the database a subclass names
 * with {@link UseDatabase}. The "second instance" is a second {@link JdbcStorage} on the same database, as another
 * process would open it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcOperationsSuite extends OperationsContract {
    private TestDatabase db;

    @BeforeAll
    void createSchema(TestDatabase database) {
        db = database;
        new JdbcStorage(db.dataSource()).close();
    }

    @Override
    protected FlowsweepStorage createStorage() {
        JdbcTestSupport.deleteAllRows(db, JdbcStorage.DEFAULT_TABLE_PREFIX);
        db.deleteFrom(List.of(JdbcStorage.DEFAULT_TABLE_PREFIX + "lease"));
        return new JdbcStorage(db.dataSource());
    }

    @Override
    protected FlowsweepStorage openSecondStorage(FlowsweepStorage first) {
        return new JdbcStorage(db.dataSource());
    }
}
