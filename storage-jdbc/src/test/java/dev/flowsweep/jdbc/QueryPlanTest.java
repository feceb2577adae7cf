package dev.flowsweep.jdbc;

import dev.flowsweep.filter.Criterion;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.jdbc.internal.database.DatabaseEngine;
import dev.flowsweep.jdbc.internal.database.H2RunLocking;
import dev.flowsweep.jdbc.internal.database.MariaDbEngine;
import dev.flowsweep.jdbc.internal.database.PostgresEngine;
import dev.flowsweep.jdbc.internal.layout.FilterSelection;
import dev.flowsweep.jdbc.internal.layout.TableLayout;
import dev.flowsweep.jdbc.internal.sql.Param;
import dev.flowsweep.jdbc.internal.sql.Sql;
import dev.flowsweep.jdbc.internal.sql.SqlType;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plans of statements whose cost must not grow with the table, found slow by the benchmarks
 * (docs/BENCHMARKS.md): checked with {@code EXPLAIN} on the real database.
 */
class QueryPlanTest {

    /** PostgreSQL: the purge's bounded log delete finds rows by the flow run index and deletes them by TID. */
    @Test
    void postgresBoundedLogDeleteIsATidScan() throws SQLException {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.POSTGRESQL); JdbcStorage storage = storage(db)) {
            TableLayout t = storage.tables();
            DatabaseEngine d = t.db();
            List<UUID> runs = ids(200);
            List<Log> logs = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                logs.add(new Log(UUID.randomUUID(), "l", 20, "m", JdbcTestSupport.T0, runs.get(i % runs.size()), null));
            }
            storage.inTransaction(tx -> {
                tx.logs().insert(logs);
                return null;
            });
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("ANALYZE " + t.logs().table());
            }
            Sql delete = d.deleteAtMost(t.logs().table(), d.in("flow_run_id", SqlType.UUID, runs.subList(0, 50)), 5_000);
            String plan = String.join("\n", explain(db, d, delete));
            assertTrue(plan.contains("Tid Scan"), plan);
        }
    }

    /**
     * PostgreSQL: orphaning subflows looks the deleted runs' task runs up in the parent index in one scan of an
     * array, not with one probe per task run in a nested loop (2.1 ms against 0.8 ms for 1,000 task runs).
     */
    @Test
    void postgresOrphanUpdateScansTheParentIndexOnce() throws SQLException {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.POSTGRESQL); JdbcStorage storage = storage(db)) {
            TableLayout t = storage.tables();
            DatabaseEngine d = t.db();
            List<FlowRun> runs = insertRuns(storage, 20_000);
            List<UUID> deleted = new ArrayList<>();
            storage.inTransaction(tx -> {
                for (int i = 0; i < 200; i++) {
                    deleted.add(runs.get(i).id());
                    for (int k = 0; k < 5; k++) {
                        tx.taskRuns().insert(new TaskRun(UUID.randomUUID(), runs.get(i).id(), "k", String.valueOf(k),
                                null, null, null));
                    }
                }
                return null;
            });
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("ANALYZE " + t.flowRuns().table());
                st.execute("ANALYZE " + t.taskRuns().table());
            }
            Sql orphan = ((PostgresEngine) d).orphanUpdate(t.flowRuns().table(), t.taskRuns().table(), deleted);
            String plan = String.join("\n", explain(db, d, orphan));
            assertFalse(plan.contains("Nested Loop"), plan);
            assertTrue(plan.contains("parent_task_run_id = ANY"), plan);
        }
    }

    /** MariaDB: orphaning subflows starts from the task runs' index, not from a scan of every run. */
    @Test
    void mariaDbOrphanUpdateDoesNotScanEveryRun() throws SQLException {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.MARIADB); JdbcStorage storage = storage(db)) {
            TableLayout t = storage.tables();
            DatabaseEngine d = t.db();
            List<FlowRun> runs = insertRuns(storage, 20_000);
            storage.inTransaction(tx -> {
                for (int i = 0; i < 300; i++) {
                    tx.taskRuns().insert(new TaskRun(UUID.randomUUID(), runs.get(i).id(), "k", "0", null, null, null));
                }
                return null;
            });
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("ANALYZE TABLE " + t.flowRuns().table() + ", " + t.taskRuns().table());
            }
            List<UUID> deleted = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                deleted.add(runs.get(i).id());
            }
            Sql select = ((MariaDbEngine) d).subflowIds(t.flowRuns().table(), t.taskRuns().table(), deleted);
            List<String> plan = explain(db, d, select);
            int runRows = 0;
            for (String row : plan) {
                // columns: id, select_type, table, type, …; the runs are "r" or the table itself
                String[] col = row.split("\\|");
                if (col[3].equals("r") || col[3].equals(t.flowRuns().table())) {
                    runRows++;
                    assertFalse(col[4].equals("index") || col[4].equals("ALL"),
                            "reads every run:\n" + String.join("\n", plan));
                }
            }
            assertTrue(runRows > 0, String.join("\n", plan));
        }
    }

    /**
     * MariaDB: the candidates of a bulk delete filtered by a tag are read from the tag index in id order, which stops
     * at the limit (no temporary table, no sort), and the runs are reached by their primary key.
     */
    @Test
    void mariaDbTagFilteredCandidatesComeFromTheTagIndexInOrder() throws SQLException {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.MARIADB); JdbcStorage storage = storage(db)) {
            TableLayout t = storage.tables();
            DatabaseEngine d = t.db();
            insertRuns(storage, 20_000, (i, run) -> run.tags(i % 10 == 0 ? List.of("purge") : List.of("keep"))
                    .state(StateType.COMPLETED));
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("ANALYZE TABLE " + t.flowRuns().table() + ", " + t.tagIndex().table());
            }
            Criterion criterion = FlowRunFilter.builder().tagsAny("purge").stateTypeAny(StateType.COMPLETED).build()
                    .toCriterion().orElseThrow();
            List<String> plan = explain(db, d, ((MariaDbEngine) d).candidatesDrivenByTag(new FilterSelection(t, criterion),
                    "purge", 200));
            String all = String.join("\n", plan);
            assertEquals(2, plan.size(), all);
            String[] first = plan.get(0).split("\\|");
            String[] second = plan.get(1).split("\\|");
            assertEquals("t", first[3], all);
            assertEquals("ref", first[4], all);
            assertEquals("r", second[3], all);
            assertEquals("eq_ref", second[4], all);
            assertFalse(all.contains("Using temporary") || all.contains("Using filesort"), all);
        }
    }

    /**
     * H2: the candidates of a bulk delete filtered by a tag are read from the tag index in order and stop at the limit
     * ("index sorted"), the runs reached by their primary key; the plain {@code r.id IN (SELECT … tag …)} read every run
     * carrying the tag on each call.
     */
    @Test
    void h2TagFilteredCandidatesComeFromTheTagIndexInOrder() throws SQLException {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.H2); JdbcStorage storage = storage(db)) {
            TableLayout t = storage.tables();
            DatabaseEngine d = t.db();
            insertRuns(storage, 2_000, (i, run) -> run.tags(i % 10 == 0 ? List.of("purge") : List.of("keep"))
                    .state(StateType.COMPLETED));
            Criterion criterion = FlowRunFilter.builder().tagsAny("purge").stateTypeAny(StateType.COMPLETED).build()
                    .toCriterion().orElseThrow();
            String plan = String.join("\n", explain(db, d, H2RunLocking.candidatesDrivenByTag(d,
                    new FilterSelection(t, criterion), "purge", 200))).toLowerCase(java.util.Locale.ROOT);
            assertTrue(plan.contains("/* index sorted */"), plan);
            assertTrue(plan.contains("tag_tag_idx: tag = ?"), plan);
            assertTrue(plan.contains("primary_key") && plan.contains("id = t.flow_run_id"), plan);
        }
    }

    /** {@code n} runs of one flow, inserted. */
    private static List<FlowRun> insertRuns(JdbcStorage storage, int n) {
        return insertRuns(storage, n, (i, run) -> { });
    }

    /** {@code n} runs of one flow, the i-th shaped by {@code shape}, inserted. */
    private static List<FlowRun> insertRuns(JdbcStorage storage, int n, BiConsumer<Integer, FlowRun.Builder> shape) {
        Flow flow = JdbcTestSupport.flow(storage, "f");
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FlowRun.Builder run = FlowRun.builder(flow.id());
            shape.accept(i, run);
            runs.add(run.build());
        }
        JdbcTestSupport.insertRuns(storage, runs);
        return runs;
    }

    private static JdbcStorage storage(TestDatabase db) {
        return JdbcStorage.builder(db.dataSource()).tablePrefix(JdbcTestSupport.freshPrefix()).build();
    }

    private static List<UUID> ids(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID());
        }
        return ids;
    }

    /** The plan's rows, columns joined by {@code |} (with table names as the database reports them). */
    private static List<String> explain(TestDatabase db, DatabaseEngine d, Sql sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.text())) {
            List<Param> params = sql.params();
            for (int i = 0; i < params.size(); i++) {
                d.bind(c, ps, i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder("|");
                    for (int i = 1; i <= columns; i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
