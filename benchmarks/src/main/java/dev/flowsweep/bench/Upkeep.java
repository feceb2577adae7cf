package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the database does behind the contenders' backs, kept out of the measured calls and said in the results:
 * <ul>
 *   <li><b>PostgreSQL</b>: autovacuum is switched off on the harness's tables ({@code autovacuum_enabled = false}),
 *       so that it never starts during a measured call; instead, after every restore of the data
 *       ({@link Fixture#restore}), {@code VACUUM (INDEX_CLEANUP ON)} of the tables the calls touch removes the dead
 *       rows and index entries the call and the restore left, so the next call finds the same physical state.</li>
 *   <li><b>MariaDB</b>: InnoDB's purge of delete-marked rows runs in the background; after every restore the harness
 *       waits for it to finish ({@code SET GLOBAL innodb_max_purge_lag_wait = 0}, at most 30 s — the wait is for the
 *       whole server, so other users of the server can lengthen it).</li>
 *   <li><b>H2</b>: nothing to control (no vacuum; the MVStore reuses free space on its own).</li>
 * </ul>
 * Workloads that do not restore their data (drain, concurrency) leave the server's own setting in force, reported as
 * it is.
 */
final class Upkeep {
    private Upkeep() {
    }

    private static final String[] CHURNED = {BenchDatabase.RUN, BenchDatabase.TAG, BenchDatabase.TASK_RUN,
            BenchDatabase.LOG, BenchDatabase.LIMIT, BenchDatabase.PURGE_QUEUE};

    /** Switches autovacuum off on the harness's tables (PostgreSQL; a no-op elsewhere). */
    static void autovacuumOff(BenchDatabase db) throws SQLException {
        if (db.kind != DbKind.POSTGRES) {
            return;
        }
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String t : BenchDatabase.TABLES) {
                st.execute("ALTER TABLE " + t + " SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
            }
        }
    }

    /** After a restore: VACUUM on PostgreSQL, the purge wait on MariaDB. Returns false if the wait timed out. */
    static boolean settle(BenchDatabase db) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            switch (db.kind) {
                case POSTGRES -> st.execute("VACUUM (INDEX_CLEANUP ON) " + String.join(", ", CHURNED));
                case MARIADB -> {
                    st.setQueryTimeout(30);
                    try {
                        st.execute("SET GLOBAL innodb_max_purge_lag_wait = 0");
                    } catch (SQLException e) {
                        return false;
                    }
                }
                case H2 -> {
                }
            }
        }
        return true;
    }

    /** One sentence for the results: how dead rows were handled during this workload. */
    static String describe(DbKind kind, boolean restored) {
        if (!restored) {
            return switch (kind) {
                case POSTGRES -> "server's autovacuum setting in force (see server.autovacuum); no manual vacuum";
                case MARIADB -> "InnoDB purge in the background, as the server runs it";
                case H2 -> "none (H2)";
                case SQLITE -> "none (SQLite has no background vacuum; auto_vacuum off as Prefect leaves it)";
            };
        }
        return switch (kind) {
            case POSTGRES -> "autovacuum off on the harness's tables; VACUUM (INDEX_CLEANUP ON) after every restore, "
                    + "outside the timings";
            case MARIADB -> "after every restore, waited for InnoDB's purge to finish (innodb_max_purge_lag_wait = 0), "
                    + "outside the timings";
            case H2 -> "none (H2 has no vacuum; its MVStore reuses space on its own)";
            case SQLITE -> "none (SQLite has no background vacuum)";
        };
    }

    /** Version and the settings that matter for the figures, as the server reports them. */
    static Map<String, String> serverInfo(BenchDatabase db) throws SQLException {
        Map<String, String> info = new LinkedHashMap<>();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            info.put("product", c.getMetaData().getDatabaseProductName());
            info.put("version", c.getMetaData().getDatabaseProductVersion());
            switch (db.kind) {
                case POSTGRES -> {
                    for (String setting : new String[] {"autovacuum", "synchronous_commit", "shared_buffers", "fsync"}) {
                        info.put(setting, single(st, "SHOW " + setting));
                    }
                }
                case MARIADB -> {
                    for (String v : new String[] {"innodb_flush_log_at_trx_commit", "innodb_buffer_pool_size"}) {
                        try (ResultSet rs = st.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + v + "'")) {
                            if (rs.next()) {
                                info.put(v, rs.getString(2));
                            }
                        }
                    }
                }
                case H2 -> info.put("url", db.url);
            }
        }
        return info;
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
