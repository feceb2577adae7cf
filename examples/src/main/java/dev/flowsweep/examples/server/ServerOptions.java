package dev.flowsweep.examples.server;

import dev.flowsweep.model.StateType;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.purge.LogPurger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@code flowsweep-server.jar}, parsed strictly: an unknown or malformed option is a
 * {@link UsageException} (the launcher prints it with {@link #USAGE} and exits with code 2).
 */
public record ServerOptions(String host, int port, String storage, String jdbcUrl, String jdbcUser,
                            String jdbcPassword, int bulkDeleteCap, int purgeRowsPerTransaction,
                            RetentionOptions retention) {

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
            "  --retention-older-than DURATION",
            "                           run a retention policy: delete finished top-level runs whose end_time is",
            "                           more than DURATION ago (e.g. 30d, 12h), in batches; GET /retention shows it",
            "  --retention-interval DURATION   how often (default 1h)",
            "  --retention-batch-size N        runs per batch (default 200, at most --bulk-delete-cap)",
            "  --retention-states LIST         state types deleted (default COMPLETED,FAILED,CANCELLED,CRASHED)",
            "  --purge-rows-per-transaction N",
            "                           most log rows one log purge transaction deletes (default 50000); a tiny",
            "                           value makes the purge slow on purpose, e.g. to test a crash in the middle of it",
            "  --help                   print this and exit");

    /** The name of the retention policy the command line configures. */
    public static final String RETENTION_POLICY_NAME = "server";

    /**
     * The retention policy of the command line.
     *
     * @param olderThan runs that ended more than this long ago
     * @param interval  how often the policy runs
     * @param batchSize runs per batch
     * @param states    state types deleted; null for the default (terminal ones)
     */
    public record RetentionOptions(Duration olderThan, Duration interval, int batchSize, List<StateType> states) {
        public RetentionOptions {
            states = states == null ? null : List.copyOf(states);
        }

        /** The policy {@value ServerOptions#RETENTION_POLICY_NAME}: top-level runs in these states ended before the cutoff. */
        public RetentionPolicy toPolicy() {
            RetentionPolicy.Builder b = RetentionPolicy.builder(RETENTION_POLICY_NAME).olderThan(olderThan)
                    .interval(interval).batchSize(batchSize);
            if (states != null) {
                b.states(states);
            }
            return b.build();
        }
    }

    /** Options without a retention policy, with the default log purge transaction size. */
    public ServerOptions(String host, int port, String storage, String jdbcUrl, String jdbcUser, String jdbcPassword,
                         int bulkDeleteCap) {
        this(host, port, storage, jdbcUrl, jdbcUser, jdbcPassword, bulkDeleteCap, DEFAULT_PURGE_ROWS_PER_TRANSACTION, null);
    }

    /** Options without a retention policy. */
    public ServerOptions(String host, int port, String storage, String jdbcUrl, String jdbcUser, String jdbcPassword,
                         int bulkDeleteCap, int purgeRowsPerTransaction) {
        this(host, port, storage, jdbcUrl, jdbcUser, jdbcPassword, bulkDeleteCap, purgeRowsPerTransaction, null);
    }

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
        Duration olderThan = null;
        Duration interval = null;
        Integer retentionBatch = null;
        List<StateType> states = null;
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
                    "--bulk-delete-cap", "--retention-older-than", "--retention-interval", "--retention-batch-size",
                    "--retention-states", "--purge-rows-per-transaction").contains(name)) {
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
                case "--retention-older-than" -> olderThan = durationValue(name, value);
                case "--retention-interval" -> interval = durationValue(name, value);
                case "--retention-batch-size" -> retentionBatch = intValue(name, value, 1, 100_000);
                case "--retention-states" -> states = statesValue(name, value);
                case "--purge-rows-per-transaction" -> purgeRows = intValue(name, value, 1, Integer.MAX_VALUE);
                default -> throw new IllegalStateException(name);
            }
        }
        RetentionOptions retention = null;
        if (olderThan != null) {
            int batch = retentionBatch == null ? Math.min(RetentionPolicy.DEFAULT_BATCH_SIZE, cap) : retentionBatch;
            if (batch > cap) {
                throw new UsageException("--retention-batch-size must be at most --bulk-delete-cap (" + cap + "), was: "
                        + batch);
            }
            retention = new RetentionOptions(olderThan, interval == null ? RetentionPolicy.DEFAULT_INTERVAL : interval,
                    batch, states);
            try {
                retention.toPolicy();
            } catch (IllegalArgumentException e) {
                throw new UsageException("retention: " + e.getMessage());
            }
        } else if (interval != null || retentionBatch != null || states != null) {
            throw new UsageException("--retention-interval, --retention-batch-size and --retention-states need "
                    + "--retention-older-than");
        }
        if (storage.equals("memory") && (url != null || user != null || password != null)) {
            throw new UsageException("--jdbc-url, --jdbc-user and --jdbc-password need --storage jdbc");
        }
        return new ServerOptions(host, port, storage, url, user, password, cap, purgeRows, retention);
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(ms|w|d|h|m|s)");

    /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, {@code 500ms}, {@code 2w}, combined, or ISO-8601; positive. */
    static Duration durationValue(String name, String value) throws UsageException {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Duration d = Duration.ZERO;
        if (v.startsWith("p")) {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                d = null;
            }
        } else {
            Matcher m = DURATION_PART.matcher(v);
            int at = 0;
            while (d != null && at < v.length()) {
                if (!m.find(at) || m.start() != at) {
                    d = null;
                    break;
                }
                long n = Long.parseLong(m.group(1));
                d = d.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "w" -> Duration.ofDays(7 * n);
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
                at = m.end();
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw new UsageException(name + " must be a positive duration such as 30d, 12h, 90m or PT1H, was: " + value);
        }
        return d;
    }

    private static List<StateType> statesValue(String name, String value) throws UsageException {
        List<StateType> states = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                states.add(StateType.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageException(name + " takes state types separated by commas ("
                        + List.of(StateType.values()) + "), was: " + value);
            }
        }
        return states;
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
