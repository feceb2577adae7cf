package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static dev.flowsweep.bench.BenchDatabase.DEPLOYMENT;
import static dev.flowsweep.bench.BenchDatabase.LIMIT;
import static dev.flowsweep.bench.BenchDatabase.LOG;
import static dev.flowsweep.bench.BenchDatabase.RUN;

/**
 * The harness's first, simplified version of Prefect's per-run path ({@code per-run-200}), kept as a labelled second
 * row beside the faithful one ({@link PrefectPathContender}): one call of 200 runs (Prefect allows 50), one
 * transaction: read the matching runs once (whole rows, selected as the floors select them), then for <em>every</em>
 * run with a deployment read that deployment (Prefect checks the state first and reads each deployment once per
 * transaction) and, when the run holds a slot, decrement its limit; orphan the subflows (the statement that stands in
 * for Prefect's {@code ON DELETE SET NULL} key, {@link FloorSql#orphanSubflows}); delete the runs with one statement
 * (task runs and tags go by foreign-key cascade); commit — the call returns here. Afterwards one transaction per run
 * deletes its logs. Deadlocks and lock timeouts retry the transaction (counted, up to {@link Contender#MAX_ATTEMPTS}
 * attempts): with several threads the per-run limit updates take their locks in run order, not limit order, and do
 * deadlock.
 */
final class PerRun200Contender implements Contender {
    private static final String COLUMNS = "r.id, r.name, r.flow_id, r.state_type, r.state_name, r.deployment_id, "
            + "r.work_queue_name, r.flow_version, r.start_time, r.end_time, r.expected_start_time, "
            + "r.next_scheduled_start_time, r.parent_task_run_id, r.idempotency_key, r.created_by_set, r.created_by_id, "
            + "r.created_by_type, r.created_by_display_value, r.created, r.updated";

    private final BenchDatabase db;
    private final AtomicLong retries = new AtomicLong();

    private final FloorSql floor;

    PerRun200Contender(BenchDatabase db) {
        this.db = db;
        this.floor = new FloorSql(db);
    }

    @Override
    public ContenderKind kind() {
        return ContenderKind.PER_RUN_200;
    }

    @Override
    public long retries() {
        return retries.get();
    }

    @Override
    public Deletion delete(String tag, int limit) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                List<UUID> ids = deleteOnce(tag, limit);
                return new Deletion() {
                    @Override
                    public int deleted() {
                        return ids.size();
                    }

                    @Override
                    public void awaitLogsGone() throws SQLException {
                        deleteLogsOneRunAtATime(ids);
                    }
                };
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !db.isTransient(e)) {
                    throw e;
                }
                retries.incrementAndGet();
                Contender.pause(attempt);
            }
        }
    }

    private List<UUID> deleteOnce(String tag, int limit) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<UUID> ids = new ArrayList<>(limit);
                List<String> states = new ArrayList<>(limit);
                List<UUID> deployments = new ArrayList<>(limit);
                try (PreparedStatement ps = c.prepareStatement(db.selectNewestTagged(COLUMNS, false))) {
                    ps.setString(1, tag);
                    ps.setInt(2, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(db.getUuid(rs, 1));
                            states.add(rs.getString(4));
                            deployments.add(db.getUuid(rs, 6));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    c.commit();
                    return ids;
                }
                try (PreparedStatement readDeployment = c.prepareStatement("SELECT id, name, flow_id, "
                        + "concurrency_limit_id FROM " + DEPLOYMENT + " WHERE id = ?");
                     PreparedStatement decrement = c.prepareStatement("UPDATE " + LIMIT
                             + " SET active_slots = GREATEST(active_slots - 1, 0) WHERE id = ? AND active = TRUE")) {
                    for (int i = 0; i < ids.size(); i++) {
                        UUID deploymentId = deployments.get(i);
                        if (deploymentId == null) {
                            continue;
                        }
                        UUID limitId = null;
                        db.setUuid(readDeployment, 1, deploymentId);
                        try (ResultSet rs = readDeployment.executeQuery()) {
                            if (rs.next()) {
                                limitId = db.getUuid(rs, 4);
                            }
                        }
                        String state = states.get(i);
                        boolean holdsSlot = "PENDING".equals(state) || "RUNNING".equals(state)
                                || "CANCELLING".equals(state);
                        if (limitId != null && holdsSlot) {
                            db.setUuid(decrement, 1, limitId);
                            decrement.executeUpdate();
                        }
                    }
                }
                floor.orphanSubflows(c, ids);
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + RUN + " WHERE "
                        + db.inList("id", ids.size()))) {
                    db.bindList(c, ps, 1, ids);
                    ps.executeUpdate();
                }
                c.commit();
                return ids;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Prefect's background {@code delete_logs}: one transaction per run. */
    private void deleteLogsOneRunAtATime(List<UUID> ids) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + LOG + " WHERE flow_run_id = ?")) {
                for (UUID id : ids) {
                    db.setUuid(ps, 1, id);
                    ps.executeUpdate();
                    c.commit();
                }
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
