package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStatementTimeoutException;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bulk delete that cannot finish within the statement timeout (here: it waits for a run another session holds
 * locked, with the lock timeout far above the statement timeout) is cancelled, rolled back, not retried, and reported
 * as a {@link FlowsweepStatementTimeoutException} naming the timeout; nothing was deleted. On PostgreSQL and MariaDB,
 * whose statement timeouts bound lock waits too; on H2 a lock wait is bounded by the lock timeout only (a transient
 * failure, retried), so it is left out here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementTimeoutTest {
    private static final String PREFIX = "st_";

    private final Map<String, TestDatabase> databases = new LinkedHashMap<>();

    @BeforeAll
    void open() {
        for (TestDatabase db : Reliability.openDatabases()) {
            if (db.kind() == DatabaseKind.H2) {
                db.close();
            } else {
                databases.put(db.name(), db);
            }
        }
    }

    @AfterAll
    void close() {
        databases.values().forEach(TestDatabase::close);
    }

    List<String> databases() {
        return List.copyOf(databases.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStatementPastTheTimeoutRollsBackAndSaysSo(String name) throws Exception {
        TestDatabase db = databases.get(name);
        try (JdbcStorage s = JdbcStorage.builder(db.dataSource()).tablePrefix(PREFIX)
                .statementTimeout(Duration.ofSeconds(1)).lockTimeout(Duration.ofSeconds(30)).build()) {
            JdbcTestSupport.deleteAllRows(db, PREFIX);
            Flow flow = JdbcTestSupport.flow(s, "timeout");
            List<FlowRun> runs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                runs.add(FlowRun.builder(flow.id()).id(UUID.randomUUID()).name("r" + i).tags(List.of("old"))
                        .state(StateType.COMPLETED).created(JdbcTestSupport.T0).updated(JdbcTestSupport.T0).build());
            }
            JdbcTestSupport.insertRuns(s, runs);
            BulkDeleteService service = BulkDeleteService.builder(s).build();
            BulkDeleteRequest request = BulkDeleteRequest.of(FlowRunFilter.builder().tagsAny("old").build(), 10);

            FlowsweepStatementTimeoutException e;
            try (Connection holder = db.dataSource().getConnection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement ps = holder.prepareStatement(
                        "UPDATE " + PREFIX + "flow_run SET name = name WHERE name = 'r2'")) {
                    assertEquals(1, ps.executeUpdate());
                }
                e = assertThrows(FlowsweepStatementTimeoutException.class, () -> service.bulkDelete(request),
                        name + ": a bulk delete waiting past the statement timeout");
                holder.rollback();
            }
            assertFalse(e.isTransient(), "a timeout is not retried");
            assertTrue(e.getMessage().startsWith("statement timeout after 1000 ms, nothing deleted or changed"),
                    e.getMessage());
            assertEquals(5L, (long) s.inTransaction(tx -> tx.flowRuns().count(null)), "nothing deleted");
            assertEquals(5, service.bulkDelete(request).deleted().size(), "once the lock is gone, the delete works");
            System.out.println("[timeout] " + name + ": " + e.getMessage());
        }
    }
}
