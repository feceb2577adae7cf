package dev.flowsweep.jdbc;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    private static DatabaseMetaData metaData(String product, String version, int major, int minor) {
        return (DatabaseMetaData) Proxy.newProxyInstance(DatabaseTest.class.getClassLoader(),
                new Class<?>[]{DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> product;
                    case "getDatabaseProductVersion" -> version;
                    case "getDatabaseMajorVersion" -> major;
                    case "getDatabaseMinorVersion" -> minor;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String detect(String product, String version, int major, int minor) throws SQLException {
        return Database.detect(metaData(product, version, major, minor)).id();
    }

    @Test
    void detectsTheSupportedDatabases() throws SQLException {
        assertEquals("h2", detect("H2", "2.5.252 (2026-09-23)", 2, 5));
        assertEquals("postgresql", detect("PostgreSQL", "15.20", 15, 20));
        assertEquals("mariadb", detect("MariaDB", "10.11.19-MariaDB-0+deb12u1", 10, 11));
        assertEquals("mariadb", detect("MariaDB", "11.4.5-MariaDB", 11, 4));
        assertEquals("mariadb", detect("MySQL", "5.5.5-10.6.12-MariaDB", 10, 6), "MySQL's driver talking to MariaDB");
        assertEquals("sqlite", detect("SQLite", "3.54.1", 3, 54));
    }

    @Test
    void refusesMySqlUnknownDatabasesAndOldVersionsClearly() {
        UnsupportedDatabaseException mysql = assertThrows(UnsupportedDatabaseException.class,
                () -> detect("MySQL", "8.0.36", 8, 0));
        assertTrue(mysql.getMessage().contains("MySQL (MySQL 8.0.36) is not supported yet"), mysql.getMessage());
        UnsupportedDatabaseException oracle = assertThrows(UnsupportedDatabaseException.class,
                () -> detect("Oracle", "Oracle Database 23ai", 23, 0));
        assertTrue(oracle.getMessage().contains("unsupported database Oracle"), oracle.getMessage());
        assertTrue(oracle.getMessage().contains(".database("), oracle.getMessage());
        assertThrows(UnsupportedDatabaseException.class, () -> detect("MariaDB", "10.5.2-MariaDB", 10, 5));
        assertThrows(UnsupportedDatabaseException.class, () -> detect("PostgreSQL", "11.9", 11, 9));
        assertThrows(UnsupportedDatabaseException.class, () -> detect("H2", "1.4.200", 1, 4));
        UnsupportedDatabaseException oldSqlite = assertThrows(UnsupportedDatabaseException.class,
                () -> detect("SQLite", "3.31.1", 3, 31));
        assertTrue(oldSqlite.getMessage().contains("SQLite 3.35 or later"), oldSqlite.getMessage());
    }

    @Test
    void nullsSortAsPostgresSortsThemOnEveryDatabase() {
        assertEquals("r.end_time ASC NULLS LAST", Database.POSTGRESQL.engine().orderBy("r.end_time", true, true));
        assertEquals("r.end_time DESC NULLS FIRST", Database.H2.engine().orderBy("r.end_time", false, true));
        assertEquals("r.end_time IS NULL ASC, r.end_time ASC", Database.MARIADB.engine().orderBy("r.end_time", true, true));
        assertEquals("r.end_time IS NULL DESC, r.end_time DESC", Database.MARIADB.engine().orderBy("r.end_time", false, true));
        assertEquals("r.id DESC", Database.MARIADB.engine().orderBy("r.id", false, false));
        assertEquals("r.end_time ASC NULLS LAST", Database.SQLITE.engine().orderBy("r.end_time", true, true));
    }
}
