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

/**
 * Prefect's {@code POST /flow_runs/bulk_delete} as merged, on Prefect's own schema: the statements
 * {@link PrefectPathContender} replays on the library's tables (where its sources are cited, line by line), here with
 * what that schema adds — the eager ({@code lazy="selectin"}) load of each run's current state from
 * {@code flow_run_state} with the API's read, the deployment's {@code schedules} and {@code global_concurrency_limit}
 * with each deployment read, the slot decay terms of {@code bulk_decrement_active_slots}, and the database's own
 * {@code ON DELETE SET NULL} orphaning subflows. At most {@value PrefectPathContender#BULK_OPERATION_LIMIT} runs per
 * API call (200 runs = 4 calls, one transaction each), then one transaction per run for its logs. Artifacts are left
 * where they are, as Prefect leaves them (its vacuum removes them later, when enabled).
 *
 * <p><b>Each deployment is read once per transaction</b>, as issue 13 asks (SQLAlchemy's identity map answering
 * {@code session.get} for a deployment already loaded). Prefect's code may in fact read it again for every
 * slot-holding run: the identity map holds its objects weakly, and {@code cleanup_flow_run_concurrency_slots} keeps no
 * reference to the deployment once it returns, so CPython frees it and the next {@code session.get} goes to the
 * database. The harness keeps the once-per-transaction version, which favours Prefect.
 */
final class PrefectApiContender implements Contender {
    private static final Set<String> SLOT_STATES = Set.of("PENDING", "RUNNING", "CANCELLING");

    private final PrefectDatabase.Copy copy;

    PrefectApiContender(PrefectDatabase.Copy copy) {
        this.copy = copy;
    }

    @Override
    public ContenderKind kind() {
        return ContenderKind.PREFECT;
    }

    @Override
    public long retries() {
        return 0;
    }

    @Override
    public Deletion delete(String tag, int limit) throws SQLException {
        List<UUID> deleted = new ArrayList<>(limit);
        while (deleted.size() < limit) {
            int n = Math.min(PrefectPathContender.BULK_OPERATION_LIMIT, limit - deleted.size());
            List<UUID> ids = inTransaction(c -> call(c, tag, n));
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
                    inTransaction(c -> {
                        try (PreparedStatement ps = c.prepareStatement("DELETE FROM log WHERE log.flow_run_id IN ("
                                + copy.db.uuidParam() + ")")) {
                            PrefectDatabase.bindUuid(ps, 1, id);
                            ps.executeUpdate();
                        }
                        return null;
                    });
                }
            }
        };
    }

    private List<UUID> call(Connection c, String tag, int limit) throws SQLException {
        PrefectDatabase db = copy.db;
        List<UUID> matching = new ArrayList<>();
        List<UUID> stateIds = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT flow_run.* FROM flow_run WHERE "
                + db.hasTag("flow_run", tag) + " ORDER BY flow_run.id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    matching.add(UUID.fromString(rs.getString("id")));
                    String s = rs.getString("state_id");
                    if (s != null) {
                        stateIds.add(UUID.fromString(s));
                    }
                }
            }
        }
        if (matching.isEmpty()) {
            return matching;
        }
        Map<UUID, String> stateOf = new HashMap<>();
        if (!stateIds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT flow_run_state.* FROM flow_run_state WHERE "
                    + "flow_run_state.id IN (" + params(stateIds.size()) + ")")) {
                bind(ps, stateIds);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stateOf.put(UUID.fromString(rs.getString("flow_run_id")), rs.getString("type"));
                    }
                }
            }
        }
        List<UUID> existing = new ArrayList<>();
        List<UUID> deployments = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT flow_run.* FROM flow_run WHERE flow_run.id IN ("
                + params(matching.size()) + ")")) {
            bind(ps, matching);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(UUID.fromString(rs.getString("id")));
                    String d = rs.getString("deployment_id");
                    deployments.add(d == null ? null : UUID.fromString(d));
                }
            }
        }
        Map<UUID, Optional<UUID>> identityMap = new HashMap<>();
        try (PreparedStatement decrement = c.prepareStatement(decrementSql(db))) {
            for (int i = 0; i < existing.size(); i++) {
                UUID deployment = deployments.get(i);
                if (deployment == null || !SLOT_STATES.contains(stateOf.get(existing.get(i)))) {
                    continue;
                }
                Optional<UUID> limitId = identityMap.get(deployment);
                if (limitId == null) {
                    limitId = readDeployment(c, deployment);
                    identityMap.put(deployment, limitId);
                }
                if (limitId.isPresent()) {
                    PrefectDatabase.bindUuid(decrement, 1, limitId.get());
                    decrement.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM flow_run WHERE flow_run.id IN ("
                + params(existing.size()) + ")")) {
            bind(ps, existing);
            ps.executeUpdate();
        }
        return existing;
    }

    /** {@code bulk_decrement_active_slots(session, [limit_id], 1)}: with the decay of active and denied slots. */
    static String decrementSql(PrefectDatabase db) {
        String since = db.kind == DbKind.POSTGRES ? "EXTRACT(EPOCH FROM (now() - concurrency_limit_v2.updated))"
                : "((julianday('now') - julianday(concurrency_limit_v2.updated)) * 86400.0)";
        String greatest = db.kind == DbKind.POSTGRES ? "GREATEST" : "MAX";
        String decayed = greatest + "(0, concurrency_limit_v2.active_slots - floor(concurrency_limit_v2"
                + ".slot_decay_per_second * " + since + "))";
        return "UPDATE concurrency_limit_v2 SET active_slots = CASE WHEN " + decayed + " - 1 < 0 THEN 0 ELSE "
                + decayed + " - 1 END, denied_slots = " + greatest + "(0, concurrency_limit_v2.denied_slots - floor("
                + since + " / " + greatest + "(concurrency_limit_v2.avg_slot_occupancy_seconds, 1.0))) WHERE "
                + "concurrency_limit_v2.id IN (" + db.uuidParam() + ") AND concurrency_limit_v2.active = "
                + (db.kind == DbKind.POSTGRES ? "true" : "1");
    }

    /** {@code session.get(Deployment, id)}: the deployment, then its selectin loads (schedules, limit). */
    private Optional<UUID> readDeployment(Connection c, UUID deploymentId) throws SQLException {
        UUID limitId = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT deployment.* FROM deployment WHERE deployment.id = "
                + copy.db.uuidParam())) {
            PrefectDatabase.bindUuid(ps, 1, deploymentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String l = rs.getString("concurrency_limit_id");
                    limitId = l == null ? null : UUID.fromString(l);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT deployment_schedule.* FROM deployment_schedule WHERE "
                + "deployment_schedule.deployment_id IN (" + copy.db.uuidParam() + ") ORDER BY "
                + "deployment_schedule.updated DESC")) {
            PrefectDatabase.bindUuid(ps, 1, deploymentId);
            ps.executeQuery().close();
        }
        if (limitId != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT concurrency_limit_v2.* FROM concurrency_limit_v2 "
                    + "WHERE concurrency_limit_v2.id IN (" + copy.db.uuidParam() + ")")) {
                PrefectDatabase.bindUuid(ps, 1, limitId);
                ps.executeQuery().close();
            }
        }
        return Optional.ofNullable(limitId);
    }

    private String params(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, copy.db.uuidParam()));
    }

    private static void bind(PreparedStatement ps, List<UUID> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            PrefectDatabase.bindUuid(ps, i + 1, ids.get(i));
        }
    }

    /** One transaction; no retry (one caller at a time: an error is a real one). */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = copy.connection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
