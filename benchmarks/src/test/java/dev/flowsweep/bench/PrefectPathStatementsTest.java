package dev.flowsweep.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statements {@link PrefectPathContender} issues, counted on an H2 database whose data is known: four API calls of
 * 50 runs, each one transaction of the API's read, the model's second read, one read of each slot-holding run's
 * deployment (and the eager load of its limit) once per transaction, one limit update per slot-holding run, the
 * orphaning statement, the delete; then one transaction per run for its logs. The expected counts are computed from
 * the data with queries of their own, not from the contender.
 */
class PrefectPathStatementsTest {
    private static final String TAG = "purge";

    @Test
    void twoHundredRunsTakeFourCallsThatReadEachSlotHoldersDeploymentOnce(@TempDir Path dir) throws Exception {
        Options o = Options.parse(List.of("quick", "--h2-dir", dir.toString()));
        DataSpec spec = new DataSpec(3_000, 1, List.of(new DataSpec.Group(TAG, 600, 2, 3)));
        try (Session s = Session.openTraced(DbKind.H2, o, spec, EnumSet.of(ContenderKind.PREFECT),
                new Progress(false))) {
            List<Run> newest = newestTagged(s.db, 200);
            StatementTrace trace = s.db.trace();
            trace.start();
            Contender.Deletion d = s.contenders.get(ContenderKind.PREFECT).delete(TAG, 200);
            d.awaitLogsGone();
            List<String> sql = statements(trace.stop());
            assertEquals(200, d.deleted());

            String deploymentRead = "SELECT * FROM " + BenchDatabase.DEPLOYMENT + " WHERE id = ?";
            String limitLoad = "SELECT * FROM " + BenchDatabase.LIMIT + " WHERE id IN (?)";
            int at = 0;
            boolean stateCheckMatters = false;
            for (int call = 0; call < 4; call++) {
                List<Run> chunk = newest.subList(50 * call, 50 * call + 50);
                int holders = 0;
                Set<UUID> holderDeployments = new HashSet<>();
                Set<UUID> allDeployments = new HashSet<>();
                for (Run r : chunk) {
                    allDeployments.add(r.deployment());
                    if (Set.of("PENDING", "RUNNING", "CANCELLING").contains(r.state())) {
                        holders++;
                        holderDeployments.add(r.deployment());
                    }
                }
                stateCheckMatters |= holderDeployments.size() < allDeployments.size();
                int end = sql.subList(at, sql.size()).indexOf("COMMIT") + at;
                List<String> tx = sql.subList(at, end);
                assertEquals(s.db.selectNewestTagged("r.*", false), tx.get(0), "call " + call + ": the API's read");
                assertEquals("SELECT * FROM " + BenchDatabase.RUN + " WHERE " + BenchDatabase.expandingIn("id", 50),
                        tx.get(1), "call " + call + ": the model's second read");
                assertEquals(holderDeployments.size(), count(tx, deploymentRead), "call " + call + ": deployment reads");
                assertEquals(holderDeployments.size(), count(tx, limitLoad), "call " + call + ": limit loads");
                assertEquals(holders, countStarting(tx, "UPDATE " + BenchDatabase.LIMIT), "call " + call + ": decrements");
                assertTrue(tx.get(tx.size() - 2).startsWith("UPDATE " + BenchDatabase.RUN + " SET parent_task_run_id"),
                        "call " + call + ": orphaning before the delete: " + tx);
                assertEquals("DELETE FROM " + BenchDatabase.RUN + " WHERE " + BenchDatabase.expandingIn("id", 50),
                        tx.get(tx.size() - 1), "call " + call + ": the delete");
                assertEquals(2 + 2 * holderDeployments.size() + holders + 2, tx.size(), "call " + call + ": " + tx);
                at = end + 1;
            }
            assertTrue(stateCheckMatters, "the data must have runs whose deployment is read only for slot holders");
            List<String> logs = sql.subList(at, sql.size());
            assertEquals(400, logs.size(), "one delete and one commit per run");
            for (int i = 0; i < logs.size(); i += 2) {
                assertEquals("DELETE FROM " + BenchDatabase.LOG + " WHERE flow_run_id IN (?)", logs.get(i));
                assertEquals("COMMIT", logs.get(i + 1));
            }
        }
    }

    @Test
    void theSeedsVariantReadsTheDeploymentOfEveryRunInOneCall(@TempDir Path dir) throws Exception {
        Options o = Options.parse(List.of("quick", "--h2-dir", dir.toString()));
        DataSpec spec = new DataSpec(3_000, 1, List.of(new DataSpec.Group(TAG, 600, 2, 3)));
        try (Session s = Session.openTraced(DbKind.H2, o, spec, EnumSet.of(ContenderKind.PER_RUN_200),
                new Progress(false))) {
            List<Run> newest = newestTagged(s.db, 200);
            long holders = newest.stream().filter(r -> !r.state().equals("COMPLETED")).count();
            StatementTrace trace = s.db.trace();
            trace.start();
            s.contenders.get(ContenderKind.PER_RUN_200).delete(TAG, 200);
            List<String> sql = statements(trace.stop());
            assertEquals(1, count(sql, "COMMIT"), "one call, one transaction");
            assertEquals(200, countStarting(sql, "SELECT id, name, flow_id, concurrency_limit_id FROM "
                    + BenchDatabase.DEPLOYMENT));
            assertEquals(holders, countStarting(sql, "UPDATE " + BenchDatabase.LIMIT));
        }
    }

    private record Run(UUID id, UUID deployment, String state) {
    }

    /** The newest tagged runs in the database's id order, by a query of the test's own. */
    private static List<Run> newestTagged(BenchDatabase db, int n) throws Exception {
        List<Run> runs = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT r.id, r.deployment_id,"
                + " r.state_type FROM " + BenchDatabase.RUN + " r JOIN " + BenchDatabase.TAG + " t ON t.flow_run_id ="
                + " r.id WHERE t.tag = ? ORDER BY r.id DESC LIMIT ?")) {
            ps.setString(1, TAG);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)));
                }
            }
        }
        return runs;
    }

    /** Statements and commits, without the trace's notes on auto-commit and isolation. */
    private static List<String> statements(List<StatementTrace.Entry> entries) {
        List<String> out = new ArrayList<>();
        for (StatementTrace.Entry e : entries) {
            if (!e.sql().startsWith("(")) {
                out.add(e.sql());
            }
        }
        return out;
    }

    private static long count(List<String> sql, String exact) {
        return sql.stream().filter(exact::equals).count();
    }

    private static long countStarting(List<String> sql, String prefix) {
        return sql.stream().filter(x -> x.startsWith(prefix)).count();
    }
}
