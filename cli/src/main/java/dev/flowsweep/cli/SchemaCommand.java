package dev.flowsweep.cli;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.Layout;
import dev.flowsweep.jdbc.SchemaMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code flowsweep schema create|validate}: Flowsweep's own tables, or with {@code --layout prefect} the four
 * bookkeeping tables beside a Prefect server's (Prefect's own are checked, never changed), and the indexes Flowsweep
 * advises there.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Creates or validates Flowsweep's tables (the scripts shipped in flowsweep-storage-jdbc, "
                + "db/<dialect>/V*.sql).",
                "With --layout prefect: checks that the database is a Prefect server's at an accepted Alembic revision "
                        + "and has every table and column Flowsweep uses; creates only Flowsweep's four tables beside "
                        + "Prefect's (db/prefect/<dialect>/V*.sql), never changes Prefect's; prints the indexes "
                        + "Flowsweep advises (it never creates them)."},
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

    /**
     * On Prefect's tables: the DDL of the indexes Flowsweep advises (one statement a line, ready for psql), or that
     * there is none. Flowsweep never runs them.
     */
    static void printAdvice(PrintWriter out, JdbcStorage storage) {
        if (storage.layout() != Layout.PREFECT) {
            return;
        }
        List<String> ddl = storage.advisedIndexes();
        if (ddl.isEmpty()) {
            out.println("advised indexes: none");
            return;
        }
        out.println("advised index" + (ddl.size() == 1 ? "" : "es") + " (Flowsweep never creates one; tag filters scan "
                + "flow_run without it; run it yourself if you wish):");
        for (String statement : ddl) {
            out.println(statement + ";");
        }
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
                PrintWriter out = spec.commandLine().getOut();
                out.println("schema v" + storage.schemaVersion() + " ready: " + storage.describe());
                if (storage.layout() == Layout.PREFECT) {
                    String p = storage.tablePrefix();
                    out.println("Prefect's tables were checked, not changed; Flowsweep's own beside them: " + p
                            + "schema_version, " + p + "log_purge_queue, " + p + "lease, " + p + "archive");
                }
                printAdvice(out, storage);
            }
            return FlowsweepCli.EXIT_OK;
        }
    }

    /** {@code flowsweep schema validate}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks that every table and column is there at this release's schema version (with "
                    + "--layout prefect: also Prefect's revision and tables), and prints the indexes Flowsweep advises; "
                    + "changes nothing")
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
                PrintWriter out = spec.commandLine().getOut();
                out.println("schema v" + storage.schemaVersion() + " valid: " + storage.describe());
                printAdvice(out, storage);
            }
            return FlowsweepCli.EXIT_OK;
        }
    }
}
