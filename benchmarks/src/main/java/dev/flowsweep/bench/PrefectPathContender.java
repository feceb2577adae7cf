package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static dev.flowsweep.bench.BenchDatabase.DEPLOYMENT;
import static dev.flowsweep.bench.BenchDatabase.LIMIT;
import static dev.flowsweep.bench.BenchDatabase.LOG;
import static dev.flowsweep.bench.BenchDatabase.RUN;

/**
 * Prefect's {@code POST /flow_runs/bulk_delete} as merged ({@code prefect}), its statements replayed one by one in
 * plain JDBC on the library's tables. Sources: PrefectHQ/prefect at commit {@code ce79dd3d}, paths under
 * {@code src/prefect/server/}.
 *
 * <h2>One API call (at most {@value #BULK_OPERATION_LIMIT} runs), one transaction</h2>
 * {@code api/flow_runs.py} {@code bulk_delete_flow_runs} (l. 672–717): {@code limit} is at most
 * {@code BULK_OPERATION_LIMIT = 50} (l. 669), so deleting 200 runs takes 4 calls; the work runs in
 * {@code db.session_context(begin_transaction=True)}: one session, one transaction, committed when the block ends.
 * <ol>
 *   <li><b>The API's read of the runs</b>: {@code models.flow_runs.read_flow_runs(session, flow_run_filter, limit)}
 *       ({@code models/flow_runs.py} l. 281–342): {@code select(FlowRun)} — whole rows, no lock — with the filter,
 *       {@code ORDER BY} the default sort {@code ID_DESC}, {@code LIMIT}. Replayed with the harness's best tag-driven
 *       select ({@link BenchDatabase#selectNewestTagged}, {@code r.*}, unlocked), the one the floors use.</li>
 *   <li><b>The model's second read</b>: {@code delete_flow_runs} (l. 547–585):
 *       {@code select(FlowRun).where(FlowRun.id.in_(flow_run_ids))}: whole rows again, one placeholder per id (an
 *       expanding {@code IN}, {@link BenchDatabase#expandingIn}), in the order the database returns them.</li>
 *   <li><b>Per run of that result</b>, in that order, when it has a {@code deployment_id}:
 *       {@code cleanup_flow_run_concurrency_slots} (l. 345–371) checks the run's <em>state</em> first — PENDING,
 *       RUNNING or CANCELLING — and only then reads the deployment:
 *       {@code models.deployments.read_deployment} ({@code models/deployments.py} l. 462–475) is
 *       {@code session.get(Deployment, id)}, which answers from the session's identity map after the first read, so
 *       <b>each deployment is read once per transaction</b>: {@code SELECT} of the deployment, followed by the eager
 *       load of its {@code global_concurrency_limit} ({@code lazy="selectin"}, {@code database/orm_models.py} l. 857):
 *       a {@code SELECT} of the limit by id. (Prefect's code may in fact read the deployment again for every
 *       slot-holding run: SQLAlchemy's identity map holds its objects weakly, and once
 *       {@code cleanup_flow_run_concurrency_slots} returns nothing refers to the deployment, so CPython frees it and the
 *       next {@code session.get} goes to the database. Issue 13 asks for once per transaction; the harness keeps that
 *       version, which favours Prefect.) Then, if the deployment has a limit,
 *       {@code concurrency_limits_v2.bulk_decrement_active_slots(session, [limit_id], 1)}
 *       ({@code models/concurrency_limits_v2.py} l. 282–326): {@code UPDATE … SET active_slots = CASE WHEN … - 1 < 0
 *       THEN 0 ELSE … - 1 END WHERE id IN (?) AND active = true} — one update per slot-holding run.</li>
 *   <li><b>Subflows</b>: on Prefect's schema {@code flow_run.parent_task_run_id} references {@code task_run.id}
 *       {@code ON DELETE SET NULL} ({@code orm_models.py} l. 514), so the database orphans subflows while the delete
 *       cascades to the task runs. The library's schema has no such key; one statement stands in for it, the floors'
 *       ({@link FloorSql#orphanSubflows}), just before the delete.</li>
 *   <li><b>The delete</b>: {@code delete(FlowRun).where(FlowRun.id.in_(existing_ids))}; task runs and tags go by
 *       foreign-key cascade ({@code task_run.flow_run_id … ondelete="cascade"}, {@code orm_models.py} l. 657; the
 *       library's schema cascades both). Commit: the API call returns.</li>
 * </ol>
 * <h2>Logs: one transaction per run</h2>
 * After the commit the API queues {@code delete_flow_run_logs} once per deleted run ({@code docket.add}, no
 * database work); each task ({@code api/flow_runs.py} l. 654–666) opens its own transaction and runs
 * {@code models.logs.delete_logs} ({@code models/logs.py} l. 122–130) with {@code LogFilter(flow_run_id any_ [id])}:
 * {@code DELETE FROM log WHERE flow_run_id IN (?)}, commit. Replayed after the calls, one run after another on one
 * connection ({@link Deletion#awaitLogsGone}); Prefect's worker may run several at once.
 *
 * <h2>Left out, each in Prefect's favour</h2>
 * Everything but the database work: HTTP, the request's validation, Python and the ORM's bookkeeping between
 * statements. Statements with no counterpart in the library's schema: the eager loads of each run's current state
 * ({@code FlowRun._state}, {@code lazy="selectin"}, l. 533: one {@code SELECT} of {@code flow_run_state} per read;
 * here the state is a column of the run) and of each deployment's {@code schedules} (l. 848); the run's and the
 * deployment's {@code work_queue} loads issue nothing here (no work queue ids). The slot decay and
 * {@code denied_slots} terms of the update (no such columns). Prefect itself runs on PostgreSQL and SQLite; on H2 and
 * MariaDB these are the same statements on that database.
 */
final class PrefectPathContender implements Contender {
    /** {@code api/flow_runs.py}: {@code BULK_OPERATION_LIMIT = 50}. */
    static final int BULK_OPERATION_LIMIT = 50;
    private static final Set<String> SLOT_STATES = Set.of("PENDING", "RUNNING", "CANCELLING");

    private final BenchDatabase db;
    private final FloorSql floor;
    private final AtomicLong retries = new AtomicLong();

    PrefectPathContender(BenchDatabase db) {
        this.db = db;
        this.floor = new FloorSql(db);
    }

    @Override
    public ContenderKind kind() {
        return ContenderKind.PREFECT;
    }

    @Override
    public long retries() {
        return retries.get();
    }

    /** As many API calls of at most {@value #BULK_OPERATION_LIMIT} runs as {@code limit} needs, one after another. */
    @Override
    public Deletion delete(String tag, int limit) throws SQLException {
        List<UUID> deleted = new ArrayList<>(limit);
        while (deleted.size() < limit) {
            int n = Math.min(BULK_OPERATION_LIMIT, limit - deleted.size());
            List<UUID> ids = Transactions.inTransaction(db, retries, c -> bulkDeleteCall(c, tag, n));
            deleted.addAll(ids);
            if (ids.size() < n) {
                break;
            }
        }
        return new Deletion() {
            @Override
            public int deleted() {
                return deleted.size();
            }

            @Override
            public void awaitLogsGone() throws SQLException {
                for (UUID id : deleted) {
                    Transactions.inTransaction(db, retries, c -> deleteLogs(c, id));
                }
            }
        };
    }

    /** The transaction of one {@code bulk_delete_flow_runs} call; returns the ids it deleted. */
    private List<UUID> bulkDeleteCall(Connection c, String tag, int limit) throws SQLException {
        List<UUID> matching = new ArrayList<>(limit);
        try (PreparedStatement ps = c.prepareStatement(db.selectNewestTagged("r.*", false))) {
            ps.setString(1, tag);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    matching.add(uuid(rs, "id"));
                }
            }
        }
        if (matching.isEmpty()) {
            return matching;
        }
        List<RunRow> runs = new ArrayList<>(matching.size());
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + RUN + " WHERE "
                + BenchDatabase.expandingIn("id", matching.size()))) {
            db.bindEach(ps, 1, matching);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new RunRow(uuid(rs, "id"), uuid(rs, "deployment_id"), rs.getString("state_type")));
                }
            }
        }
        if (runs.isEmpty()) {
            return List.of();
        }
        Map<UUID, Optional<UUID>> identityMap = new HashMap<>();
        try (PreparedStatement decrement = c.prepareStatement("UPDATE " + LIMIT + " SET active_slots = CASE WHEN"
                + " active_slots - 1 < 0 THEN 0 ELSE active_slots - 1 END WHERE "
                + BenchDatabase.expandingIn("id", 1) + " AND active = TRUE")) {
            for (RunRow run : runs) {
                if (run.deploymentId() == null || !SLOT_STATES.contains(run.stateType())) {
                    continue;
                }
                Optional<UUID> limitId = identityMap.get(run.deploymentId());
                if (limitId == null) {
                    limitId = readDeployment(c, run.deploymentId());
                    identityMap.put(run.deploymentId(), limitId);
                }
                if (limitId.isPresent()) {
                    db.setUuid(decrement, 1, limitId.get());
                    decrement.executeUpdate();
                }
            }
        }
        List<UUID> existing = new ArrayList<>(runs.size());
        for (RunRow run : runs) {
            existing.add(run.id());
        }
        floor.orphanSubflows(c, existing);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + RUN + " WHERE "
                + BenchDatabase.expandingIn("id", existing.size()))) {
            db.bindEach(ps, 1, existing);
            ps.executeUpdate();
        }
        return existing;
    }

    /**
     * {@code session.get(Deployment, id)}: the deployment, then the eager load of its limit; the limit's id (empty when
     * the deployment is gone or has no limit: {@code if deployment and deployment.concurrency_limit_id}).
     */
    private Optional<UUID> readDeployment(Connection c, UUID deploymentId) throws SQLException {
        UUID limitId = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + DEPLOYMENT + " WHERE id = ?")) {
            db.setUuid(ps, 1, deploymentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    limitId = uuid(rs, "concurrency_limit_id");
                }
            }
        }
        if (limitId != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + LIMIT + " WHERE "
                    + BenchDatabase.expandingIn("id", 1))) {
                db.setUuid(ps, 1, limitId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getInt("active_slots");
                    }
                }
            }
        }
        return Optional.ofNullable(limitId);
    }

    /** {@code delete_flow_run_logs} of one run: its own transaction. */
    private Void deleteLogs(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + LOG + " WHERE "
                + BenchDatabase.expandingIn("flow_run_id", 1))) {
            db.setUuid(ps, 1, runId);
            ps.executeUpdate();
        }
        return null;
    }

    private UUID uuid(ResultSet rs, String column) throws SQLException {
        return db.getUuid(rs, rs.findColumn(column));
    }

    private record RunRow(UUID id, UUID deploymentId, String stateType) {
    }
}
