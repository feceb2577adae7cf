package dev.flowsweep.jdbc;

import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testkit.OperationsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The operations contract (leases, orphaned logs, retention, deletion events) on one database. The "second
 * instance" is a second {@link JdbcStorage} on the same database, as another process would open it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcOperationsSuite extends OperationsContract {
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
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM " + JdbcStorage.DEFAULT_TABLE_PREFIX + "lease");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the lease table of " + db, e);
        }
        return new JdbcStorage(db.dataSource());
    }

    @Override
    protected FlowsweepStorage openSecondStorage(FlowsweepStorage first) {
        return new JdbcStorage(db.dataSource());
    }
}
