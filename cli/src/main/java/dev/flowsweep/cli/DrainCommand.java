package dev.flowsweep.cli;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.SchemaMode;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeletionPreview;
import dev.flowsweep.service.DrainProgress;
import dev.flowsweep.service.DrainResult;
import dev.flowsweep.spi.FlowsweepStorageException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code flowsweep drain}: batch after batch until nothing matches, with progress and a summary. */
@Command(name = "drain", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Deletes every flow run matching a filter, in batches of --batch-size, each batch its own transaction "
                        + "(so no transaction grows with the number of runs, and nothing times out).",
                "Stops when a batch comes back short, when --time-budget is used up, or on Ctrl-C (after the batch in "
                        + "flight). Shows a progress bar on a terminal, progress lines otherwise, then a summary."},
        footer = {"", "Example:",
                "  flowsweep drain --jdbc-url jdbc:h2:file:./flowsweep-data/flowsweep \\",
                "      --filter-file old-test-runs.json --batch-size 100 --time-budget 15m"})
final class DrainCommand implements Callable<Integer> {
    @ParentCommand
    FlowsweepCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Which runs (one of):%n")
    FilterOptions filter;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "200",
            description = "Runs per batch (per transaction), 1.." + BulkDeleteService.DEFAULT_LIMIT_CAP
                    + " (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--time-budget", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Start no batch after this long, e.g. 15m (default: none)")
    Duration timeBudget;

    @Option(names = "--dry-run", description = "Count what would be deleted now, and how many rows each table "
            + "would lose, and list the first batch; change nothing")
    boolean dryRun;

    @Option(names = "--allow-match-all",
            description = "Accept a filter that matches every run (e.g. {}); refused otherwise")
    boolean allowMatchAll;

    @Mixin
    DeletionOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FlowRunFilter f = filter.read();
        if (batchSize < 1 || batchSize > BulkDeleteService.DEFAULT_LIMIT_CAP) {
            throw new CliInputException("--batch-size must be between 1 and " + BulkDeleteService.DEFAULT_LIMIT_CAP
                    + ", was " + batchSize);
        }
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new CliInputException("--time-budget must be positive");
        }
        String actor = options.actor(cli.env());
        Commands.checkMatchAll(f, allowMatchAll);
        try (Database database = db.open(cli.env(), SchemaMode.VALIDATE)) {
            JdbcStorage storage = database.storage();
            BulkDeleteService service = options.service(storage, !allowMatchAll, err);
            long matching = Commands.count(storage, f);
            if (dryRun) {
                DeletionPreview preview = service.preview(f, null, batchSize);
                List<UUID> first = preview.firstIds();
                long batches = (preview.matching() + batchSize - 1) / batchSize;
                if (options.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("dry_run", true);
                    m.put("matching", preview.matching());
                    m.put("batches", batches);
                    m.put("first_batch", Commands.strings(first));
                    Impacts.putJson(m, preview);
                    Commands.printJson(out, m);
                } else {
                    out.println("dry run: " + preview.matching() + " matching run(s) would be deleted in " + batches
                            + " batch(es) of " + batchSize + "; nothing was changed");
                    Impacts.print(out, preview);
                    if (!first.isEmpty()) {
                        out.println("first batch:");
                        first.forEach(out::println);
                    }
                }
                return FlowsweepCli.EXIT_OK;
            }
            // With --json, stdout carries only the result: progress goes to stderr.
            Progress progress = new Progress(options.json ? err : out, cli.console() && !options.json, matching,
                    batchSize);
            DrainResult result;
            DrainProgress[] last = {null};
            try {
                result = service.drain(f, batchSize, timeBudget, actor, options.archive, p -> {
                    last[0] = p;
                    progress.update(p.deleted(), p.batches(), p.elapsed());
                });
            } catch (FlowsweepStorageException e) {
                int done = last[0] == null ? 0 : last[0].batches();
                err.println("flowsweep: drain failed in batch " + (done + 1) + ", rolled back, after " + done
                        + " committed batch(es) whose " + (last[0] == null ? 0 : last[0].deleted())
                        + " run(s) stay deleted: " + FlowsweepCli.describe(e));
                err.flush();
                return FlowsweepCli.EXIT_FAILURE;
            } finally {
                progress.finish();
            }
            if (options.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("deleted", result.deleted());
                m.put("batches", result.batches());
                m.put("released_slots", Commands.strings(result.releasedSlots()));
                m.put("stop_reason", result.stopReason().name());
                m.put("elapsed_ms", result.elapsed().toMillis());
                Commands.printJson(out, m);
            } else {
                out.println("deleted " + result.deleted() + " run(s) in " + result.batches() + " batch(es) in "
                        + DurationConverter.format(result.elapsed()) + ", released "
                        + result.releasedSlots().values().stream().mapToInt(Integer::intValue).sum()
                        + " concurrency slot(s); " + describe(result.stopReason()));
                out.flush();
            }
            return Commands.afterDelete(storage, options, result.deleted(), err);
        }
    }

    static String describe(DrainResult.StopReason reason) {
        return switch (reason) {
            case EXHAUSTED -> "nothing matching is left";
            case TIME_BUDGET -> "stopped: the time budget is used up (run it again to go on)";
            case INTERRUPTED -> "stopped: interrupted (run it again to go on)";
        };
    }
}
