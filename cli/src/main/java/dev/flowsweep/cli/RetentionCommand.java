package dev.flowsweep.cli;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.SchemaMode;
import dev.flowsweep.model.StateType;
import dev.flowsweep.retention.BatchWindows;
import dev.flowsweep.retention.OrphanLogSweep;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionPreview;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionRunListener;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeletionPreview;
import dev.flowsweep.service.DrainProgress;
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
import java.util.concurrent.Callable;

/** {@code flowsweep retention}: one run of a retention policy now, or its dry run. */
@Command(name = "retention", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Deletes the finished flow runs older than --older-than: by default top-level runs in a terminal state "
                        + "(COMPLETED, FAILED, CANCELLED, CRASHED) whose end_time is strictly before now minus the age, "
                        + "as Prefect's db_vacuum service does, in batches of --batch-size.",
                "Takes the policy's lease in the database first, so it never runs at the same time as the same policy "
                        + "(--name) of another Flowsweep instance; if one holds it, it is skipped."},
        footer = {"", "Examples:",
                "  flowsweep retention --jdbc-url jdbc:postgresql://db/prefect --older-than 30d --dry-run",
                "  flowsweep retention --jdbc-url jdbc:postgresql://db/prefect --older-than 30d \\",
                "      --state COMPLETED,CANCELLED --batch-size 200 --pause 200ms --orphan-logs"})
final class RetentionCommand implements Callable<Integer> {
    @ParentCommand
    FlowsweepCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--older-than", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Runs whose end_time is more than this long ago, e.g. 30d, 12h, 90m")
    Duration olderThan;

    @Option(names = "--state", paramLabel = "TYPE", split = ",",
            description = "State types to delete (default: COMPLETED,FAILED,CANCELLED,CRASHED); any of ${COMPLETION-CANDIDATES}")
    List<StateType> states;

    @Option(names = "--any-state", description = "Runs in any state (and without one)")
    boolean anyState;

    @Option(names = "--include-subflows", description = "Also subflow runs (parent_task_run_id set); by default only "
            + "top-level runs")
    boolean includeSubflows;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Only runs also matching (optional, one of):%n")
    FilterOptions filter;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + RetentionPolicy.DEFAULT_BATCH_SIZE,
            description = "Runs per batch (per transaction), 1.." + BulkDeleteService.DEFAULT_LIMIT_CAP
                    + " (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--pause", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "Pause between batches, to let other work through (default: ${DEFAULT-VALUE})")
    Duration pause;

    @Option(names = "--time-budget", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Start no batch after this long (default: none)")
    Duration timeBudget;

    @Option(names = "--window", paramLabel = "WINDOW",
            description = "Run only inside this batch window, e.g. 'Mon-Fri 01:00-05:00 Europe/Berlin' (repeatable: "
                    + "any one open will do): DAYS (Mon-Fri, Sat,Sun or *) START-END (HH:MM; an end not after the "
                    + "start crosses midnight, 00:00-24:00 is a whole day) and a time zone (default UTC). Outside "
                    + "them the run is skipped; when they close it stops after the batch in flight")
    List<String> windows;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "cli",
            description = "The policy's name: it names its lease and the RETENTION:<name> reason of its deletions "
                    + "(default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--dry-run", description = "Show the cutoff, the filter, how many runs match, how many rows each "
            + "table would lose and the first ids; change nothing")
    boolean dryRun;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20",
            description = "How many ids --dry-run lists (default: ${DEFAULT-VALUE})")
    int show;

    @Option(names = "--orphan-logs", description = "Also delete orphaned logs: logs whose run no longer exists")
    boolean orphanLogs;

    @Option(names = "--orphan-grace", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "Only orphaned logs older than this, by timestamp (default: ${DEFAULT-VALUE})")
    Duration orphanGrace;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "Owner written into the lease (default: $HOSTNAME:<pid>:<random>)")
    String instanceId;

    @Mixin
    DeletionOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RetentionPolicy policy = policy();
        if (show < 0) {
            throw new CliInputException("--show must not be negative");
        }
        String actor = options.actor(cli.env());
        try (Database database = db.open(cli.env(), SchemaMode.VALIDATE)) {
            JdbcStorage storage = database.storage();
            BulkDeleteService deletes = options.service(storage, false, err);
            Progress[] progress = {null};
            RetentionService.Builder b = RetentionService.builder(deletes).policy(policy).actor(actor)
                    .noOrphanLogSweep().orphanLogGrace(orphanGrace)
                    .runListener(new RetentionRunListener() {
                        @Override
                        public void onBatch(RetentionPolicy p, DrainProgress d) {
                            if (progress[0] != null) {
                                progress[0].update(d.deleted(), d.batches(), d.elapsed());
                            }
                        }
                    });
            if (instanceId != null) {
                b.instanceId(instanceId);
            }
            try (RetentionService retention = b.build()) {
                RetentionPreview preview = retention.dryRun(policy.name(), dryRun ? show : 0);
                if (dryRun) {
                    printPreview(out, preview, deletes.preview(preview.filter(), null, 0));
                    return FlowsweepCli.EXIT_OK;
                }
                progress[0] = new Progress(options.json ? err : out, cli.console() && !options.json,
                        preview.matching(), policy.batchSize());
                RetentionRun run;
                try {
                    run = retention.runNow(policy.name());
                } finally {
                    progress[0].finish();
                }
                OrphanLogSweep sweep = orphanLogs && !run.outcome().skipped() ? retention.sweepOrphanLogs() : null;
                printRun(out, run, sweep);
                if (run.outcome() == RetentionRun.Outcome.SKIPPED_LEASE_HELD) {
                    err.println("flowsweep: retention " + policy.name() + " skipped: its lease is " + run.message());
                }
                if (run.outcome() == RetentionRun.Outcome.FAILED
                        || (sweep != null && sweep.outcome() == RetentionRun.Outcome.FAILED)) {
                    err.println(run.outcome() == RetentionRun.Outcome.FAILED
                            ? "flowsweep: retention " + run.policy() + " failed after " + run.batches()
                            + " committed batch(es) whose " + run.deleted() + " run(s) stay deleted: " + run.message()
                            : "flowsweep: orphaned-log sweep failed: " + sweep.message());
                    err.flush();
                    return FlowsweepCli.EXIT_FAILURE;
                }
                return Commands.afterDelete(storage, options, run.deleted(), err);
            }
        }
    }

    /** The policy the options describe. */
    RetentionPolicy policy() {
        if (anyState && states != null) {
            throw new CliInputException("--state and --any-state exclude each other");
        }
        if (batchSize < 1 || batchSize > BulkDeleteService.DEFAULT_LIMIT_CAP) {
            throw new CliInputException("--batch-size must be between 1 and " + BulkDeleteService.DEFAULT_LIMIT_CAP
                    + ", was " + batchSize);
        }
        if (olderThan == null && filter == null) {
            throw new CliInputException("give --older-than (e.g. 30d), or a --filter, to say which runs are old");
        }
        try {
            RetentionPolicy.Builder b = RetentionPolicy.builder(name).olderThan(olderThan)
                    .topLevelOnly(!includeSubflows).batchSize(batchSize).pauseBetweenBatches(pause)
                    .timeBudget(timeBudget).archive(options.archive);
            if (filter != null) {
                b.filter(filter.read());
            }
            if (windows != null) {
                b.windows(BatchWindows.parse(windows));
            }
            if (anyState) {
                b.anyState();
            } else if (states != null) {
                b.states(states);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CliInputException(e.getMessage(), e);
        }
    }

    private void printPreview(PrintWriter out, RetentionPreview p, DeletionPreview impact) {
        String filterJson = FilterOptions.JSON.writeString(p.filter());
        if (options.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dry_run", true);
            m.put("policy", p.policy());
            m.put("cutoff", p.cutoff() == null ? null : p.cutoff().toString());
            m.put("filter", filterJson);
            m.put("matching", p.matching());
            m.put("batches", p.batches());
            m.put("first_ids", Commands.strings(p.firstIds()));
            m.put("windows", windowsJson(policy().windows()));
            Impacts.putJson(m, impact);
            Commands.printJson(out, m);
            return;
        }
        out.println("dry run of retention " + p.policy() + ": " + p.matching() + " run(s) would be deleted in "
                + p.batches() + " batch(es) of " + p.batchSize() + "; nothing was changed");
        if (p.cutoff() != null) {
            out.println("cutoff: runs that ended before " + p.cutoff());
        }
        out.println("filter: " + filterJson);
        printWindows(out, policy().windows());
        Impacts.print(out, impact);
        if (!p.firstIds().isEmpty()) {
            out.println("first " + p.firstIds().size() + ":");
            p.firstIds().forEach(out::println);
        }
        out.flush();
    }

    private void printRun(PrintWriter out, RetentionRun run, OrphanLogSweep sweep) {
        if (options.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policy", run.policy());
            m.put("outcome", run.outcome().name());
            m.put("cutoff", run.cutoff() == null ? null : run.cutoff().toString());
            m.put("deleted", run.deleted());
            m.put("batches", run.batches());
            m.put("released_slots", Commands.strings(run.releasedSlots()));
            m.put("elapsed_ms", run.elapsed().toMillis());
            m.put("message", run.message());
            m.put("windows", windowsJson(policy().windows()));
            if (sweep != null) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("outcome", sweep.outcome().name());
                s.put("deleted", sweep.deleted());
                s.put("message", sweep.message());
                m.put("orphan_logs", s);
            }
            Commands.printJson(out, m);
            return;
        }
        out.println("retention " + run.policy() + ": deleted " + run.deleted() + " run(s) in " + run.batches()
                + " batch(es) in " + DurationConverter.format(run.elapsed()) + ", released " + run.totalReleasedSlots()
                + " concurrency slot(s); " + describe(run));
        printWindows(out, policy().windows());
        if (sweep != null) {
            out.println("orphaned logs: deleted " + sweep.deleted() + " (" + sweep.outcome() + ")");
        }
        out.flush();
    }

    /** The windows' text forms; empty when the policy may run at any time. */
    private static List<String> windowsJson(BatchWindows windows) {
        return windows.windows().stream().map(Object::toString).toList();
    }

    private static void printWindows(PrintWriter out, BatchWindows windows) {
        if (!windows.isAlways()) {
            java.time.Instant now = java.time.Instant.now();
            out.println("windows: " + windows + (windows.isOpen(now) ? " (open now, until "
                    + windows.closesAfter(now) + ")" : " (closed now; next opens at " + windows.nextOpening(now) + ")"));
        }
    }

    static String describe(RetentionRun run) {
        return switch (run.outcome()) {
            case COMPLETED -> "nothing old enough is left" + (run.cutoff() == null ? "" : " (cutoff " + run.cutoff() + ")");
            case TIME_BUDGET -> "stopped: the time budget is used up (run it again to go on)";
            case INTERRUPTED -> "stopped: interrupted (run it again to go on)";
            case CLOSED -> "stopped: closing";
            case LEASE_LOST -> "stopped: " + run.message();
            case FAILED -> "failed: " + run.message();
            case WINDOW_CLOSED -> "stopped: " + run.message();
            case SKIPPED_ALREADY_RUNNING, SKIPPED_LEASE_HELD, SKIPPED_OUTSIDE_WINDOW -> "skipped: " + run.message();
        };
    }
}
