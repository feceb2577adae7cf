package dev.flowsweep.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prefect's own schemas, asked for per test through {@link UseDatabase}: the tables a Prefect server creates, the
 * alembic head revision, the connection setup Prefect relies on (pg_trgm; SQLite foreign keys, WAL, busy timeout),
 * and {@code emptyTables} between tests.
 */
class PrefectDatabaseTest {
    /** A few of Prefect's 36 tables, the ones a bulk delete of flow runs touches among them. */
    private static final List<String> SOME_TABLES = List.of("alembic_version", "artifact", "concurrency_limit_v2",
            "deployment", "flow", "flow_run", "flow_run_input", "flow_run_state", "log", "task_run", "task_run_state",
            "work_pool", "work_queue");
    private static final String FLOW = "'4a1b2c3d-0000-4000-8000-000000000001'";
    private static final String RUN = "'4a1b2c3d-0000-4000-8000-000000000002'";
    private static final String TASK = "'4a1b2c3d-0000-4000-8000-000000000003'";

    @Test
    void postgresqlHasPrefectsTablesAtItsHeadRevision(@UseDatabase(DatabaseKind.PREFECT_POSTGRESQL) TestDatabase db) {
        assertEquals(36, db.tables().size(), db.tables().toString());
        assertTrue(db.tables().containsAll(SOME_TABLES), db.tables().toString());
        assertEquals("9e9dadc36797", db.queryString("SELECT version_num FROM alembic_version"));
        assertEquals(PrefectSchema.POSTGRESQL_REVISION, db.queryString("SELECT version_num FROM alembic_version"));
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm'"));
        assertEquals("Asia/Kolkata", db.queryString("SHOW TIME ZONE"));
    }

    @Test
    void sqliteHasPrefectsTablesAtItsHeadRevisionAndPrefectsConnectionSetup(
            @UseDatabase(DatabaseKind.PREFECT_SQLITE) TestDatabase db) {
        assertEquals(36, db.tables().size(), db.tables().toString());
        assertTrue(db.tables().containsAll(SOME_TABLES), db.tables().toString());
        assertEquals("f416ea180ae1", db.queryString("SELECT version_num FROM alembic_version"));
        assertEquals(PrefectSchema.SQLITE_REVISION, db.queryString("SELECT version_num FROM alembic_version"));
        assertEquals(1, db.queryLong("PRAGMA foreign_keys"));
        assertEquals("wal", db.queryString("PRAGMA journal_mode"));
        assertEquals(60_000, db.queryLong("PRAGMA busy_timeout"));
    }

    @Test
    void postgresqlCascadesAndEmptiesKeepingTheRevision(@UseDatabase(DatabaseKind.PREFECT_POSTGRESQL) TestDatabase db) {
        cascadesAndEmpties(db);
    }

    @Test
    void sqliteCascadesAndEmptiesKeepingTheRevision(@UseDatabase(DatabaseKind.PREFECT_SQLITE) TestDatabase db) {
        cascadesAndEmpties(db);
    }

    private static void cascadesAndEmpties(TestDatabase db) {
        fill(db);
        db.execute("DELETE FROM flow_run WHERE id = " + RUN);
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM task_run"), "Prefect's cascade from flow_run to task_run");

        fill(db);
        db.execute("INSERT INTO work_pool (id, name, type) VALUES ('4a1b2c3d-0000-4000-8000-000000000005', 'p', 'process')");
        db.execute("INSERT INTO work_queue (id, name, work_pool_id) VALUES ('4a1b2c3d-0000-4000-8000-000000000006', "
                + "'default', '4a1b2c3d-0000-4000-8000-000000000005')");
        db.execute("UPDATE work_pool SET default_queue_id = '4a1b2c3d-0000-4000-8000-000000000006'");

        db.emptyTables();

        for (String t : List.of("flow", "flow_run", "task_run", "log", "work_pool", "work_queue")) {
            assertEquals(0, db.queryLong("SELECT COUNT(*) FROM " + t), t);
        }
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM alembic_version"), "the revision is kept");
        fill(db); // the same ids again: nothing is left of the first rows
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM task_run"));
    }

    private static void fill(TestDatabase db) {
        if (db.queryLong("SELECT COUNT(*) FROM flow") == 0) {
            db.execute("INSERT INTO flow (id, name) VALUES (" + FLOW + ", 'etl')");
        }
        db.execute("INSERT INTO flow_run (id, name, flow_id) VALUES (" + RUN + ", 'run', " + FLOW + ")");
        db.execute("INSERT INTO task_run (id, name, task_key, dynamic_key, flow_run_id) VALUES (" + TASK
                + ", 'task', 'k', '0', " + RUN + ")");
        db.execute("INSERT INTO log (name, level, message, timestamp, flow_run_id) VALUES ('l', 20, 'hello', "
                + "'2026-06-01 10:00:00', " + RUN + ")");
    }
}
