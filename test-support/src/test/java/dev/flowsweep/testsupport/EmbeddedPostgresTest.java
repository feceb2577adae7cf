package dev.flowsweep.testsupport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded PostgreSQL that a machine without {@code FLOWSWEEP_PG_URL} uses, started here whatever the
 * environment says (CI sets the variable, so nothing else would start it): PostgreSQL 17, with {@code pg_trgm},
 * so that Prefect's schema loads on a user's machine too.
 */
class EmbeddedPostgresTest {

    @Test
    void theEmbeddedServerIsPostgres17AndLoadsPrefectsSchemaWithPgTrgm() {
        PostgresServer server = PostgresServer.embedded();
        try (TestDatabase db = PostgresDatabase.prefect(server)) {
            assertTrue(db.origin().startsWith("embedded PostgreSQL, database flowsweep_test_"), db.origin());
            assertEquals(17, db.queryLong("SELECT current_setting('server_version_num')::int / 10000"));
            assertEquals(1, db.queryLong("SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm'"));
            assertEquals(PrefectSchema.POSTGRESQL_REVISION, db.queryString("SELECT version_num FROM alembic_version"));
            assertEquals(36, db.tables().size());
            assertEquals(1, db.queryLong("SELECT similarity('flow-run', 'flow-run')::int"), "pg_trgm works");
        }
    }

    @Test
    void theEmbeddedServerGivesEachSuiteASchema() {
        PostgresServer server = PostgresServer.embedded();
        try (TestDatabase db = PostgresDatabase.inSchema(server)) {
            db.execute("CREATE TABLE probe (id INT)");
            assertEquals(db.origin().substring(db.origin().indexOf("flowsweep_test_")),
                    db.queryString("SELECT current_schema()"));
            assertEquals("Asia/Kolkata", db.queryString("SHOW TIME ZONE"));
        }
    }
}
