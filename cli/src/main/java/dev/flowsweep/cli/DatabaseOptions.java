package dev.flowsweep.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.jdbc.JdbcStorage;
import dev.flowsweep.jdbc.Layout;
import dev.flowsweep.jdbc.SchemaMode;
import dev.flowsweep.jdbc.UnsupportedDatabaseException;
import dev.flowsweep.spi.FlowsweepStorageException;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the database is and which tables to work on: {@code --jdbc-url}, {@code --jdbc-user}, {@code --jdbc-password},
 * {@code --table-prefix}, {@code --layout} (Flowsweep's own tables, or a Prefect server's) and the Prefect revisions
 * to accept. What the command line alone shows to be wrong (a layout the URL's database cannot hold, a revision option
 * without Prefect's layout, a SQLite file that does not exist) is refused before connecting.
 */
final class DatabaseOptions {
    static final String URL_ENV = "FLOWSWEEP_JDBC_URL";
    static final String USER_ENV = "FLOWSWEEP_JDBC_USER";
    static final String PASSWORD_ENV = "FLOWSWEEP_JDBC_PASSWORD";
    static final String LAYOUT_ENV = "FLOWSWEEP_LAYOUT";

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "JDBC URL of the database: jdbc:h2:file:…, jdbc:postgresql://…, jdbc:mariadb://…, "
                    + "jdbc:sqlite:<file> (default: $" + URL_ENV + ")")
    String url;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user (default: $" + USER_ENV + ")")
    String user;

    @Option(names = "--jdbc-password", paramLabel = "PASSWORD",
            description = "Database password (default: $" + PASSWORD_ENV + "; prefer the variable: a command line is "
                    + "visible to other users)")
    String password;

    @Option(names = "--layout", paramLabel = "LAYOUT",
            description = "Which tables: flowsweep (Flowsweep's own, on H2, PostgreSQL, MariaDB) or prefect (a Prefect "
                    + "server's own tables, in its PostgreSQL database or SQLite file; Flowsweep adds four tables of "
                    + "its own beside them) (default: $" + LAYOUT_ENV + ", else flowsweep)")
    Layout layout;

    @Option(names = "--accept-prefect-revision", paramLabel = "REV", split = ",",
            description = "With --layout prefect: also accept a Prefect database at this Alembic revision (the "
                    + "tested heads are always accepted; every table and column Flowsweep uses is still checked)")
    List<String> acceptRevisions;

    @Option(names = "--accept-any-prefect-revision",
            description = "With --layout prefect: accept a Prefect database at any Alembic revision")
    boolean acceptAnyRevision;

    @Option(names = "--table-prefix", paramLabel = "PREFIX", defaultValue = JdbcStorage.DEFAULT_TABLE_PREFIX,
            description = "Prefix of Flowsweep's tables (default: ${DEFAULT-VALUE})")
    String tablePrefix;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest a statement may run before the transaction is rolled back and the command fails "
                    + "(\"statement timeout after N ms, nothing deleted\"), whole seconds, 0s for none (default: 60s)")
    Duration statementTimeout;

    /** The JDBC URL: the option, else the variable; checked to be one. */
    String url(Map<String, String> env) {
        String u = valueOr(url, env, URL_ENV);
        if (u == null || u.isBlank()) {
            throw new CliInputException("no database given: pass --jdbc-url or set " + URL_ENV);
        }
        if (!u.startsWith("jdbc:")) {
            throw new CliInputException("--jdbc-url must be a JDBC URL starting with jdbc:, was "
                    + CliDataSource.redact(u));
        }
        return u;
    }

    /** The layout: the option, else {@value #LAYOUT_ENV}; null when neither is given. */
    Layout layout(Map<String, String> env) {
        if (layout != null) {
            return layout;
        }
        String v = env.get(LAYOUT_ENV);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Layout.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliInputException(LAYOUT_ENV + " must be flowsweep or prefect, was " + v);
        }
    }

    /** A pool on the URL with the credentials (not yet connected). */
    HikariDataSource pool(Map<String, String> env) {
        String u = url(env);
        return CliDataSource.open(u, valueOr(user, env, USER_ENV), valueOr(password, env, PASSWORD_ENV));
    }

    /**
     * Connects, detects the database and creates ({@link SchemaMode#CREATE}) or validates the schema of the layout
     * asked for.
     *
     * @throws CliInputException        when no URL is given, it is not a JDBC URL, no driver takes it, the layout
     *                                  cannot be on the URL's database, or a Prefect revision option comes without
     *                                  Prefect's layout
     * @throws FlowsweepStorageException when the database cannot be reached or used (not a Prefect database, a
     *                                  revision not accepted, the schema missing), with a hint for this tool
     */
    Database open(Map<String, String> env, SchemaMode mode) {
        Layout l = layout(env);
        return open(env, mode, l == null ? Layout.FLOWSWEEP : l);
    }

    /** {@link #open(Map, SchemaMode)} on this layout, whatever the option says. */
    Database open(Map<String, String> env, SchemaMode mode, Layout l) {
        String u = url(env);
        checkFits(l, u);
        HikariDataSource ds = pool(env);
        try {
            if (l == Layout.FLOWSWEEP && mode == SchemaMode.CREATE && PrefectProbe.isPrefect(ds)) {
                throw new CliInputException("this database holds a Prefect server's tables (alembic_version, flow_run): "
                        + "pass --layout prefect (or set " + LAYOUT_ENV + "=prefect) to work on them; Flowsweep's own "
                        + "tables are not created beside them");
            }
            JdbcStorage.Builder b = JdbcStorage.builder(ds).tablePrefix(tablePrefix).schemaMode(mode).layout(l);
            if (statementTimeout != null) {
                b.statementTimeout(statementTimeout);
            }
            if (l == Layout.PREFECT) {
                if (acceptAnyRevision) {
                    b.acceptAnyPrefectRevision();
                } else if (acceptRevisions != null) {
                    b.acceptPrefectRevisions(acceptRevisions.toArray(String[]::new));
                }
            }
            return new Database(b.build(), ds);
        } catch (IllegalArgumentException e) {
            ds.close();
            throw new CliInputException(e.getMessage(), e);
        } catch (UnsupportedDatabaseException e) {
            ds.close();
            throw new UnsupportedDatabaseException(PrefectProbe.withCliHint(e.getMessage()));
        } catch (FlowsweepStorageException e) {
            String hint = "";
            if (l == Layout.FLOWSWEEP && PrefectProbe.isPrefect(ds)) {
                hint = "; this database holds a Prefect server's tables: pass --layout prefect (or set " + LAYOUT_ENV
                        + "=prefect)";
            } else if (String.valueOf(e.getMessage()).contains("SchemaMode.CREATE")) {
                hint = "; with this tool: flowsweep schema create" + (l == Layout.PREFECT ? " --layout prefect" : "");
            }
            ds.close();
            throw hint.isEmpty() ? e : new FlowsweepStorageException(e.getMessage() + hint, e);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** Refuses, before connecting, what the URL alone shows cannot work. */
    private void checkFits(Layout l, String u) {
        if (l != Layout.PREFECT && (acceptAnyRevision || acceptRevisions != null)) {
            throw new CliInputException("--accept-prefect-revision and --accept-any-prefect-revision need --layout "
                    + "prefect");
        }
        String product = u.split(":", 3)[1].toLowerCase(Locale.ROOT);
        if (l == Layout.PREFECT && List.of("h2", "mariadb", "mysql").contains(product)) {
            throw new CliInputException("--layout prefect works on the database a Prefect server keeps its tables in, "
                    + "PostgreSQL or SQLite; " + CliDataSource.redact(u) + " is " + product);
        }
        if (l == Layout.FLOWSWEEP && product.equals("sqlite")) {
            throw new CliInputException("a SQLite file is a Prefect server's database: pass --layout prefect (or set "
                    + LAYOUT_ENV + "=prefect); Flowsweep's own tables run on H2, PostgreSQL and MariaDB");
        }
        SqliteFile.requireExisting(u);
    }

    private static String valueOr(String option, Map<String, String> env, String variable) {
        return option != null ? option : env.get(variable);
    }
}
