package dev.flowsweep.testsupport;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * SQLite: a file of its own in a temporary directory, empty ({@link DatabaseKind#SQLITE}) or copied from a file
 * loaded once per JVM with Prefect's schema ({@link DatabaseKind#PREFECT_SQLITE}). Every connection is set up as a
 * Prefect server sets up its own: WAL journal, {@code synchronous = NORMAL}, a busy timeout, foreign keys on (they
 * are off per connection unless asked for, and Prefect's cascades need them).
 */
final class SqliteDatabase extends TestDatabase {
    /** How long a statement waits for another connection's write lock before it fails. */
    static final int BUSY_TIMEOUT_MILLIS = 60_000;
    private static Path prefectTemplate;

    private final Path directory;
    private final Path file;
    private final SQLiteDataSource dataSource;

    private SqliteDatabase(DatabaseKind kind, Path template) {
        super(kind);
        try {
            directory = Files.createTempDirectory("flowsweep-sqlite-");
            file = directory.resolve(DatabaseEnvironment.randomName() + ".db");
            if (template != null) {
                Files.copy(template, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a SQLite file", e);
        }
        dataSource = new SQLiteDataSource(config());
        dataSource.setUrl(url(file));
        // The first connection creates the file and turns WAL on (it is stored in the file).
        try (Connection c = dataSource.getConnection()) {
            c.isValid(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    static SqliteDatabase empty() {
        return new SqliteDatabase(DatabaseKind.SQLITE, null);
    }

    static SqliteDatabase prefect() {
        return new SqliteDatabase(DatabaseKind.PREFECT_SQLITE, prefectTemplate());
    }

    static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        return config;
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** A file with Prefect's SQLite schema, loaded on first use and deleted when the JVM exits. */
    private static synchronized Path prefectTemplate() {
        if (prefectTemplate == null) {
            try {
                Path dir = Files.createTempDirectory("flowsweep-prefect-sqlite-");
                Path file = dir.resolve("prefect.db");
                try (Connection c = DriverManager.getConnection(url(file), config().toProperties());
                     Statement st = c.createStatement()) {
                    // sqlite-jdbc runs a script of many statements in one executeUpdate (sqlite3_exec)
                    st.executeUpdate(Jdbc.resource(PrefectSchema.SQLITE));
                    st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> TempDirectories.deleteRecursively(dir),
                        "prefect-sqlite-template-delete"));
                prefectTemplate = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the Prefect SQLite template", e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot load Prefect's schema (" + PrefectSchema.SQLITE + "): "
                        + e.getMessage(), e);
            }
        }
        return prefectTemplate;
    }

    /** The database file. */
    Path file() {
        return file;
    }

    @Override
    public String origin() {
        return file.toString();
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    /** The file's URL; the connection settings (foreign keys, busy timeout) are the caller's to make. */
    @Override
    public String jdbcUrl() {
        return url(file);
    }

    /**
     * Deletes every row but {@code alembic_version}'s in one transaction, children before the parents whose delete
     * they would block: a foreign key without an {@code ON DELETE} action orders its table's delete first; one that
     * cascades or sets null needs no order.
     */
    @Override
    public void emptyTables() {
        try (Connection c = dataSource.getConnection()) {
            List<String> order = deleteOrder(c, tablesToEmpty());
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String t : order) {
                    st.executeUpdate("DELETE FROM \"" + t + "\"");
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the tables of " + this + ": " + e.getMessage(), e);
        }
    }

    private static List<String> deleteOrder(Connection c, List<String> tables) throws SQLException {
        // blockers.get(p): tables whose rows keep p's rows from being deleted (a key without a delete action)
        Map<String, Set<String>> blockers = new HashMap<>();
        try (Statement st = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT \"table\", on_delete FROM pragma_foreign_key_list('" + t + "')")) {
                    while (rs.next()) {
                        String parent = rs.getString(1).toLowerCase(Locale.ROOT);
                        String action = rs.getString(2).toUpperCase(Locale.ROOT);
                        if (!parent.equals(t) && (action.equals("NO ACTION") || action.equals("RESTRICT"))) {
                            blockers.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(t);
                        }
                    }
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String t : tables) {
            visit(t, blockers, ordered, new LinkedHashSet<>());
        }
        return new ArrayList<>(ordered);
    }

    /** Puts {@code t}'s blockers before {@code t}. */
    private static void visit(String t, Map<String, Set<String>> blockers, Set<String> ordered, Set<String> path) {
        if (ordered.contains(t) || !path.add(t)) {
            return; // done, or a cycle of keys without actions: nothing orders it, the delete will say so
        }
        for (String child : blockers.getOrDefault(t, Set.of())) {
            visit(child, blockers, ordered, path);
        }
        ordered.add(t);
    }

    /** Deletes the file (and its WAL files). */
    @Override
    public void close() {
        TempDirectories.deleteRecursively(directory);
    }
}
