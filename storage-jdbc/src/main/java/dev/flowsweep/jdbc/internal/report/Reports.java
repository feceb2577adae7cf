package dev.flowsweep.jdbc.internal.report;

import dev.flowsweep.jdbc.DatabaseReport;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.PurgeQueueStats;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the report on one connection, in a read-only transaction: each table's line, the file, the advice. */
public final class Reports {
    private Reports() {
    }

    /**
     * The report of these tables (missing ones left out) on {@code databaseId}'s database.
     *
     * @throws FlowsweepStorageException when the database fails
     */
    public static DatabaseReport read(DataSource dataSource, String databaseId, List<ReportedTable> tables,
                                      PurgeQueueStats purgeQueue) {
        ReportSql sql = ReportSql.of(databaseId);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<DatabaseReport.Table> lines = new ArrayList<>();
                for (ReportedTable t : tables) {
                    DatabaseReport.Table line = sql.table(c, t);
                    if (line != null) {
                        lines.add(line);
                    }
                }
                Long fileBytes = sql.fileBytes(c);
                Long freeBytes = sql.freeBytes(c);
                List<String> advice = new ArrayList<>();
                sql.advise(lines, fileBytes, freeBytes, advice);
                return new DatabaseReport(databaseId, lines, fileBytes, freeBytes, purgeQueue, advice);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new FlowsweepStorageException("cannot read the database report: " + e.getMessage(), e);
        }
    }
}
