package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The JDBC-only tests on MariaDb. */
@UseDatabase(DatabaseKind.MARIADB)
class MariaDbAdapterTest extends JdbcAdapterSuite {
}
