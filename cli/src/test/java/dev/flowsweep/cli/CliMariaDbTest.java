package dev.flowsweep.cli;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The commands against MariaDB, in a database of FLOWSWEEP_MARIADB_URL (skipped without it unless FLOWSWEEP_REQUIRE_DBS=1). */
@UseDatabase(DatabaseKind.MARIADB)
class CliMariaDbTest extends CliCommandsContract {
}
