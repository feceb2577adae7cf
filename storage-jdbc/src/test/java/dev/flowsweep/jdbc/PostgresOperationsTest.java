package dev.flowsweep.jdbc;

/** The operations contract on PostgreSQL ({@code FLOWSWEEP_PG_URL}, or an embedded PostgreSQL). */
class PostgresOperationsTest extends JdbcOperationsSuite {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
