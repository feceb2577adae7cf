package dev.flowsweep.jdbc.internal.report;

import dev.flowsweep.jdbc.DatabaseReport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * SQLite: {@code sqlite_master}, rows counted, a table's size (with its indexes) from the {@code dbstat} table when
 * the library has it (null otherwise), the file from {@code page_count × page_size} and its free pages from
 * {@code freelist_count}. Deleted rows leave free pages that SQLite reuses but never gives back without a VACUUM.
 */
final class SqliteReport extends ReportSql {
    private Boolean dbstat;

    @Override
    DatabaseReport.Table table(Connection c, ReportedTable t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
            }
        }
        return new DatabaseReport.Table(t.name(), t.owner(), count(c, "\"" + t.name().replace("\"", "\"\"") + "\""),
                true, bytes(c, t.name()), null, null, null, null);
    }

    /** The pages of the table and its indexes in {@code dbstat}; null when the library was built without it. */
    private Long bytes(Connection c, String table) throws SQLException {
        if (Boolean.FALSE.equals(dbstat)) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name = ?"
                + " OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?)")) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                dbstat = true;
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if (dbstat == null && String.valueOf(e.getMessage()).contains("dbstat")) {
                dbstat = false;
                return null;
            }
            throw e;
        }
    }

    @Override
    Long fileBytes(Connection c) throws SQLException {
        return pragma(c, "page_count") * pragma(c, "page_size");
    }

    @Override
    Long freeBytes(Connection c) throws SQLException {
        return pragma(c, "freelist_count") * pragma(c, "page_size");
    }

    private static long pragma(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("PRAGMA " + name); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    void advise(List<DatabaseReport.Table> tables, Long fileBytes, Long freeBytes, List<String> advice) {
        if (freeBytes != null && freeBytes > 0) {
            advice.add("VACUUM would give back the " + size(freeBytes) + " of free pages in the " + size(fileBytes)
                    + " file (SQLite reuses them for new rows but never shrinks the file on its own): it rewrites the"
                    + " whole file, needs the database to itself while it runs (stop the Prefect server or let it"
                    + " idle) and up to twice the file's size of disk meanwhile.");
        }
    }
}
