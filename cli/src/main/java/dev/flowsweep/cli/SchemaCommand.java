package dev.flowsweep.cli;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.SchemaMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code flowsweep schema create|validate}. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Creates or validates Flowsweep's tables (the scripts shipped in flowsweep-storage-jdbc, "
                + "db/<dialect>/V*.sql).",
        subcommands = {SchemaCommand.Create.class, SchemaCommand.Validate.class})
final class SchemaCommand implements Callable<Integer> {
    @ParentCommand
    FlowsweepCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("flowsweep schema: say create or validate");
        spec.commandLine().usage(spec.commandLine().getErr());
        return FlowsweepCli.EXIT_REFUSED;
    }

    /** {@code flowsweep schema create}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates the tables that are missing and migrates an older schema forward (safe to run "
                    + "again, and from several instances at once)")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        SchemaCommand schema;

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions db;

        @Override
        public Integer call() {
            try (Database database = db.open(schema.cli.env(), SchemaMode.CREATE)) {
                JdbcStorage storage = database.storage();
                spec.commandLine().getOut().println("schema v" + storage.schemaVersion() + " ready: "
                        + storage.describe());
            }
            return FlowsweepCli.EXIT_OK;
        }
    }

    /** {@code flowsweep schema validate}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks that every table and column is there at this release's schema version; changes "
                    + "nothing")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        SchemaCommand schema;

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions db;

        @Override
        public Integer call() {
            try (Database database = db.open(schema.cli.env(), SchemaMode.VALIDATE)) {
                JdbcStorage storage = database.storage();
                spec.commandLine().getOut().println("schema v" + storage.schemaVersion() + " valid: "
                        + storage.describe());
            }
            return FlowsweepCli.EXIT_OK;
        }
    }
}
