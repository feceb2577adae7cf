package dev.flowsweep.cli;

/** The commands against MariaDB, in a database of FLOWSWEEP_MARIADB_URL (skipped without it unless FLOWSWEEP_REQUIRE_DBS=1). */
class CliMariaDbTest extends CliCommandsContract {
    @Override
    protected CliDatabase openDatabase() {
        return CliDatabase.mariaDb();
    }
}
