package dev.flowsweep.cli;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.Nested;

/**
 * The commands with {@code --layout prefect} on Prefect's own SQLite schema at its tested head (a temporary file),
 * and what only Prefect's layout has ({@link CliPrefectSuite}).
 */
@UseDatabase(DatabaseKind.PREFECT_SQLITE)
class CliPrefectSqliteTest extends CliCommandsContract {
    @Nested
    class Prefect extends CliPrefectSuite {
    }
}
