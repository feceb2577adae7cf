package dev.flowsweep.jdbc;

/** The JDBC-only tests on H2 (see {@link TestDatabase#h2()}). */
class H2AdapterTest extends JdbcAdapterSuite {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
