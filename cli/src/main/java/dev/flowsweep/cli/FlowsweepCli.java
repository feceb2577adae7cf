package dev.flowsweep.cli;

import dev.flowsweep.jdbc.UnsupportedDatabaseException;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import dev.flowsweep.spi.FlowsweepStorageException;
import jakarta.validation.ConstraintViolationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code flowsweep}: the operator's command-line tool over a Flowsweep JDBC database.
 *
 * <pre>
 * java -jar cli/target/flowsweep-cli.jar delete --jdbc-url URL --filter '{"tags": {"all_": ["test"]}}' --dry-run
 * java -jar cli/target/flowsweep-cli.jar drain --jdbc-url URL --filter-file f.json --batch-size 200
 * java -jar cli/target/flowsweep-cli.jar retention --jdbc-url URL --older-than 30d
 * java -jar cli/target/flowsweep-cli.jar purge-status --jdbc-url URL
 * java -jar cli/target/flowsweep-cli.jar schema create --jdbc-url URL
 * java -jar cli/target/flowsweep-cli.jar schema validate --layout prefect --jdbc-url jdbc:sqlite:prefect.db
 * java -jar cli/target/flowsweep-cli.jar demo-db --jdbc-url jdbc:sqlite:prefect-demo.db
 * </pre>
 *
 * <p>Every command works on Flowsweep's own tables (H2, PostgreSQL, MariaDB) or, with {@code --layout prefect}, on a
 * Prefect server's own database (PostgreSQL or SQLite), beside which Flowsweep keeps four tables of its own.
 *
 * <p>Exit codes: {@value #EXIT_OK} done; {@value #EXIT_REFUSED} input refused (bad option, filter or value, a layout
 * the URL's database cannot hold), with a message saying what is wrong; {@value #EXIT_FAILURE} storage failure or a
 * database the layout cannot work on (cannot connect, not a Prefect database, a Prefect revision not accepted, schema
 * missing, statement failed). Every command has {@code --help}. The database URL, user and password may also come
 * from {@code FLOWSWEEP_JDBC_URL}, {@code FLOWSWEEP_JDBC_USER} and {@code FLOWSWEEP_JDBC_PASSWORD}, the layout from
 * {@code FLOWSWEEP_LAYOUT}.
 *
 * <p>For tests and embedding, {@link #commandLine(Map, boolean)} builds the command line with an explicit
 * environment and terminal flag; {@code execute(args)} then returns the exit code.
 */
@Command(name = "flowsweep", mixinStandardHelpOptions = true, versionProvider = FlowsweepCli.Version.class,
        description = "Deletes workflow flow runs in bulk by filter, keeps the database small with retention, and "
                + "shows the log purge queue and a report of the tables (rows, size, when a VACUUM would help), over Flowsweep's own tables (H2, PostgreSQL, MariaDB) or, with --layout "
                + "prefect, a Prefect server's own database (PostgreSQL, SQLite).",
        subcommands = {DeleteCommand.class, DrainCommand.class, RetentionCommand.class, PurgeStatusCommand.class,
                ReportCommand.class,
                SchemaCommand.class, DemoDbCommand.class, ArchiveCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:input refused (the message says what is wrong)",
                "2:storage failure, or a database the layout cannot work on (cannot connect, not a Prefect database, "
                        + "a Prefect revision not accepted, schema missing or outdated, a statement failed)",
                "130:stopped by SIGINT (Ctrl-C) after the transaction in flight (a line says what was done)",
                "143:stopped by SIGTERM after the transaction in flight (a line says what was done)"},
        footer = {"", "Database settings may come from FLOWSWEEP_JDBC_URL, FLOWSWEEP_JDBC_USER, "
                + "FLOWSWEEP_JDBC_PASSWORD and FLOWSWEEP_LAYOUT.", "Run 'flowsweep <command> --help' for a command's "
                + "options."})
public final class FlowsweepCli implements Callable<Integer> {
    /** Exit code: done. */
    public static final int EXIT_OK = 0;
    /** Exit code: the input was refused (options, filter, values); the message says why. */
    public static final int EXIT_REFUSED = 1;
    /** Exit code: the storage failed (connection, schema, statement). */
    public static final int EXIT_FAILURE = 2;

    private final Map<String, String> env;
    private final boolean console;

    @Spec
    CommandSpec spec;

    /**
     * @param env     where {@code FLOWSWEEP_JDBC_*}, {@code FLOWSWEEP_LAYOUT} and {@code FLOWSWEEP_ACTOR} are looked up
     *                ({@link System#getenv()})
     * @param console whether stdout is an interactive terminal (then progress is drawn as a bar)
     */
    public FlowsweepCli(Map<String, String> env, boolean console) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.console = console;
    }

    Map<String, String> env() {
        return env;
    }

    boolean console() {
        return console;
    }

    /** Without a command: the usage, on stderr, and exit code 1. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("flowsweep: say which command to run");
        spec.commandLine().usage(err);
        return EXIT_REFUSED;
    }

    /**
     * The command line, with the exit codes mapped: a refused input gives {@value #EXIT_REFUSED} and a message on
     * stderr, a storage failure {@value #EXIT_FAILURE}.
     *
     * @param env     the environment to read {@code FLOWSWEEP_*} variables from
     * @param console whether stdout is an interactive terminal
     */
    public static CommandLine commandLine(Map<String, String> env, boolean console) {
        CommandLine cl = new CommandLine(new FlowsweepCli(env, console));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setParameterExceptionHandler(FlowsweepCli::onParameterError);
        cl.setExecutionExceptionHandler(FlowsweepCli::onExecutionError);
        return cl;
    }

    private static int onParameterError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("flowsweep: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return EXIT_REFUSED;
    }

    private static int onExecutionError(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code;
        if (e instanceof CliInputException || e instanceof FlowsweepJsonException
                || e instanceof ConstraintViolationException || e instanceof IllegalArgumentException) {
            err.println("flowsweep: " + e.getMessage());
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
            code = EXIT_REFUSED;
        } else if (e instanceof UnsupportedDatabaseException) {
            err.println("flowsweep: cannot work on this database: " + e.getMessage());
            code = EXIT_FAILURE;
        } else if (e instanceof FlowsweepStorageException) {
            err.println("flowsweep: storage failure: " + describe(e));
            code = EXIT_FAILURE;
        } else if (e instanceof InterruptedException) {
            err.println("flowsweep: interrupted");
            code = EXIT_FAILURE;
        } else {
            err.println("flowsweep: unexpected error: " + e);
            e.printStackTrace(err);
            code = EXIT_FAILURE;
        }
        err.flush();
        return code;
    }

    /** The message, and the causes' messages where they add something (the driver's reason). */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !sb.toString().contains(m)) {
                sb.append(" (").append(m).append(')');
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }

    /**
     * Runs the tool and exits with its code. SIGINT (Ctrl-C) or SIGTERM stops the command after the transaction in
     * flight (a drain or retention run starts no new batch), prints its summary and a line saying it was stopped, and
     * exits with 130 or 143; within 30 s, and at once on a second signal ({@link GracefulShutdown}).
     */
    public static void main(String[] args) {
        // Library logs (SLF4J, and Hibernate Validator's through SLF4J) only from WARN: the tool prints what it did.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // The pool's own log of a failed connection (with its stack trace) says nothing the tool does not say itself.
        if (System.getProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "off");
        }
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        GracefulShutdown shutdown = GracefulShutdown.install();
        int code = commandLine(System.getenv(), System.console() != null).execute(args);
        System.exit(shutdown.finish(code));
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FlowsweepCli.class.getPackage().getImplementationVersion();
            return new String[] {"flowsweep " + (v == null ? "(development build)" : v)};
        }
    }
}
