package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prefect's {@code db_vacuum} service as written in {@code src/prefect/server/services/db_vacuum.py} (PrefectHQ/prefect
 * at commit {@code ce79dd3d}), replayed in plain JDBC on Prefect's own schema: {@code _batch_delete} is a loop of
 * {@code DELETE FROM <table> WHERE <table>.id IN (SELECT <table>.id FROM <table> WHERE <condition> LIMIT :batch_size)},
 * each batch in its own transaction, until a batch deletes nothing. Batch size 200 (the setting's default,
 * {@code server.services.db_vacuum.batch_size}). The three tasks, one after another (the service schedules them
 * independently every {@code loop_seconds}; run back to back here, which is the fastest they can go):
 * <ol>
 *   <li>{@code vacuum_old_flow_runs}: {@code flow_run.parent_task_run_id IS NULL AND flow_run.state_type IN
 *       (<TERMINAL_STATES>) AND flow_run.end_time IS NOT NULL AND flow_run.end_time < :cutoff} — the database cascades
 *       to states and task runs;</li>
 *   <li>{@code vacuum_orphaned_logs}: {@code log.flow_run_id IS NOT NULL AND NOT (EXISTS (SELECT 1 FROM flow_run WHERE
 *       flow_run.id = log.flow_run_id))};</li>
 *   <li>{@code vacuum_orphaned_artifacts}: the same on {@code artifact}.</li>
 * </ol>
 * Left out: {@code vacuum_stale_artifact_collections} (the seeded artifacts have no key, so no collection), the
 * {@code await asyncio.sleep(0)} between batches, and everything outside the database. PostgreSQL runs it on a
 * connection without a statement timeout, as {@code _maintenance_session} does.
 */
final class DbVacuumContender {
    static final int BATCH_SIZE = 200;
    static final String TERMINAL_STATES = "('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED')";

    /** What a run of it did: batch latencies (ms) per task, whether the time cap stopped it. */
    record Outcome(List<Double> runBatches, List<Double> logBatches, List<Double> artifactBatches, long runs,
                   long logs, long artifacts, boolean capped, double seconds) {
        List<Double> allBatches() {
            List<Double> all = new ArrayList<>(runBatches);
            all.addAll(logBatches);
            all.addAll(artifactBatches);
            return all;
        }
    }

    private DbVacuumContender() {
    }

    /** The three delete statements, as {@code _batch_delete} builds them. */
    static String oldRunsSql(PrefectDatabase db) {
        return "DELETE FROM flow_run WHERE flow_run.id IN (SELECT flow_run.id FROM flow_run WHERE "
                + "flow_run.parent_task_run_id IS NULL AND flow_run.state_type IN " + TERMINAL_STATES
                + " AND flow_run.end_time IS NOT NULL AND flow_run.end_time < " + db.timeParam() + " LIMIT "
                + BATCH_SIZE + ")";
    }

    static String orphanedSql(String table) {
        return "DELETE FROM " + table + " WHERE " + table + ".id IN (SELECT " + table + ".id FROM " + table + " WHERE "
                + table + ".flow_run_id IS NOT NULL AND NOT (EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = "
                + table + ".flow_run_id)) LIMIT " + BATCH_SIZE + ")";
    }

    /**
     * Runs the three tasks on the copy until nothing is left, or until {@code deadline} (then {@code capped}: a batch
     * that started before it finishes).
     */
    static Outcome run(PrefectDatabase.Copy copy, Instant cutoff, long deadlineNanos, Progress progress, String label)
            throws SQLException {
        long t0 = System.nanoTime();
        List<Double> runs = new ArrayList<>();
        List<Double> logs = new ArrayList<>();
        List<Double> artifacts = new ArrayList<>();
        try (Connection c = copy.connection()) {
            c.setAutoCommit(false);
            boolean capped;
            long[] n = new long[3];
            capped = loop(c, oldRunsSql(copy.db), copy.db, cutoff, runs, deadlineNanos, progress, label + " old runs",
                    n, 0);
            if (!capped) {
                capped = loop(c, orphanedSql("log"), copy.db, null, logs, deadlineNanos, progress,
                        label + " orphaned logs", n, 1);
            }
            if (!capped) {
                capped = loop(c, orphanedSql("artifact"), copy.db, null, artifacts, deadlineNanos, progress,
                        label + " orphaned artifacts", n, 2);
            }
            c.setAutoCommit(true);
            return new Outcome(runs, logs, artifacts, n[0], n[1], n[2], capped, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** One {@code _batch_delete}; true when the deadline stopped it. */
    private static boolean loop(Connection c, String sql, PrefectDatabase db, Instant cutoff, List<Double> batches,
                                long deadlineNanos, Progress progress, String label, long[] totals, int slot)
            throws SQLException {
        long lastReport = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            while (true) {
                if (System.nanoTime() > deadlineNanos) {
                    return true;
                }
                long b0 = System.nanoTime();
                if (cutoff != null) {
                    db.bindTime(ps, 1, cutoff);
                }
                int deleted = ps.executeUpdate();
                c.commit();
                if (deleted == 0) {
                    return false;
                }
                batches.add((System.nanoTime() - b0) / 1e6);
                totals[slot] += deleted;
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    progress.line(label + ": " + totals[slot] + " deleted in " + batches.size() + " batches, last "
                            + Stats.fmt(batches.get(batches.size() - 1)) + " ms");
                }
            }
        }
    }
}
