package dev.flowsweep.jdbc;

/** The shared contract suite on PostgreSQL ({@code FLOWSWEEP_PG_URL}, or an embedded PostgreSQL). */
class PostgresContractTest extends JdbcContractSuite {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
