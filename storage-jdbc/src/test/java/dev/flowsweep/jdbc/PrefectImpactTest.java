package dev.flowsweep.jdbc;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DeletionPreview;
import dev.flowsweep.spi.DeletionImpact;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dry run's per-table counts on Prefect's layout against what the delete and the purge then remove, on the seeded
 * Prefect database of {@link PrefectEndToEndTest} (states, task runs' states, logs, artifacts, and artifact collections
 * fixed or deleted): for every table the preview lists, the rows it counted are the rows that went.
 */
class PrefectImpactTest {
    private static final List<String> TABLES = List.of(DeletionImpact.FLOW_RUN, DeletionImpact.FLOW_RUN_STATE,
            DeletionImpact.TASK_RUN, DeletionImpact.TASK_RUN_STATE, DeletionImpact.LOG, DeletionImpact.ARTIFACT,
            DeletionImpact.ARTIFACT_COLLECTION);

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"PREFECT_POSTGRESQL", "PREFECT_SQLITE"})
    void thePreviewCountsWhatTheDeleteAndThePurgeThenRemove(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(kind)) {
            PrefectSeed seed = PrefectSeed.fill(db);
            try (JdbcStorage storage = PrefectTables.storage(db)) {
                BulkDeleteService service = BulkDeleteService.builder(storage).build();
                FlowRunFilter doomed = FlowRunFilter.builder().tagsAny("doomed").build();
                Map<String, Long> before = counts(db);

                DeletionPreview preview = service.preview(doomed, 200, 0);

                assertEquals(before, counts(db), "the preview changes nothing");
                assertTrue(preview.impact().rows().keySet().containsAll(TABLES),
                        "every table of Prefect's layout: " + preview.impact());
                assertEquals(seed.doomed.size(), preview.impact().rows(DeletionImpact.FLOW_RUN));
                assertTrue(preview.impact().rows(DeletionImpact.ARTIFACT) > 0, "the seed gives doomed runs artifacts");

                BulkDeleteResult result = service.bulkDelete(BulkDeleteRequest.of(doomed, 200));
                assertEquals(preview.releasedSlots(), result.releasedSlots());
                LogPurger purger = LogPurger.builder(storage).build().start();
                try {
                    assertTrue(purger.awaitIdle(Duration.ofSeconds(60)), "the log purge finished");
                } finally {
                    purger.close();
                }
                Map<String, Long> after = counts(db);
                for (String table : TABLES) {
                    assertEquals(before.get(table) - after.get(table), preview.impact().rows(table),
                            "rows of " + table + " the preview counted and the delete removed");
                }
            }
        }
    }

    private static Map<String, Long> counts(TestDatabase db) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            for (String table : TABLES) {
                m.put(table, Long.parseLong(SeedSql.column(c, "SELECT COUNT(*) FROM " + table).get(0)));
            }
        }
        return m;
    }
}
