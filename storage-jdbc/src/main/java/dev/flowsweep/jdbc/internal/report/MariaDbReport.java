package dev.flowsweep.jdbc.internal.report;

import dev.flowsweep.jdbc.DatabaseReport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * MariaDB: {@code information_schema.TABLES} in the connection's database. Size is {@code DATA_LENGTH +
 * INDEX_LENGTH}; rows are counted below {@link #EXACT_BELOW} estimated rows and otherwise InnoDB's estimate
 * ({@code TABLE_ROWS}); {@code DATA_FREE} is space the table holds but does not use.
 */
final class MariaDbReport extends ReportSql {
    /** Free space worth an OPTIMIZE TABLE: at least this much, and at least a fifth of the table. */
    static final long FREE_WORTH = 64L * 1024 * 1024;

    @Override
    DatabaseReport.Table table(Connection c, ReportedTable t) throws SQLException {
        String sql = "SELECT TABLE_NAME, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH AS bytes, DATA_FREE"
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long estimate = rs.getLong("TABLE_ROWS");
                boolean exact = estimate < EXACT_BELOW;
                long rows = exact ? count(c, "`" + rs.getString("TABLE_NAME").replace("`", "``") + "`") : estimate;
                return new DatabaseReport.Table(t.name(), t.owner(), rows, exact, longOrNull(rs, "bytes"), null,
                        longOrNull(rs, "DATA_FREE"), null, null);
            }
        }
    }

    @Override
    void advise(List<DatabaseReport.Table> tables, Long fileBytes, Long freeBytes, List<String> advice) {
        for (DatabaseReport.Table t : tables) {
            long free = t.freeBytes() == null ? 0 : t.freeBytes();
            long used = t.bytes() == null ? 0 : t.bytes();
            if (free >= FREE_WORTH && free * 5 >= used) {
                advice.add("OPTIMIZE TABLE " + t.name() + " would give back about " + size(free) + " that the table"
                        + " holds free (InnoDB with innodb_file_per_table): it rebuilds the table, which takes as long"
                        + " as copying it, and needs that much spare disk while it runs.");
            }
        }
    }
}
