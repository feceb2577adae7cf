package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DrainResult;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Prefect server writing to its SQLite file while Flowsweep drains it: two other connections insert runs as a Prefect
 * server does, each in its own {@code BEGIN IMMEDIATE} transactions, one of them after every batch of the drain (the
 * drain waits for its commit before the next batch: it can only commit if Flowsweep holds no lock between batches),
 * the other as fast as it can all along. Both writers and the drain finish, every written run is there, and exactly
 * the drained runs are gone.
 */
class PrefectSqliteWriterTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void aConcurrentWriterCommitsBetweenTheBatchesOfADrainAndNothingIsLost() throws Exception {
        try (TestDatabase db = TestDatabase.open(DatabaseKind.PREFECT_SQLITE);
             JdbcStorage storage = PrefectTables.storage(db)) {
            Flow flow = new Flow(UUID.randomUUID(), "etl");
            List<FlowRun> old = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                old.add(FlowRun.builder(flow.id()).name("old-" + i).tags("old").build());
            }
            storage.inTransaction(tx -> {
                tx.flows().insert(flow);
                for (FlowRun r : old) {
                    tx.flowRuns().insert(r);
                }
                return null;
            });
            SeedSql sql = new SeedSql(db);
            AtomicInteger betweenBatches = new AtomicInteger();
            AtomicInteger background = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> busyWriter = pool.submit(() -> {
                    while (!stop.get()) {
                        write(db, sql, flow.id(), "background");
                        background.incrementAndGet();
                    }
                    return null;
                });
                Await.until(DEADLINE, "the busy writer is at work before the drain starts", () -> background.get() > 0);
                DrainResult result = BulkDeleteService.builder(storage).build().drain(
                        FlowRunFilter.builder().tagsAny("old").build(), 4, progress -> {
                            Future<?> commit = pool.submit(() -> {
                                write(db, sql, flow.id(), "between");
                                return betweenBatches.incrementAndGet();
                            });
                            try {
                                commit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new AssertionError("the writer could not commit between two batches", e);
                            }
                        });
                stop.set(true);
                busyWriter.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

                assertEquals(20, result.deleted());
                assertEquals(result.batches(), betweenBatches.get(), "one writer commit after each batch");
                assertEquals(0, db.queryLong("SELECT count(*) FROM flow_run WHERE name LIKE 'old-%'"));
                assertEquals(betweenBatches.get(), db.queryLong("SELECT count(*) FROM flow_run WHERE name LIKE "
                        + "'between-%'"), "nothing the writer committed between the batches is lost");
                assertEquals(background.get(), db.queryLong("SELECT count(*) FROM flow_run WHERE name LIKE "
                        + "'background-%'"), "nothing the busy writer committed is lost");
                assertTrue(betweenBatches.get() >= 5, "at least five batches of four: " + betweenBatches.get());
            } finally {
                stop.set(true);
                pool.shutdownNow();
                pool.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** One run and its state, as a Prefect server writes them, in a {@code BEGIN IMMEDIATE} transaction of its own. */
    private static void write(TestDatabase db, SeedSql sql, UUID flow, String prefix) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("created", now);
                row.put("updated", now);
                row.put("name", prefix + "-" + id);
                row.put("total_run_time", sql.zeroRunTime());
                row.put("parameters", SeedSql.jsonb("{}"));
                row.put("context", SeedSql.jsonb("{}"));
                row.put("empirical_policy", SeedSql.jsonb("{}"));
                row.put("tags", SeedSql.jsonb("[\"new\"]"));
                row.put("flow_id", flow);
                sql.insert(c, "flow_run", row);
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }
}
