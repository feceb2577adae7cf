package dev.flowsweep.examples.server;

import dev.flowsweep.purge.LogPurger;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code flowsweep-server.jar}, parsed strictly: an unknown or malformed option is a
 * {@link UsageException} (the launcher prints it with {@link #USAGE} and exits with code 2).
 */
public record ServerOptions(String host, int port, String storage, String jdbcUrl, String jdbcUser,
                            String jdbcPassword, int bulkDeleteCap, int purgeRowsPerTransaction) {

    public static final int DEFAULT_PORT = 4200;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_BULK_DELETE_CAP = 200;
    /** The log purge's default: {@link LogPurger#DEFAULT_MAX_ROWS_PER_TRANSACTION} log rows per transaction. */
    public static final int DEFAULT_PURGE_ROWS_PER_TRANSACTION = LogPurger.DEFAULT_MAX_ROWS_PER_TRANSACTION;
    /** The default database: an H2 file under {@code ./flowsweep-data/}. */
    public static final Path DEFAULT_H2_FILE = Path.of("flowsweep-data", "flowsweep");

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar flowsweep-server.jar [options]",
            "  --port N                 port to listen on (default 4200; 0 picks a free one)",
            "  --host ADDRESS           address to bind (default 127.0.0.1)",
            "  --storage memory|jdbc    where runs live (default jdbc)",
            "  --jdbc-url URL           JDBC URL (default: H2 file ./flowsweep-data/flowsweep)",
            "  --jdbc-user USER         database user",
            "  --jdbc-password PASS     database password",
            "  --bulk-delete-cap N      largest 'limit' of POST /flow_runs/bulk_delete (default 200)",
            "  --purge-rows-per-transaction N",
            "                           most log rows one log purge transaction deletes (default 50000); a tiny",
            "                           value makes the purge slow on purpose, e.g. to test a crash in the middle of it",
            "  --help                   print this and exit");

    /** A command line that cannot be run. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Whether the arguments ask for help only. */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    public static ServerOptions parse(List<String> args) throws UsageException {
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        String storage = "jdbc";
        String url = null;
        String user = null;
        String password = null;
        int cap = DEFAULT_BULK_DELETE_CAP;
        int purgeRows = DEFAULT_PURGE_ROWS_PER_TRANSACTION;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!List.of("--port", "--host", "--storage", "--jdbc-url", "--jdbc-user", "--jdbc-password",
                    "--bulk-delete-cap", "--purge-rows-per-transaction").contains(name)) {
                throw new UsageException("Unknown option: " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("Option " + name + " needs a value");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--port" -> port = intValue(name, value, 0, 65535);
                case "--host" -> host = value;
                case "--storage" -> {
                    if (!value.equals("memory") && !value.equals("jdbc")) {
                        throw new UsageException("--storage must be memory or jdbc, was: " + value);
                    }
                    storage = value;
                }
                case "--jdbc-url" -> {
                    if (!value.startsWith("jdbc:")) {
                        throw new UsageException("--jdbc-url must start with jdbc:, was: " + value);
                    }
                    url = value;
                }
                case "--jdbc-user" -> user = value;
                case "--jdbc-password" -> password = value;
                case "--bulk-delete-cap" -> cap = intValue(name, value, 1, 100_000);
                case "--purge-rows-per-transaction" -> purgeRows = intValue(name, value, 1, Integer.MAX_VALUE);
                default -> throw new IllegalStateException(name);
            }
        }
        if (storage.equals("memory") && (url != null || user != null || password != null)) {
            throw new UsageException("--jdbc-url, --jdbc-user and --jdbc-password need --storage jdbc");
        }
        return new ServerOptions(host, port, storage, url, user, password, cap, purgeRows);
    }

    private static int intValue(String name, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(name + " must be an integer from " + min + " to " + max + ", was: " + value);
    }
}
