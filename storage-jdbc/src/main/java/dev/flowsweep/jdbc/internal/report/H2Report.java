package dev.flowsweep.jdbc.internal.report;

import dev.flowsweep.jdbc.DatabaseReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * H2: {@code INFORMATION_SCHEMA.TABLES} in the current schema, rows counted (H2 is embedded and small), size from
 * {@code DISK_SPACE_USED} and the {@code .mv.db} file's size (none in memory). H2 compacts its file when the database closes; it needs no advice.
 */
final class H2Report extends ReportSql {
    @Override
    DatabaseReport.Table table(Connection c, ReportedTable t) throws SQLException {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA()"
                + " AND UPPER(TABLE_NAME) = UPPER(?)";
        String quoted;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                quoted = quote(rs.getString("TABLE_SCHEMA")) + "." + quote(rs.getString("TABLE_NAME"));
            }
        }
        Long bytes = null;
        if (path(c) != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISK_SPACE_USED(?)")) {
                ps.setString(1, quoted);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    bytes = rs.getLong(1);
                }
            }
        }
        return new DatabaseReport.Table(t.name(), t.owner(), count(c, quoted), true, bytes, null, null, null, null);
    }

    /** The database file's path without its extension; null for an in-memory database (no size on disk). */
    private static String path(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DATABASE_PATH()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The {@code .mv.db} file's size; null in memory. */
    @Override
    Long fileBytes(Connection c) throws SQLException {
        String path = path(c);
        if (path == null) {
            return null;
        }
        try {
            return Files.size(Path.of(path + ".mv.db"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    void advise(List<DatabaseReport.Table> tables, Long fileBytes, Long freeBytes, List<String> advice) {
    }
}
