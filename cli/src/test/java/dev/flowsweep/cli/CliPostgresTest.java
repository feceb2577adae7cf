package dev.flowsweep.cli;

/** The commands against PostgreSQL, in a schema of FLOWSWEEP_PG_URL (skipped without it unless FLOWSWEEP_REQUIRE_DBS=1). */
class CliPostgresTest extends CliCommandsContract {
    @Override
    protected CliDatabase openDatabase() {
        return CliDatabase.postgres();
    }
}
