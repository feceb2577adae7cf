package dev.flowsweep.cli;

import dev.flowsweep.jdbc.Layout;
import dev.flowsweep.jdbc.SchemaMode;
import dev.flowsweep.spi.FlowsweepStorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code flowsweep demo-db}: a Prefect database to try Flowsweep on without a Prefect server. Prefect's own schema
 * (a copy shipped in this jar, {@code prefect-schema/} beside this class, with its attribution) goes into a new SQLite
 * file or an empty PostgreSQL database, then Flowsweep's four tables and a few demo runs ({@link DemoData}) through
 * {@code JdbcStorage} on Prefect's layout, so the rows are as a Prefect server writes them. A database that already
 * has tables is refused: this command never writes into a real Prefect database.
 */
@Command(name = "demo-db", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Makes a Prefect database to try Flowsweep on, without a Prefect server: Prefect 3's own schema "
                        + "(shipped with this tool, at its tested Alembic head) in a new SQLite file or an empty "
                        + "PostgreSQL database (in its public schema), Flowsweep's four tables beside it, and "
                        + DemoData.RUNS + " demo flow runs with task runs and logs.",
                "Refuses a database that already has tables: it never writes into a real Prefect database."},
        footer = {"", "Examples:",
                "  flowsweep demo-db --jdbc-url jdbc:sqlite:prefect-demo.db",
                "  flowsweep demo-db --jdbc-url 'jdbc:postgresql://127.0.0.1:5432/prefect_demo?user=postgres'"})
final class DemoDbCommand implements Callable<Integer> {
    @ParentCommand
    FlowsweepCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions db;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> env = cli.env();
        Layout asked = db.layout(env);
        if (asked != null && asked != Layout.PREFECT) {
            throw new CliInputException("demo-db makes a Prefect database, for --layout prefect; the layout given was "
                    + asked.name().toLowerCase(Locale.ROOT));
        }
        String url = db.url(env);
        String product = url.split(":", 3)[1].toLowerCase(Locale.ROOT);
        String revision;
        try {
            if (product.equals("sqlite")) {
                revision = createSqlite(url);
            } else if (product.equals("postgresql")) {
                revision = createPostgres(url, env);
            } else {
                throw new CliInputException("demo-db makes a Prefect database on SQLite or PostgreSQL, the databases a "
                        + "Prefect server runs on; " + CliDataSource.redact(url) + " is " + product);
            }
        } catch (SQLException e) {
            throw new FlowsweepStorageException("cannot create Prefect's schema in " + CliDataSource.redact(url) + ": "
                    + e.getMessage(), e);
        }
        out.println("created a Prefect database at " + CliDataSource.redact(url) + ": Prefect's schema at Alembic "
                + "revision " + revision + ", and Flowsweep's four tables beside it");
        try (Database database = db.open(env, SchemaMode.CREATE, Layout.PREFECT)) {
            DemoData.seed(database.storage(), out);
        }
        out.flush();
        return FlowsweepCli.EXIT_OK;
    }

    /** A new SQLite file (or an empty one) with Prefect's schema, in WAL mode as a Prefect server sets it. */
    private static String createSqlite(String url) throws SQLException {
        Path file = SqliteFile.of(url);
        if (file == null) {
            throw new CliInputException("demo-db needs a SQLite file, e.g. jdbc:sqlite:prefect-demo.db; was "
                    + CliDataSource.redact(url));
        }
        boolean existed = Files.exists(file);
        if (!existed && (file.getParent() == null || !Files.isDirectory(file.getParent()))) {
            throw new CliInputException("no directory " + file.getParent() + " for the SQLite file " + file);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement st = c.createStatement()) {
                requireEmpty(st, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'", file.toString());
                st.execute("PRAGMA journal_mode = WAL");
                c.setAutoCommit(false);
                // sqlite-jdbc runs a script of many statements in one executeUpdate
                st.executeUpdate(schema("sqlite.sql"));
                c.commit();
                return revision(st, "alembic_version");
            }
        } catch (SQLException | RuntimeException e) {
            if (!existed) {
                deleteQuietly(file);
            }
            throw e;
        }
    }

    /** Prefect's schema in the public schema of an empty PostgreSQL database, in one transaction. */
    private String createPostgres(String url, Map<String, String> env) throws SQLException {
        Properties props = new Properties();
        String user = env.get(DatabaseOptions.USER_ENV);
        String password = env.get(DatabaseOptions.PASSWORD_ENV);
        if (db.user != null || user != null) {
            props.setProperty("user", db.user != null ? db.user : user);
        }
        if (db.password != null || password != null) {
            props.setProperty("password", db.password != null ? db.password : password);
        }
        // The script sets search_path to '' for its session: a connection of its own, closed at once.
        try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
            requireEmpty(st, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
                    "the public schema of " + CliDataSource.redact(url));
            c.setAutoCommit(false);
            try {
                st.execute(schema("postgresql.sql"));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return revision(st, "public.alembic_version"); // the session's search_path is empty now
        }
    }

    private static void requireEmpty(Statement st, String countTables, String where) throws SQLException {
        try (ResultSet rs = st.executeQuery(countTables)) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new CliInputException("demo-db writes only into a new database, and " + where + " has tables "
                        + "already (" + rs.getLong(1) + "); give a new SQLite file or an empty PostgreSQL database");
            }
        }
    }

    private static String revision(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT version_num FROM " + table)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** One of Prefect's schemas shipped beside this class. */
    static String schema(String file) {
        try (InputStream in = DemoDbCommand.class.getResourceAsStream("prefect-schema/" + file)) {
            if (in == null) {
                throw new IllegalStateException("prefect-schema/" + file + " is missing from the tool's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException ignored) {
                // the failure that brought us here is what matters
            }
        }
    }
}
