package dev.flowsweep.jdbc;

/** The JDBC-only tests on MariaDb (see {@link TestDatabase#mariaDb()}). */
class MariaDbAdapterTest extends JdbcAdapterSuite {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.mariaDb();
    }
}
