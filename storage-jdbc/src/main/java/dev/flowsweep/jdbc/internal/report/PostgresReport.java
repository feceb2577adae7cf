package dev.flowsweep.jdbc.internal.report;

import dev.flowsweep.jdbc.DatabaseReport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * PostgreSQL: {@code pg_class} and {@code pg_stat_user_tables} in the connection's current schema. Size is
 * {@code pg_total_relation_size} (table, indexes and TOAST); rows are counted below {@link #EXACT_BELOW} estimated
 * rows and otherwise the larger of {@code reltuples} and {@code n_live_tup}; dead rows and the last (auto)vacuum come
 * from the statistics, which the server updates a moment after each transaction.
 */
final class PostgresReport extends ReportSql {
    /** Autovacuum's own defaults: 50 rows plus 20% of the live ones ({@code autovacuum_vacuum_threshold}, scale). */
    static final long DEAD_THRESHOLD = 50;
    static final double DEAD_SCALE = 0.2;
    /** Dead rows worth a VACUUM however large the table. */
    static final long DEAD_ALWAYS = 10_000;

    @Override
    DatabaseReport.Table table(Connection c, ReportedTable t) throws SQLException {
        String sql = "SELECT c.reltuples::bigint AS estimate, pg_total_relation_size(c.oid) AS bytes, s.n_live_tup,"
                + " s.n_dead_tup, s.last_vacuum, s.last_autovacuum FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid"
                + " WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p')";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long estimate = Math.max(rs.getLong("estimate"), rs.getLong("n_live_tup"));
                boolean exact = estimate < EXACT_BELOW;
                long rows = exact ? count(c, "\"" + t.name().replace("\"", "\"\"") + "\"") : estimate;
                return new DatabaseReport.Table(t.name(), t.owner(), rows, exact, rs.getLong("bytes"),
                        longOrNull(rs, "n_dead_tup"), null, instant(rs.getTimestamp("last_vacuum")),
                        instant(rs.getTimestamp("last_autovacuum")));
            }
        }
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** A table whose dead rows pass autovacuum's own threshold, or {@link #DEAD_ALWAYS}. */
    static boolean worthVacuum(long live, long dead) {
        return dead > DEAD_ALWAYS || dead > DEAD_THRESHOLD + DEAD_SCALE * live;
    }

    @Override
    void advise(List<DatabaseReport.Table> tables, Long fileBytes, Long freeBytes, List<String> advice) {
        for (DatabaseReport.Table t : tables) {
            if (t.deadRows() != null && worthVacuum(t.rows(), t.deadRows())) {
                advice.add("VACUUM (ANALYZE) " + t.name() + " would make the space of its " + t.deadRows()
                        + " dead rows reusable for new rows (it runs beside other work and does not shrink the file;"
                        + " autovacuum does the same on its own when it is on). VACUUM FULL " + t.name()
                        + " would give the space back to the operating system, but it rewrites the table ("
                        + size(t.bytes() == null ? 0 : t.bytes()) + " now) and locks it against reads and writes"
                        + " until it is done.");
            }
        }
    }
}
