package dev.flowsweep.testsupport;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A database for one test class (or one test), in a schema, database or file of its own that {@link #close()}
 * drops:
 * <ul>
 *   <li>{@link DatabaseKind#H2}: a fresh in-memory database; {@link DatabaseKind#H2_FILE}: a file in a temporary
 *       directory.</li>
 *   <li>{@link DatabaseKind#POSTGRESQL}: {@code FLOWSWEEP_PG_URL} when set, otherwise an embedded PostgreSQL 17
 *       (zonky) started once per JVM; a schema {@code flowsweep_test_<random>}.</li>
 *   <li>{@link DatabaseKind#MARIADB}: {@code FLOWSWEEP_MARIADB_URL} when set, otherwise skipped with a message
 *       (failed under {@code FLOWSWEEP_REQUIRE_DBS=1}); a database {@code flowsweep_test_<random>}.</li>
 *   <li>{@link DatabaseKind#SQLITE}: a temporary file in WAL mode, with a busy timeout and foreign keys on.</li>
 *   <li>{@link DatabaseKind#PREFECT_POSTGRESQL}: a database {@code flowsweep_test_<random>} on the same server,
 *       copied from a template that is loaded once per JVM from Prefect's schema ({@code prefect-schema/}).</li>
 *   <li>{@link DatabaseKind#PREFECT_SQLITE}: a temporary file copied from one loaded once per JVM from Prefect's
 *       SQLite schema.</li>
 * </ul>
 * Every session of a database server runs in Asia/Kolkata (+05:30), a zone that is neither UTC nor the test JVM's
 * America/New_York, so that nothing can depend on either.
 *
 * <p>A test normally gets one through {@link UseDatabase}; {@link #open(DatabaseKind)} opens one by hand (close it).
 */
public abstract class TestDatabase implements AutoCloseable {
    private final DatabaseKind kind;

    TestDatabase(DatabaseKind kind) {
        this.kind = kind;
    }

    /**
     * Opens a database of this kind; the caller closes it, which drops it.
     *
     * @throws org.opentest4j.TestAbortedException when it is not available and may be skipped
     */
    public static TestDatabase open(DatabaseKind kind) {
        DatabaseEnvironment.requireAvailable(kind);
        return switch (kind) {
            case H2 -> H2Database.inMemory();
            case H2_FILE -> H2Database.inFile();
            case POSTGRESQL -> PostgresDatabase.inSchema(PostgresServer.shared());
            case MARIADB -> new MariaDbDatabase(DatabaseEnvironment.env(DatabaseEnvironment.MARIADB_URL_ENV));
            case SQLITE -> SqliteDatabase.empty();
            case PREFECT_POSTGRESQL -> PostgresDatabase.prefect(PostgresServer.shared());
            case PREFECT_SQLITE -> SqliteDatabase.prefect();
        };
    }

    public final DatabaseKind kind() {
        return kind;
    }

    /** The database product: {@code h2}, {@code postgresql}, {@code mariadb} or {@code sqlite}. */
    public final String name() {
        return kind.dialect();
    }

    /** Where this database is, for messages: the variable or embedded server, and the schema, database or file. */
    public abstract String origin();

    /**
     * The connections of this database: pooled (HikariCP) for the database servers, the driver's own
     * {@code DataSource} for H2 and SQLite. Each session is already in its time zone.
     */
    public abstract DataSource dataSource();

    /** This database's connections, each passed through {@code eachConnection} (to count or to break calls). */
    public final DataSource dataSource(UnaryOperator<Connection> eachConnection) {
        return new WrappingDataSource(dataSource(), eachConnection);
    }

    /**
     * A JDBC URL (with the credentials) that reaches this same database, for code that takes a URL: a command line, a
     * server in another process. MariaDB and H2 sessions opened through it are in Asia/Kolkata too; PostgreSQL's
     * driver sets the session to the zone of the JVM that connects.
     */
    public abstract String jdbcUrl();

    /** Runs one statement. */
    public final void execute(String sql) {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\" on " + this + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, as a long. */
    public final long queryLong(String sql) {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from \"" + sql + "\" on " + this);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\" on " + this + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, as a string. */
    public final String queryString(String sql) {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from \"" + sql + "\" on " + this);
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run \"" + sql + "\" on " + this + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every row of these tables, in this order (children first), on one connection. */
    public final void deleteFrom(List<String> tables) {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String t : tables) {
                st.executeUpdate("DELETE FROM " + t);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty " + tables + " of " + this + ": " + e.getMessage(), e);
        }
    }

    /** The tables of this database's own schema, in lower case and sorted (not SQLite's own {@code sqlite_*}). */
    public final List<String> tables() {
        try (Connection c = dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(catalog(c), schema(c), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!t.startsWith("sqlite_")) {
                        tables.add(t);
                    }
                }
            }
            tables.sort(null);
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the tables of " + this + ": " + e.getMessage(), e);
        }
    }

    /** The catalog {@link #tables()} looks in (null: any). */
    String catalog(Connection c) throws SQLException {
        return null;
    }

    /** The schema {@link #tables()} looks in (null: any). */
    String schema(Connection c) throws SQLException {
        return null;
    }

    /**
     * Deletes every row of every table of this database except {@code alembic_version} (the schema revision of a
     * Prefect database): {@code TRUNCATE … CASCADE} on PostgreSQL, deletes in foreign-key order on SQLite, deletes
     * with the foreign-key checks off on H2 and MariaDB. Fast enough to run between the tests of a class.
     */
    public abstract void emptyTables();

    /** The tables {@link #emptyTables()} empties. */
    final List<String> tablesToEmpty() {
        List<String> tables = new ArrayList<>(tables());
        tables.remove("alembic_version");
        return tables;
    }

    /** Drops the schema, database or file. */
    @Override
    public abstract void close();

    @Override
    public String toString() {
        return name() + " (" + origin() + ")";
    }
}
