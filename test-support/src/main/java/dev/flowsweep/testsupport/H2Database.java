package dev.flowsweep.testsupport;

import org.h2.jdbcx.JdbcDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** H2: a fresh in-memory database, or a file in a temporary directory; H2's own {@code DataSource}, unpooled. */
final class H2Database extends TestDatabase {
    private final String url;
    private final Path directory;
    private final JdbcDataSource dataSource = new JdbcDataSource();

    private H2Database(DatabaseKind kind, String location, Path directory) {
        super(kind);
        // TIME ZONE in the URL: every session of this database is in the tests' session zone.
        this.url = "jdbc:h2:" + location + ";DB_CLOSE_DELAY=-1;TIME ZONE=" + DatabaseEnvironment.SESSION_TIME_ZONE;
        this.directory = directory;
        dataSource.setURL(url);
    }

    static H2Database inMemory() {
        return new H2Database(DatabaseKind.H2, "mem:" + DatabaseEnvironment.randomName(), null);
    }

    static H2Database inFile() {
        try {
            Path dir = Files.createTempDirectory("flowsweep-h2-");
            return new H2Database(DatabaseKind.H2_FILE, "file:" + dir.resolve(DatabaseEnvironment.randomName()), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for H2", e);
        }
    }

    @Override
    public String origin() {
        return url.substring(0, url.indexOf(';'));
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    String schema(Connection c) {
        return "PUBLIC";
    }

    @Override
    public void emptyTables() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET REFERENTIAL_INTEGRITY FALSE");
            try {
                for (String t : tablesToEmpty()) {
                    st.executeUpdate("DELETE FROM " + t);
                }
            } finally {
                st.execute("SET REFERENTIAL_INTEGRITY TRUE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the tables of " + this + ": " + e.getMessage(), e);
        }
    }

    /** Shuts the database down, and deletes its directory. */
    @Override
    public void close() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot shut " + this + " down: " + e.getMessage(), e);
        }
        if (directory != null) {
            TempDirectories.deleteRecursively(directory);
        }
    }
}
