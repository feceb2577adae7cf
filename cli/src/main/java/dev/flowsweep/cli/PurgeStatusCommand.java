package dev.flowsweep.cli;

import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.SchemaMode;
import dev.flowsweep.spi.PurgeQueueStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code flowsweep purge-status}: the log purge queue, and optionally carrying it out. */
@Command(name = "purge-status", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Shows the log purge queue: purges pending (the logs of deleted runs still to be deleted), purges "
                        + "failed (they used up their attempts and are retried every minute by a LogPurger), and "
                        + "the oldest one's age.",
                "--retry-failed makes the failed ones due again; --process carries the queue out now and waits."})
final class PurgeStatusCommand implements Callable<Integer> {
    @ParentCommand
    FlowsweepCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--retry-failed", description = "Make every failed purge due again, with its attempts reset")
    boolean retryFailed;

    @Option(names = "--process", description = "Carry the pending purges out now, until none is left or --timeout; "
            + "exits 2 naming the runs and the cause when a purge fails")
    boolean process;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long --process waits (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--json", description = "Print the status as JSON on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database database = db.open(cli.env(), SchemaMode.VALIDATE)) {
            JdbcStorage storage = database.storage();
            int reset = 0;
            if (retryFailed) {
                Instant now = Instant.now();
                reset = storage.inTransaction(tx -> tx.purgeQueue().retryFailed(now));
            }
            boolean idle = true;
            boolean failed = false;
            if (process) {
                Purges.Outcome outcome = Purges.process(storage, timeout, err);
                idle = outcome.idle();
                failed = outcome.failed();
            }
            PurgeQueueStats s = Purges.stats(storage);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("pending", s.pending());
                m.put("failed", s.failed());
                m.put("oldest_enqueued_at", s.oldestEnqueuedAt() == null ? null : s.oldestEnqueuedAt().toString());
                if (retryFailed) {
                    m.put("reset", reset);
                }
                if (process) {
                    m.put("idle", idle);
                }
                Commands.printJson(out, m);
            } else {
                if (retryFailed) {
                    out.println(reset + " failed purge(s) made due again");
                }
                out.println("pending: " + s.pending());
                out.println("failed: " + s.failed());
                if (s.oldestEnqueuedAt() != null) {
                    Duration age = Duration.between(s.oldestEnqueuedAt(), Instant.now());
                    out.println("oldest: queued at " + s.oldestEnqueuedAt() + " ("
                            + DurationConverter.format(age.isNegative() ? Duration.ZERO : age) + " ago)");
                }
                out.flush();
            }
            return failed ? FlowsweepCli.EXIT_FAILURE : FlowsweepCli.EXIT_OK;
        }
    }
}
