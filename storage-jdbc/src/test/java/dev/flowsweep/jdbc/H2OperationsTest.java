package dev.flowsweep.jdbc;

/** The operations contract on embedded H2. */
class H2OperationsTest extends JdbcOperationsSuite {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
