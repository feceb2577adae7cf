package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The operations contract on embedded H2. */
@UseDatabase(DatabaseKind.H2)
class H2OperationsTest extends JdbcOperationsSuite {
}
