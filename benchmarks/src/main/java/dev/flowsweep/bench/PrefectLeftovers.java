package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a deletion on Prefect's schema left behind, counted in the database: runs of the target still there, orphaned
 * logs and artifacts (their {@code flow_run_id} names no run; neither table has a foreign key), slots still held for
 * deleted runs, task runs and states without their run, subflows still pointing at a deleted task run.
 */
final class PrefectLeftovers {
    private PrefectLeftovers() {
    }

    static final String ORPHANED_LOGS = "SELECT COUNT(*) FROM log WHERE log.flow_run_id IS NOT NULL AND NOT EXISTS "
            + "(SELECT 1 FROM flow_run r WHERE r.id = log.flow_run_id)";
    static final String ORPHANED_ARTIFACTS = "SELECT COUNT(*) FROM artifact WHERE artifact.flow_run_id IS NOT NULL AND "
            + "NOT EXISTS (SELECT 1 FROM flow_run r WHERE r.id = artifact.flow_run_id)";
    static final String ORPHANED_TASK_RUNS = "SELECT COUNT(*) FROM task_run t WHERE NOT EXISTS (SELECT 1 FROM flow_run r"
            + " WHERE r.id = t.flow_run_id)";
    static final String ORPHANED_STATES = "SELECT COUNT(*) FROM flow_run_state s WHERE NOT EXISTS (SELECT 1 FROM flow_run"
            + " r WHERE r.id = s.flow_run_id)";
    static final String DANGLING_SUBFLOWS = "SELECT COUNT(*) FROM flow_run f WHERE f.parent_task_run_id IS NOT NULL AND "
            + "NOT EXISTS (SELECT 1 FROM task_run t WHERE t.id = f.parent_task_run_id)";
    static final String SLOTS = "SELECT COALESCE(SUM(active_slots), 0) FROM concurrency_limit_v2";

    /** The newest {@code limit} runs tagged {@code tag} (id descending), what hangs on them, and the slots they hold. */
    record Target(List<UUID> ids, long logs, long artifacts, long taskRuns, long subflows, long slotHolders,
                  long runsBefore, long slotsBefore) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runs", ids.size());
            m.put("task_runs", taskRuns);
            m.put("logs", logs);
            m.put("artifacts", artifacts);
            m.put("subflows", subflows);
            m.put("slot_holders", slotHolders);
            return m;
        }
    }

    static Target target(PrefectDatabase.Copy copy, String tag, int limit) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = copy.connection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM flow_run WHERE "
                + copy.db.hasTag("flow_run", tag) + " ORDER BY id DESC LIMIT " + limit);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(UUID.fromString(rs.getString(1)));
            }
        }
        String in = "(SELECT id FROM flow_run WHERE " + copy.db.hasTag("flow_run", tag) + " ORDER BY id DESC LIMIT "
                + limit + ")";
        return new Target(ids,
                copy.count("SELECT COUNT(*) FROM log WHERE flow_run_id IN " + in),
                copy.count("SELECT COUNT(*) FROM artifact WHERE flow_run_id IN " + in),
                copy.count("SELECT COUNT(*) FROM task_run WHERE flow_run_id IN " + in),
                copy.count("SELECT COUNT(*) FROM flow_run WHERE parent_task_run_id IN (SELECT id FROM task_run WHERE "
                        + "flow_run_id IN " + in + ")"),
                copy.count("SELECT COUNT(*) FROM flow_run r JOIN deployment d ON d.id = r.deployment_id WHERE r.id IN "
                        + in + " AND d.concurrency_limit_id IS NOT NULL AND r.state_type IN ('PENDING', 'RUNNING', "
                        + "'CANCELLING')"),
                copy.count("SELECT COUNT(*) FROM flow_run"),
                copy.count(SLOTS));
    }

    /** What is left on the copy after a deletion of {@code target}. */
    static Map<String, Long> count(PrefectDatabase.Copy copy, Target target) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("runs_left", copy.count("SELECT COUNT(*) FROM flow_run") - (target.runsBefore() - target.ids().size()));
        m.put("orphaned_logs", copy.count(ORPHANED_LOGS));
        m.put("orphaned_artifacts", copy.count(ORPHANED_ARTIFACTS));
        m.put("held_slots", copy.count(SLOTS) - (target.slotsBefore() - target.slotHolders()));
        m.put("orphaned_task_runs", copy.count(ORPHANED_TASK_RUNS));
        m.put("orphaned_states", copy.count(ORPHANED_STATES));
        m.put("dangling_subflows", copy.count(DANGLING_SUBFLOWS));
        return m;
    }
}
