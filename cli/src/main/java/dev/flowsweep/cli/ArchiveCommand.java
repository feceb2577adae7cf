package dev.flowsweep.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code flowsweep archive}: what deletes with {@code --archive} kept, listed, exported and dropped. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = {
                "The archive: JSON documents of the rows that deletes with --archive removed (runs, task runs, on "
                        + "Prefect's layout their states, and the logs the purge deleted for them), kept in "
                        + "Flowsweep's own table <prefix>archive with the batch, reason, actor and time.",
                "list shows the batches, export writes the documents to a JSON Lines file (gzip when it ends in .gz), "
                        + "drop deletes the old ones."},
        subcommands = {ArchiveListCommand.class, ArchiveExportCommand.class, ArchiveDropCommand.class,
                CommandLine.HelpCommand.class})
final class ArchiveCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    FlowsweepCli cli;

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, on stderr, and exit code 1. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("flowsweep archive: say which: list, export or drop");
        spec.commandLine().usage(spec.commandLine().getErr());
        return FlowsweepCli.EXIT_REFUSED;
    }
}
