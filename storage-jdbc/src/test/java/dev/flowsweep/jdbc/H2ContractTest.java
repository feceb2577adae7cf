package dev.flowsweep.jdbc;

/** The shared contract suite on embedded H2. */
class H2ContractTest extends JdbcContractSuite {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
