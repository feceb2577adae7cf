package dev.flowsweep.cli;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.SchemaMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code flowsweep archive drop}: deletes archived documents older than a duration, in bounded transactions. */
@Command(name = "drop", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Deletes the archived documents archived more than --older-than ago, "
                + ArchiveDropCommand.BATCH + " per transaction, until none is left. Export them first if you want "
                + "to keep them ('archive export --older-than …')."})
final class ArchiveDropCommand implements Callable<Integer> {
    /** Documents deleted per transaction. */
    static final int BATCH = 10_000;

    @ParentCommand
    ArchiveCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--older-than", paramLabel = "DURATION", required = true, converter = DurationConverter.class,
            description = "Drop the documents archived more than this long ago (e.g. 90d, 12h)")
    Duration olderThan;

    @Option(names = "--dry-run", description = "Count what would be dropped; change nothing")
    boolean dryRun;

    @Option(names = "--json", description = "Print the result as JSON on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (olderThan.isNegative() || olderThan.isZero()) {
            throw new CliInputException("--older-than must be positive, was " + DurationConverter.format(olderThan));
        }
        PrintWriter out = spec.commandLine().getOut();
        Instant before = Instant.now().minus(olderThan);
        try (Database database = db.open(parent.cli.env(), SchemaMode.VALIDATE)) {
            JdbcStorage storage = database.storage();
            long dropped = 0;
            if (dryRun) {
                dropped = storage.inTransaction(tx -> tx.archive().count(before));
            } else {
                while (!Thread.currentThread().isInterrupted()) {
                    int n = storage.inTransaction(tx -> tx.archive().drop(before, BATCH));
                    dropped += n;
                    if (n < BATCH) {
                        break;
                    }
                }
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dry_run", dryRun);
                m.put(dryRun ? "would_drop" : "dropped", dropped);
                m.put("archived_before", before.toString());
                Commands.printJson(out, m);
            } else {
                out.println((dryRun ? "dry run: would drop " : "dropped ") + dropped
                        + " archived document(s) archived before " + before + (dryRun ? "; nothing was changed" : ""));
            }
            out.flush();
            return FlowsweepCli.EXIT_OK;
        }
    }
}
