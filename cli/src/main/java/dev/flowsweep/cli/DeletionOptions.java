package dev.flowsweep.cli;

import dev.flowsweep.events.Slf4jAuditListener;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/** What the deleting commands share: who deletes, audit lines, waiting for the log purge, JSON output. */
final class DeletionOptions {
    static final String ACTOR_ENV = "FLOWSWEEP_ACTOR";

    @Option(names = "--actor", paramLabel = "NAME",
            description = "Who deletes, for the audit trail (default: $" + ACTOR_ENV + ", else cli:<user name>)")
    String actor;

    @Option(names = "--audit", description = "Write one audit line per committed transaction to stderr")
    boolean audit;

    @Option(names = "--purge-logs", description = "Before exiting, delete the logs of the deleted runs (the purges "
            + "queued in the database) instead of leaving them to a running Flowsweep LogPurger")
    boolean purgeLogs;

    @Option(names = "--purge-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "How long --purge-logs waits for the queue to empty (default: ${DEFAULT-VALUE})")
    Duration purgeTimeout;

    @Option(names = "--json", description = "Print the result as JSON on stdout")
    boolean json;

    @Option(names = "--archive", description = "Archive what is deleted, in the same transaction: the runs, their "
            + "task runs (and on Prefect's layout their states) as JSON documents in Flowsweep's archive table, and "
            + "their logs when the purge deletes them; see 'flowsweep archive'")
    boolean archive;

    /** The actor: the option, then $FLOWSWEEP_ACTOR, then {@code cli:<user.name>}; checked for length. */
    String actor(Map<String, String> env) {
        String a = actor != null ? actor : env.get(ACTOR_ENV);
        if (a == null || a.isBlank()) {
            a = "cli:" + System.getProperty("user.name", "unknown");
        }
        if (a.length() > BulkDeleteRequest.MAX_ACTOR_LENGTH) {
            throw new CliInputException("--actor must be at most " + BulkDeleteRequest.MAX_ACTOR_LENGTH
                    + " characters long");
        }
        return a;
    }

    /** A bulk delete service on the storage, writing audit lines to {@code err} when asked. */
    BulkDeleteService service(FlowsweepStorage storage, boolean requireFilter, PrintWriter err) {
        BulkDeleteService.Builder b = BulkDeleteService.builder(GracefulShutdown.guard(storage))
                .requireFilter(requireFilter);
        if (audit) {
            b.deletionListener(e -> {
                err.println(Slf4jAuditListener.format(e, Slf4jAuditListener.DEFAULT_MAX_IDS));
                err.flush();
            });
        }
        return b.build();
    }
}
