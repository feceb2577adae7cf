package dev.flowsweep.jdbc;

import dev.flowsweep.testsupport.TestDatabase;

import java.util.List;

/** Helpers of the tests on Prefect's layout: a storage on a Prefect test database, and emptying what tests write. */
final class PrefectTables {
    /** The tables the tests write, children before parents (deleting a flow cascades to its runs and deployments). */
    static final List<String> WRITTEN = List.of(JdbcStorage.DEFAULT_TABLE_PREFIX + "archive",
            JdbcStorage.DEFAULT_TABLE_PREFIX + "log_purge_queue",
            JdbcStorage.DEFAULT_TABLE_PREFIX + "lease", "log", "artifact_collection", "artifact", "flow_run_input",
            "task_run_state", "flow_run_state", "task_run", "flow_run", "deployment", "concurrency_limit_v2", "flow");

    private PrefectTables() {
    }

    /** A storage with Prefect's layout on {@code db}, every other setting the default. */
    static JdbcStorage storage(TestDatabase db) {
        return JdbcStorage.builder(db.dataSource()).layout(Layout.PREFECT).build();
    }

    /** Deletes every row the tests write; Prefect's revision and Flowsweep's schema version stay. */
    static void empty(TestDatabase db) {
        db.deleteFrom(WRITTEN);
    }
}
