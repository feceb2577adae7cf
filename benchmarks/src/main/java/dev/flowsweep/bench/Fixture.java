package dev.flowsweep.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.flowsweep.bench.BenchDatabase.DEPLOYMENT;
import static dev.flowsweep.bench.BenchDatabase.LIMIT;
import static dev.flowsweep.bench.BenchDatabase.LOG;
import static dev.flowsweep.bench.BenchDatabase.PURGE_QUEUE;
import static dev.flowsweep.bench.BenchDatabase.RUN;
import static dev.flowsweep.bench.BenchDatabase.TAG;
import static dev.flowsweep.bench.BenchDatabase.TASK_RUN;

/**
 * Fresh, identical data for every measured call. When a workload starts, the rows one call will delete — the newest
 * {@code limit} runs of a tag, their tags, task runs and logs, the links of their subflows, and every limit's
 * {@code active_slots} — are copied into the harness's own stash tables ({@code bench_s<n>_*}). After every call
 * (warm-up or measured, any contender) the harness first {@link #check checks} that the call did the whole work and
 * nothing else, then {@link #restore restores} the stashed rows with plain {@code INSERT … SELECT}s (which fail
 * loudly on a row the call did not delete), re-links the subflows, resets the limits, and lets the database settle
 * ({@link Upkeep#settle}). So every call deletes the very same runs from the very same data.
 */
final class Fixture {
    private static final String SLOT_STATES = "('PENDING', 'RUNNING', 'CANCELLING')";

    /** The runs one call deletes: the newest {@code ids.size()} runs tagged {@code tag}, stashed under {@code n}. */
    record Target(int n, String tag, List<UUID> ids, Map<UUID, UUID> subflowParents, Map<UUID, Integer> released,
                  long logs, long taskRuns) {
        String table(String what) {
            return "bench_s" + n + "_" + what;
        }
    }

    private final BenchDatabase db;
    private final Map<UUID, Integer> slots = new LinkedHashMap<>();
    private final List<Target> targets = new ArrayList<>();
    private long runs;
    private boolean settled = true;

    private Fixture(BenchDatabase db) {
        this.db = db;
    }

    /** Stashes the newest {@code limit} runs of each tag (tags in order; target {@code i} is tag {@code i}). */
    static Fixture stash(BenchDatabase db, List<String> tags, int limit) throws SQLException {
        Fixture f = new Fixture(db);
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            try (ResultSet rs = st.executeQuery("SELECT id, active_slots FROM " + LIMIT)) {
                while (rs.next()) {
                    f.slots.put(db.getUuid(rs, 1), rs.getInt(2));
                }
            }
            for (String tag : tags) {
                f.targets.add(f.stashOne(c, st, f.targets.size(), tag, limit));
            }
        }
        f.runs = db.count("SELECT COUNT(*) FROM " + RUN);
        Upkeep.autovacuumOff(db);
        db.analyze();
        return f;
    }

    List<Target> targets() {
        return List.copyOf(targets);
    }

    /** False once a settle step (MariaDB's purge wait) timed out during this workload. */
    boolean alwaysSettled() {
        return settled;
    }

    private Target stashOne(Connection c, Statement st, int n, String tag, int limit) throws SQLException {
        List<UUID> ids = new ArrayList<>(limit);
        try (PreparedStatement ps = c.prepareStatement(db.selectNewestTagged("r.id", false))) {
            ps.setString(1, tag);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(db.getUuid(rs, 1));
                }
            }
        }
        if (ids.size() != limit) {
            throw new IllegalStateException(ids.size() + " runs tagged " + tag + ", at least " + limit + " needed");
        }
        Target t = new Target(n, tag, ids, new LinkedHashMap<>(), new LinkedHashMap<>(), 0, 0);
        String[][] tables = {{"run", RUN, "id"}, {"tag", TAG, "flow_run_id"}, {"task", TASK_RUN, "flow_run_id"},
                {"log", LOG, "flow_run_id"}};
        for (String[] table : tables) {
            st.execute("DROP TABLE IF EXISTS " + t.table(table[0]));
            st.execute("CREATE TABLE " + t.table(table[0]) + " AS SELECT * FROM " + table[1] + " WHERE 1 = 0");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.table(table[0]) + " SELECT * FROM "
                    + table[1] + " WHERE " + db.inList(table[2], ids.size()))) {
                db.bindList(c, ps, 1, ids);
                ps.executeUpdate();
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT r.id, r.parent_task_run_id FROM " + RUN + " r JOIN "
                + t.table("task") + " k ON k.id = r.parent_task_run_id")) {
            while (rs.next()) {
                t.subflowParents().put(db.getUuid(rs, 1), db.getUuid(rs, 2));
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT d.concurrency_limit_id, COUNT(*) FROM " + t.table("run") + " r JOIN "
                + DEPLOYMENT + " d ON d.id = r.deployment_id JOIN " + LIMIT + " l ON l.id = d.concurrency_limit_id"
                + " WHERE r.state_type IN " + SLOT_STATES + " AND l.active GROUP BY d.concurrency_limit_id")) {
            while (rs.next()) {
                t.released().put(db.getUuid(rs, 1), rs.getInt(2));
            }
        }
        return new Target(n, tag, List.copyOf(ids), Map.copyOf(t.subflowParents()), Map.copyOf(t.released()),
                db.count("SELECT COUNT(*) FROM " + t.table("log")), db.count("SELECT COUNT(*) FROM " + t.table("task")));
    }

    /**
     * After a call that was to delete {@code t}: what it left undone or did wrong (empty when all is well). Checks that
     * exactly the target's runs are gone, with their tags, task runs and logs; that their subflows were orphaned; that
     * every limit released exactly the target's slot holders; and that no purge is left queued.
     */
    List<String> check(Target t) throws SQLException {
        List<String> problems = new ArrayList<>();
        long left = db.count("SELECT COUNT(*) FROM " + t.table("run") + " s JOIN " + RUN + " r ON r.id = s.id");
        if (left > 0) {
            problems.add(left + " of the " + t.ids().size() + " runs to delete left");
        }
        long total = db.count("SELECT COUNT(*) FROM " + RUN);
        if (total != runs - t.ids().size() + left) {
            problems.add((runs - left - total) + " run(s) deleted besides the " + t.ids().size() + " to delete");
        }
        childrenLeft(problems, t, TAG, "tag row(s)");
        childrenLeft(problems, t, TASK_RUN, "task run(s)");
        childrenLeft(problems, t, LOG, "log(s)");
        long linked = 0;
        if (!t.subflowParents().isEmpty()) {
            try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + RUN
                    + " WHERE parent_task_run_id IS NOT NULL AND " + db.inList("id", t.subflowParents().size()))) {
                db.bindList(c, ps, 1, t.subflowParents().keySet());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    linked = rs.getLong(1);
                }
            }
        }
        if (linked > 0) {
            problems.add(linked + " subflow run(s) of deleted runs not orphaned");
        }
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, active_slots FROM " + LIMIT)) {
            while (rs.next()) {
                UUID id = db.getUuid(rs, 1);
                int expected = Math.max(0, slots.getOrDefault(id, 0) - t.released().getOrDefault(id, 0));
                if (rs.getInt(2) != expected) {
                    problems.add("limit " + id + " has " + rs.getInt(2) + " active slots, " + expected + " expected");
                }
            }
        }
        long queued = db.count("SELECT COUNT(*) FROM " + PURGE_QUEUE);
        if (queued > 0) {
            problems.add(queued + " purge(s) left queued");
        }
        return problems;
    }

    private void childrenLeft(List<String> problems, Target t, String table, String what) throws SQLException {
        long n = db.count("SELECT COUNT(*) FROM " + t.table("run") + " s JOIN " + table + " x ON x.flow_run_id = s.id");
        if (n > 0) {
            problems.add(n + " " + what + " of deleted runs left");
        }
    }

    /** Puts back what {@code t}'s call deleted and changed, then lets the database settle (outside any timing). */
    void restore(Target t) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO " + RUN + " SELECT * FROM " + t.table("run"));
                st.executeUpdate("INSERT INTO " + TAG + " SELECT * FROM " + t.table("tag"));
                st.executeUpdate("INSERT INTO " + TASK_RUN + " SELECT * FROM " + t.table("task"));
                st.executeUpdate("INSERT INTO " + LOG + " SELECT * FROM " + t.table("log"));
                st.executeUpdate("DELETE FROM " + PURGE_QUEUE);
                try (PreparedStatement relink = c.prepareStatement("UPDATE " + RUN
                        + " SET parent_task_run_id = ? WHERE id = ?")) {
                    for (Map.Entry<UUID, UUID> e : t.subflowParents().entrySet()) {
                        db.setUuid(relink, 1, e.getValue());
                        db.setUuid(relink, 2, e.getKey());
                        relink.addBatch();
                    }
                    relink.executeBatch();
                }
                try (PreparedStatement reset = c.prepareStatement("UPDATE " + LIMIT
                        + " SET active_slots = ? WHERE id = ?")) {
                    for (Map.Entry<UUID, Integer> e : slots.entrySet()) {
                        reset.setInt(1, e.getValue());
                        db.setUuid(reset, 2, e.getKey());
                        reset.addBatch();
                    }
                    reset.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        settled &= Upkeep.settle(db);
    }
}
