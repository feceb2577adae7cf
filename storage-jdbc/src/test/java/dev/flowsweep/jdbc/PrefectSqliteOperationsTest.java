package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The operations contract on Prefect's SQLite schema, in a file of its own. */
@UseDatabase(DatabaseKind.PREFECT_SQLITE)
class PrefectSqliteOperationsTest extends PrefectOperationsSuite {
}
