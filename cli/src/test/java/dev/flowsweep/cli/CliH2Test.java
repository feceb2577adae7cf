package dev.flowsweep.cli;

/** The commands against an in-memory H2 database. */
class CliH2Test extends CliCommandsContract {
    @Override
    protected CliDatabase openDatabase() {
        return CliDatabase.h2();
    }
}
