package dev.flowsweep.jdbc;

/** The shared contract suite on MariaDB ({@code FLOWSWEEP_MARIADB_URL}; skipped without it unless required). */
class MariaDbContractTest extends JdbcContractSuite {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.mariaDb();
    }
}
