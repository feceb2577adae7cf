package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The shared contract suite on PostgreSQL ({@code FLOWSWEEP_PG_URL}, or an embedded PostgreSQL). */
@UseDatabase(DatabaseKind.POSTGRESQL)
class PostgresContractTest extends JdbcContractSuite {
}
