package dev.flowsweep.cli;

import org.junit.jupiter.api.Nested;

/**
 * The commands run in process against a real database, one suite per command. A subclass per database names the
 * database with {@code @UseDatabase} and nothing else (see {@link CliH2Test}); every suite nested here then runs on it,
 * each test on a new, empty database ({@link CliSuite}).
 */
abstract class CliCommandsContract {

    @Nested
    class Schema extends CliSchemaSuite {
    }

    @Nested
    class Delete extends CliDeleteSuite {
    }

    @Nested
    class Drain extends CliDrainSuite {
    }

    @Nested
    class Retention extends CliRetentionSuite {
    }

    @Nested
    class PurgeStatus extends CliPurgeStatusSuite {
    }

    @Nested
    class DryRun extends CliDryRunSuite {
    }

    @Nested
    class Report extends CliReportSuite {
    }

    @Nested
    class Failures extends CliFailuresSuite {
    }

    @Nested
    class Archive extends CliArchiveSuite {
    }
}
