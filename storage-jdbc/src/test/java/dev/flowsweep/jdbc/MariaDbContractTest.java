package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The shared contract suite on MariaDB ({@code FLOWSWEEP_MARIADB_URL}; skipped without it unless required). */
@UseDatabase(DatabaseKind.MARIADB)
class MariaDbContractTest extends JdbcContractSuite {
}
