package dev.flowsweep.cli;

import dev.flowsweep.jdbc.Layout;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code flowsweep schema validate|create}, and what the other commands say on a database without the schema.
 */
abstract class CliSchemaSuite extends CliSuite {
    @Test
    void schemaValidateAcceptsTheSchemaAndCreateIsIdempotent() {
        Result validate = cli("schema validate");
        Result create = cli("schema create");

        assertEquals(layout() == Layout.PREFECT ? 2 : 3, storage.schemaVersion(), "Prefect's layout: its own v2");
        assertEquals(0, validate.code(), validate.toString());
        assertTrue(validate.out().contains("schema v" + storage.schemaVersion() + " valid"), validate.toString());
        assertEquals(0, create.code(), create.toString());
        assertTrue(create.out().contains("schema v" + storage.schemaVersion() + " ready"), create.toString());
    }

    @Test
    void aDatabaseWithoutTheSchemaIsAStorageFailureThatSaysHowToCreateIt() {
        Result r = cli("delete", "--table-prefix", "other_", "--filter", TEST_TAG);

        assertEquals(FlowsweepCli.EXIT_FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("storage failure"), r.toString());
        assertTrue(r.err().contains("other_schema_version is missing"), r.toString());
        assertTrue(r.err().contains("with this tool: flowsweep schema create"), r.toString());
        Result created = cli("schema create", "--table-prefix", "other_");
        assertEquals(0, created.code(), created.toString());
        assertEquals(0, cli("delete", "--table-prefix", "other_", "--filter", TEST_TAG).code());
    }
}
