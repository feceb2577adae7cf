package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The shared contract suite on embedded H2. */
@UseDatabase(DatabaseKind.H2)
class H2ContractTest extends JdbcContractSuite {
}
