package dev.flowsweep.cli;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;

/** The commands against an in-memory H2 database. */
@UseDatabase(DatabaseKind.H2)
class CliH2Test extends CliCommandsContract {
}
