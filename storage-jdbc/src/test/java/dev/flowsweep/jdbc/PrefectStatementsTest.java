package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.ConcurrencyLimit;
import dev.flowsweep.model.Deployment;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One bulk delete on Prefect's tables is a fixed number of statements, however many runs, task runs and artifacts it
 * deletes, in one transaction; the statements are printed (storage-jdbc/README.md shows them).
 */
class PrefectStatementsTest {

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"PREFECT_POSTGRESQL", "PREFECT_SQLITE"})
    void theStatementsOfABulkDeleteDoNotGrowWithTheRunsDeleted(DatabaseKind kind) throws SQLException {
        try (TestDatabase db = TestDatabase.open(kind)) {
            JdbcSpy spy = new JdbcSpy();
            try (JdbcStorage storage = JdbcStorage.builder(db.dataSource(spy::wrap)).layout(Layout.PREFECT).build()) {
                Flow flow = new Flow(UUID.randomUUID(), "etl");
                ConcurrencyLimit limit = new ConcurrencyLimit(UUID.randomUUID(), "deployment:nightly", 500, true, 300);
                Deployment deployment = new Deployment(UUID.randomUUID(), "nightly", flow.id(), limit.id());
                storage.inTransaction(tx -> {
                    tx.flows().insert(flow);
                    tx.concurrencyLimits().insert(limit);
                    tx.deployments().insert(deployment);
                    return null;
                });
                populate(db, storage, flow, deployment, "small", 3);
                populate(db, storage, flow, deployment, "large", 150);
                BulkDeleteService service = new BulkDeleteService(storage);

                spy.reset();
                BulkDeleteResult small = service.bulkDelete(BulkDeleteRequest.of(
                        FlowRunFilter.builder().tagsAny("small").build(), 200));
                List<String> smallSql = spy.sql();
                spy.reset();
                BulkDeleteResult large = service.bulkDelete(BulkDeleteRequest.of(
                        FlowRunFilter.builder().tagsAny("large").build(), 200));
                List<String> largeSql = spy.sql();

                assertEquals(3, small.deleted().size());
                assertEquals(150, large.deleted().size());
                assertEquals(150 / 3, large.totalReleasedSlots(), "a third of them were RUNNING");
                assertEquals(0, db.queryLong("SELECT count(*) FROM artifact"), "the runs' artifacts went with them");
                assertEquals(0, db.queryLong("SELECT count(*) FROM artifact_collection"));
                assertEquals(smallSql.size(), largeSql.size(), "statements of one bulk delete of 3 runs " + smallSql
                        + " and of 150 runs " + largeSql);
                System.out.println("[prefect-" + db.name() + "] one bulk delete = " + largeSql.size() + " statements:\n    "
                        + String.join("\n    ", largeSql));
            }
        }
    }

    /** {@code n} runs tagged {@code tag}, every third RUNNING, each with two task runs and an artifact of its key. */
    private static void populate(TestDatabase db, JdbcStorage storage, Flow flow, Deployment deployment, String tag,
                                 int n) throws SQLException {
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(FlowRun.builder(flow.id()).name(tag + "-" + i).tags(tag)
                    .state(i % 3 == 0 ? StateType.RUNNING : StateType.COMPLETED).deploymentId(deployment.id()).build());
        }
        storage.inTransaction(tx -> {
            for (FlowRun r : runs) {
                tx.flowRuns().insert(r);
                for (String key : List.of("extract", "load")) {
                    tx.taskRuns().insert(new TaskRun(UUID.randomUUID(), r.id(), key, "0", key, StateType.COMPLETED,
                            "Completed"));
                }
            }
            return null;
        });
        SeedSql sql = new SeedSql(db);
        Instant t = Instant.parse("2026-06-01T10:00:00Z");
        UUID latest = null;
        try (Connection c = db.dataSource().getConnection()) {
            for (int i = 0; i < n; i++) {
                latest = UUID.randomUUID();
                sql.insert(c, "artifact", Map.of("id", latest, "created", t.plusSeconds(i), "updated", t, "key", tag,
                        "flow_run_id", runs.get(i).id()));
            }
            sql.insert(c, "artifact_collection", Map.of("id", UUID.randomUUID(), "created", t, "updated", t, "key", tag,
                    "latest_id", latest));
        }
    }
}
