package dev.flowsweep.examples.server;

import dev.flowsweep.purge.LogPurger;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar flowsweep-server.jar [--port 4200] [--host 127.0.0.1] [--storage memory|jdbc|prefect]
 * [--jdbc-url URL] [--jdbc-user U] [--jdbc-password P] [--accept-prefect-revision REV] [--bulk-delete-cap N]
 * [--auth-string USER:PASSWORD] [--allow-unauthenticated] [--require-filter] [--purge-rows-per-transaction N]
 * [--retention-older-than 30d …] [--header-read-timeout 10s] [--max-requests 32] …}:
 * starts the server, prints one line with its address and storage (and "basic auth on", "require-filter on" when
 * they are; never the credentials) when it is ready, and stops cleanly on SIGTERM or Ctrl-C: it stops accepting,
 * requests in flight finish within {@code --shutdown-timeout}, the log purge finishes its batch in flight and leaves
 * the rest queued in the database, the connection pool closes. A second SIGTERM or Ctrl-C during that stops the
 * process at once (exit code 128 + the signal's number, as the shell reports a process killed by it).
 * A bad command line prints the problem and the usage, and exits with code 2.
 */
public final class FlowsweepServerMain {
    /** Exit code for a command line that cannot be run. */
    public static final int EXIT_USAGE = 2;
    /**
     * Exit code when the server cannot start (port taken, database unreachable, not a Prefect database or at a revision
     * not accepted with {@code --storage prefect}).
     */
    public static final int EXIT_FAILED = 1;

    private FlowsweepServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> argList = List.of(args);
        if (ServerOptions.wantsHelp(argList)) {
            System.out.println(ServerOptions.USAGE);
            return;
        }
        ServerOptions options;
        try {
            options = ServerOptions.parse(argList, System.getenv());
        } catch (ServerOptions.UsageException e) {
            usage(System.err, e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }

        ServerStorage storage = openStorage(options);
        FlowsweepServer server = startServer(options, storage);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            storage.close();
            stopped.countDown();
        }, "flowsweep-shutdown"));
        StopSignals.install();
        if (options.exposedWithoutAuth()) {
            System.err.println("WARNING: no authentication (--allow-unauthenticated): anyone who can reach "
                    + server.uri() + " can delete runs");
        }
        System.out.println("Flowsweep server listening on " + server.uri() + " (storage: " + storage.description() + ")"
                + (options.auth() == null ? "" : "; basic auth on (from " + options.authSource() + ")")
                + (options.requireFilter() ? "; require-filter on" : "")
                + (options.retention() == null ? "" : "; retention: " + options.retention().toPolicy()));
        System.out.flush();
        stopped.await();
    }

    private static ServerStorage openStorage(ServerOptions options) {
        try {
            return ServerStorage.open(options);
        } catch (RuntimeException e) {
            System.err.println("Cannot open the storage: " + e.getMessage());
            System.exit(EXIT_FAILED);
            throw e;
        }
    }

    private static FlowsweepServer startServer(ServerOptions options, ServerStorage storage) {
        try {
            int purgeRows = options.purgeRowsPerTransaction();
            FlowsweepServer.Builder b = FlowsweepServer.builder(storage.storage())
                    .host(options.host())
                    .port(options.port())
                    .bulkDeleteCap(options.bulkDeleteCap())
                    .basicAuth(options.auth())
                    .requireFilter(options.requireFilter())
                    .limits(options.limits())
                    .logPurger(LogPurger.builder(storage.storage())
                            .maxRowsPerStatement(Math.min(purgeRows, LogPurger.DEFAULT_MAX_ROWS_PER_STATEMENT))
                            .maxRowsPerTransaction(purgeRows)
                            .build());
            if (options.retention() != null) {
                b.retentionPolicy(options.retention().toPolicy());
            }
            return b.start();
        } catch (RuntimeException e) {
            storage.close();
            System.err.println("Cannot start the server: " + e.getMessage());
            System.exit(EXIT_FAILED);
            throw e;
        }
    }

    static void usage(PrintStream out, String problem) {
        out.println("Error: " + problem);
        out.println(ServerOptions.USAGE);
    }
}
