package dev.flowsweep.cli;

import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.Nested;

/**
 * The commands with {@code --layout prefect} on Prefect's own PostgreSQL schema at its tested head (a database of its
 * own on FLOWSWEEP_PG_URL's server, or an embedded one), and what only Prefect's layout has ({@link CliPrefectSuite}).
 */
@UseDatabase(DatabaseKind.PREFECT_POSTGRESQL)
class CliPrefectPostgresTest extends CliCommandsContract {
    @Nested
    class Prefect extends CliPrefectSuite {
    }
}
