package dev.flowsweep.jdbc;

/** The operations contract on MariaDB ({@code FLOWSWEEP_MARIADB_URL}; skipped without it unless required). */
class MariaDbOperationsTest extends JdbcOperationsSuite {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.mariaDb();
    }
}
