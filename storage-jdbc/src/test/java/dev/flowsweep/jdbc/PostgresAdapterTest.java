package dev.flowsweep.jdbc;

/** The JDBC-only tests on Postgres (see {@link TestDatabase#postgres()}). */
class PostgresAdapterTest extends JdbcAdapterSuite {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
