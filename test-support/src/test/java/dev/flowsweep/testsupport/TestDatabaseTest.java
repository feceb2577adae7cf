package dev.flowsweep.testsupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of database, opened by hand: it opens and takes writes, it is isolated from another of its kind, its
 * sessions are in the tests' zone, its URL reaches the same data, {@code emptyTables} empties it, and closing it
 * drops it.
 */
class TestDatabaseTest {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void opensIsIsolatedAndIsDroppedWhenClosed(DatabaseKind kind) throws Exception {
        TestDatabase a = TestDatabase.open(kind);
        String where;
        try (TestDatabase b = TestDatabase.open(kind)) {
            assertEquals(kind, a.kind());
            assertEquals(kind.dialect(), a.name());
            a.execute("CREATE TABLE probe (id INT PRIMARY KEY, note VARCHAR(20))");
            a.execute("INSERT INTO probe VALUES (1, 'a')");
            assertEquals(1, a.queryLong("SELECT COUNT(*) FROM probe"));
            assertTrue(a.tables().contains("probe"), a.tables().toString());

            assertFalse(b.tables().contains("probe"), "another database of the same kind does not see it: " + b);
            b.execute("CREATE TABLE probe (id INT PRIMARY KEY)");
            assertEquals(0, b.queryLong("SELECT COUNT(*) FROM probe"));
            assertFalse(a.origin().equals(b.origin()), a.origin());
            where = a.jdbcUrl();
        } finally {
            a.close();
        }
        assertDropped(kind, where);
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"H2", "H2_FILE", "POSTGRESQL", "MARIADB"})
    void sessionsAreInAsiaKolkataThroughTheDataSourceAndTheUrl(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            String zone = switch (kind) {
                case POSTGRESQL -> "SHOW TIME ZONE";
                case MARIADB -> "SELECT @@session.time_zone";
                default -> "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'TIME ZONE'";
            };
            String expected = kind == DatabaseKind.MARIADB ? "+05:30" : "Asia/Kolkata";
            assertEquals(expected, db.queryString(zone));
            if (kind != DatabaseKind.POSTGRESQL) { // PostgreSQL's driver sends the JVM's zone for a bare URL
                try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery(zone)) {
                    rs.next();
                    assertEquals(expected, rs.getString(1));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theUrlReachesTheSameDatabase(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            db.execute("CREATE TABLE probe (id INT PRIMARY KEY)");
            db.execute("INSERT INTO probe VALUES (7)");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id FROM probe")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"H2", "POSTGRESQL", "MARIADB", "SQLITE"})
    void emptyTablesDeletesEveryRowWhateverTheForeignKeys(DatabaseKind kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            db.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
            db.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NOT NULL REFERENCES parent (id))");
            db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)");
            db.execute("INSERT INTO parent VALUES (1)");
            db.execute("INSERT INTO child VALUES (10, 1)");
            db.execute("INSERT INTO alembic_version VALUES ('head')");

            db.emptyTables();

            assertEquals(0, db.queryLong("SELECT COUNT(*) FROM parent"));
            assertEquals(0, db.queryLong("SELECT COUNT(*) FROM child"));
            assertEquals(1, db.queryLong("SELECT COUNT(*) FROM alembic_version"), "the schema revision is kept");
            db.execute("INSERT INTO parent VALUES (1)"); // and the tables still work
        }
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"H2", "SQLITE"})
    void deleteFromEmptiesTheGivenTablesInOrder(DatabaseKind kind) {
        try (TestDatabase db = TestDatabase.open(kind)) {
            db.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
            db.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NOT NULL REFERENCES parent (id))");
            db.execute("INSERT INTO parent VALUES (1)");
            db.execute("INSERT INTO child VALUES (10, 1)");

            assertThrows(IllegalStateException.class, () -> db.deleteFrom(List.of("parent", "child")),
                    "the foreign key is enforced");
            db.deleteFrom(List.of("child", "parent"));

            assertEquals(0, db.queryLong("SELECT COUNT(*) FROM parent"));
        }
    }

    /** Looks for the schema, database or file from outside, after {@code close()}. */
    private static void assertDropped(DatabaseKind kind, String url) throws Exception {
        switch (kind) {
            case H2 -> {
                String name = url.substring("jdbc:h2:mem:".length(), url.indexOf(';'));
                SQLException e = assertThrows(SQLException.class,
                        () -> DriverManager.getConnection("jdbc:h2:mem:" + name + ";IFEXISTS=TRUE").close());
                assertTrue(e.getMessage().contains("not found"), e.getMessage());
            }
            case H2_FILE -> {
                Path file = Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';')));
                assertFalse(Files.exists(file.getParent()), "the directory is deleted: " + file.getParent());
            }
            case SQLITE, PREFECT_SQLITE -> {
                Path file = Path.of(url.substring("jdbc:sqlite:".length()));
                assertFalse(Files.exists(file.getParent()), "the directory is deleted: " + file.getParent());
            }
            case POSTGRESQL -> {
                String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
                assertEquals(0, count(PostgresServer.shared().url(),
                        "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + schema + "'"));
            }
            case PREFECT_POSTGRESQL -> assertEquals(0, count(PostgresServer.shared().url(),
                    "SELECT COUNT(*) FROM pg_database WHERE datname = '" + databaseOf(url) + "'"));
            case MARIADB -> assertEquals(0, count(DatabaseEnvironment.env(DatabaseEnvironment.MARIADB_URL_ENV),
                    "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '" + databaseOf(url) + "'"));
        }
    }

    private static String databaseOf(String url) {
        String path = url.substring(url.indexOf("//") + 2);
        path = path.substring(path.indexOf('/') + 1);
        int q = path.indexOf('?');
        String name = q < 0 ? path : path.substring(0, q);
        assertTrue(name.startsWith("flowsweep_test_"), name);
        return name;
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
