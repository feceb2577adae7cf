package dev.flowsweep.jdbc;

import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** Helpers of the JDBC-only tests: storages on fresh table prefixes, closed after each test, and plain SQL. */
abstract class JdbcTestSupport {
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private final List<AutoCloseable> toClose = new ArrayList<>();

    protected abstract TestDatabase database();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        toClose.clear();
    }

    <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    /** A prefix no other test uses, so each test starts from an empty schema of its own. */
    static String freshPrefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    JdbcStorage storage(String prefix) {
        return storage(database().dataSource(), prefix);
    }

    JdbcStorage storage(DataSource ds, String prefix) {
        return closeLater(JdbcStorage.builder(ds).tablePrefix(prefix).schemaMode(SchemaMode.CREATE).build());
    }

    long queryLong(String sql) {
        try (Connection c = database().dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    void execute(String sql) {
        try (Connection c = database().dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Deletes every row of the Flowsweep tables with this prefix, children first. */
    static void deleteAllRows(TestDatabase db, String prefix) {
        db.deleteFrom(Stream.of("archive", "log_purge_queue", "log", "task_run", "flow_run_tag", "flow_run", "deployment",
                "concurrency_limit", "flow").map(t -> prefix + t).toList());
    }

    static Flow flow(FlowsweepStorage s, String name) {
        Flow f = new Flow(UUID.randomUUID(), name);
        s.inTransaction(tx -> {
            tx.flows().insert(f);
            return null;
        });
        return f;
    }

    static void insertRuns(FlowsweepStorage s, List<FlowRun> runs) {
        s.inTransaction(tx -> {
            for (FlowRun r : runs) {
                tx.flowRuns().insert(r);
            }
            return null;
        });
    }

    static List<Log> insertLogs(FlowsweepStorage s, UUID flowRunId, int n) {
        List<Log> logs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            logs.add(new Log(UUID.randomUUID(), "test", 20, "line " + i, T0.plusSeconds(i), flowRunId, null));
        }
        s.inTransaction(tx -> {
            tx.logs().insert(logs);
            return null;
        });
        return logs;
    }

    static long countLogs(FlowsweepStorage s) {
        return s.inTransaction(tx -> tx.logs().count(null));
    }
}
