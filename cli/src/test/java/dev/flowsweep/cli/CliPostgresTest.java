package dev.flowsweep.cli;

/** The commands against PostgreSQL, in a schema of FLOWSWEEP_PG_URL, or of an embedded PostgreSQL when it is unset. */
class CliPostgresTest extends CliCommandsContract {
    @Override
    protected CliDatabase openDatabase() {
        return CliDatabase.postgres();
    }
}
