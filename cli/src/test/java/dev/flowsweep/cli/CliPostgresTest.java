package dev.flowsweep.cli;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The commands against PostgreSQL, in a schema of FLOWSWEEP_PG_URL, or of an embedded PostgreSQL when it is unset. */
@UseDatabase(DatabaseKind.POSTGRESQL)
class CliPostgresTest extends CliCommandsContract {
}
