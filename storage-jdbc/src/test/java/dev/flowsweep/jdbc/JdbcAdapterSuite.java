package dev.flowsweep.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * The JDBC-only tests (schema, durable purge, bulk delete under failures and at scale, transactions) on one
 * database, opened once for the class in a schema or database of its own and dropped afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcAdapterSuite {
    private TestDatabase db;
    private TestAbortedException unavailable;

    protected abstract TestDatabase openDatabase();

    /** Opens the database; when it is unavailable (and may be skipped), every test is skipped with the reason. */
    @BeforeAll
    void open() {
        try {
            db = openDatabase();
        } catch (TestAbortedException e) {
            unavailable = e;
        }
    }

    private TestDatabase db() {
        if (unavailable != null) {
            Assumptions.abort(unavailable.getMessage());
        }
        return db;
    }

    @AfterAll
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Nested
    class Schema extends SchemaTests {
        @Override
        protected TestDatabase database() {
            return db();
        }
    }

    @Nested
    class Purge extends PurgeTests {
        @Override
        protected TestDatabase database() {
            return db();
        }
    }

    @Nested
    class BulkDelete extends BulkDeleteTests {
        @Override
        protected TestDatabase database() {
            return db();
        }
    }

    @Nested
    class Transactions extends TransactionTests {
        @Override
        protected TestDatabase database() {
            return db();
        }
    }
}
