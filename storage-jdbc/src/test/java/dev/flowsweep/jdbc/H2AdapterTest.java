package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The JDBC-only tests on H2. */
@UseDatabase(DatabaseKind.H2)
class H2AdapterTest extends JdbcAdapterSuite {
}
