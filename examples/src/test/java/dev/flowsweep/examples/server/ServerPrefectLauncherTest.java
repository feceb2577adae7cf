package dev.flowsweep.examples.server;

import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.testsupport.DatabaseKind;
import dev.flowsweep.testsupport.TestDatabase;
import dev.flowsweep.testsupport.UseDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar flowsweep-server.jar --storage prefect --jdbc-url …} in a child JVM, on a Prefect server's SQLite
 * file: it starts on Prefect's tables and says so, and it refuses — exit code 1, a message saying why, nothing
 * created — a file that does not exist, a database that is not Prefect's and a revision it was not told to accept.
 */
class ServerPrefectLauncherTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final List<ServerProcess> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (ServerProcess p : children) {
            p.close();
        }
    }

    private ServerProcess start(String... args) throws Exception {
        ServerProcess p = ServerProcess.start(List.of(args), Map.of());
        children.add(p);
        return p;
    }

    private static String text(ServerProcess p) {
        return String.join("\n", p.output);
    }

    @Test
    void theServerRunsOnAPrefectSqliteFile(@UseDatabase(DatabaseKind.PREFECT_SQLITE) TestDatabase db) throws Exception {
        ServerProcess p = start("--storage", "prefect", "--jdbc-url", db.jdbcUrl(), "--port", "0");

        String ready = p.awaitReady(DEADLINE);
        assertTrue(ready.contains("(storage: jdbc:sqlite ("), ready);
        assertTrue(ready.contains("Prefect's tables (alembic f416ea180ae1), bookkeeping flowsweep_*"), ready);
        HttpJson http = new HttpJson(p.uri(DEADLINE));
        UUID flowId = UUID.fromString(http.post("/flows", q("{'name': 'etl'}")).json().get("id").asText());
        Answer run = http.post("/flow_runs", q("{'flow_id': '" + flowId + "', 'tags': ['demo']}"));
        assertEquals(201, run.status(), run::toString);
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM flow_run WHERE id = '" + run.json().get("id").asText()
                + "'"), "the run is a row of Prefect's flow_run");
        assertEquals(4, db.tables().stream().filter(t -> t.startsWith("flowsweep_")).count(), db.tables()::toString);

        p.process.destroy();
        p.awaitExit(DEADLINE);
    }

    @Test
    void aSqliteFileThatDoesNotExistIsRefusedAndNotCreated(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("prefect.db");
        ServerProcess p = start("--storage", "prefect", "--jdbc-url", "jdbc:sqlite:" + missing, "--port", "0");

        assertEquals(FlowsweepServerMain.EXIT_FAILED, p.awaitExit(DEADLINE), () -> text(p));
        assertTrue(text(p).contains("Cannot open the storage: no SQLite file at " + missing), () -> text(p));
        assertFalse(Files.exists(missing));
    }

    @Test
    void aDatabaseThatIsNotPrefectsIsRefused(@UseDatabase(DatabaseKind.SQLITE) TestDatabase db) throws Exception {
        ServerProcess p = start("--storage", "prefect", "--jdbc-url", db.jdbcUrl(), "--port", "0");

        assertEquals(FlowsweepServerMain.EXIT_FAILED, p.awaitExit(DEADLINE), () -> text(p));
        assertTrue(text(p).contains("Cannot open the storage: not a Prefect database (no table alembic_version"),
                () -> text(p));
        assertEquals(List.of(), db.tables(), "nothing created");
    }

    @Test
    void aRevisionNotTestedIsRefusedUntilAccepted(@UseDatabase(DatabaseKind.PREFECT_SQLITE) TestDatabase db)
            throws Exception {
        db.execute("UPDATE alembic_version SET version_num = 'abc123def456'");

        ServerProcess refused = start("--storage", "prefect", "--jdbc-url", db.jdbcUrl(), "--port", "0");
        assertEquals(FlowsweepServerMain.EXIT_FAILED, refused.awaitExit(DEADLINE), () -> text(refused));
        assertTrue(text(refused).contains("Alembic revision abc123def456, which this Flowsweep release was not "
                + "tested with"), () -> text(refused));
        assertFalse(db.tables().contains("flowsweep_schema_version"), "nothing created");

        ServerProcess accepted = start("--storage", "prefect", "--jdbc-url", db.jdbcUrl(), "--port", "0",
                "--accept-prefect-revision", "abc123def456");
        assertTrue(accepted.awaitReady(DEADLINE).contains("Prefect's tables (alembic abc123def456)"),
                () -> text(accepted));
    }
}
