package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The shared contract suite on Prefect's PostgreSQL schema ({@code FLOWSWEEP_PG_URL}, or an embedded PostgreSQL). */
@UseDatabase(DatabaseKind.PREFECT_POSTGRESQL)
class PrefectPostgresContractTest extends PrefectContractSuite {
}
