package dev.flowsweep.jdbc.internal.report;

import dev.flowsweep.jdbc.DatabaseReport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * One database's catalogue queries for the report: whether a table exists, its rows (counted, or the database's
 * estimate where counting would read a large table), its size, its upkeep, the file's size and free space, and the
 * advice they lead to. One subclass per database; nothing here writes.
 */
abstract class ReportSql {
    /** Below this many estimated rows a table is counted exactly: cheap, and what an operator expects to see. */
    static final long EXACT_BELOW = 100_000;

    static ReportSql of(String databaseId) {
        return switch (databaseId) {
            case "postgresql" -> new PostgresReport();
            case "mariadb" -> new MariaDbReport();
            case "h2" -> new H2Report();
            case "sqlite" -> new SqliteReport();
            default -> throw new IllegalArgumentException("no report for database " + databaseId);
        };
    }

    /** The table's line, or null when it does not exist. */
    abstract DatabaseReport.Table table(Connection c, ReportedTable table) throws SQLException;

    /** The database file's size in bytes, or null where there is no one file. */
    Long fileBytes(Connection c) throws SQLException {
        return null;
    }

    /** The free space inside the database file in bytes, or null where not known. */
    Long freeBytes(Connection c) throws SQLException {
        return null;
    }

    /** Adds a sentence per maintenance that would give space back, saying what it does. */
    abstract void advise(List<DatabaseReport.Table> tables, Long fileBytes, Long freeBytes, List<String> advice);

    /** {@code SELECT COUNT(*)} of a table whose name came from the catalogue or the layout (never from input). */
    static long count(Connection c, String quotedName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + quotedName);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A number, or null for SQL NULL. */
    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** {@code 1.2 MB}-style sizes for sentences. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
