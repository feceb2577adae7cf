package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The JDBC-only tests on Postgres. */
@UseDatabase(DatabaseKind.POSTGRESQL)
class PostgresAdapterTest extends JdbcAdapterSuite {
}
