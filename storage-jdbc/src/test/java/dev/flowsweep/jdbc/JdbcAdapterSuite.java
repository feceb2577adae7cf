package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The JDBC-only tests (schema, durable purge, bulk delete under failures and at scale, transactions) on the
 * database a subclass names with {@link UseDatabase}, opened once for the class in a schema or database of its own
 * and dropped afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcAdapterSuite {
    private TestDatabase db;

    @BeforeAll
    void open(TestDatabase database) {
        db = database;
    }

    @Nested
    class Schema extends SchemaTests {
        @Override
        protected TestDatabase database() {
            return db;
        }
    }

    @Nested
    class Purge extends PurgeTests {
        @Override
        protected TestDatabase database() {
            return db;
        }
    }

    @Nested
    class BulkDelete extends BulkDeleteTests {
        @Override
        protected TestDatabase database() {
            return db;
        }
    }

    @Nested
    class Transactions extends TransactionTests {
        @Override
        protected TestDatabase database() {
            return db;
        }
    }
}
