package dev.flowsweep.examples.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's command line: defaults, every option, and refusals (which the launcher turns into exit code 2). */
class ServerOptionsTest {
    @Test
    void defaultsAreJdbcOnH2AtPort4200() throws Exception {
        ServerOptions o = ServerOptions.parse(List.of());
        assertEquals(4200, o.port());
        assertEquals("jdbc", o.storage());
        assertNull(o.jdbcUrl());
        assertEquals(200, o.bulkDeleteCap());
        assertEquals(50_000, o.purgeRowsPerTransaction());
        assertEquals("127.0.0.1", o.host());
        assertNull(o.auth());
        assertFalse(o.requireFilter());
    }

    @Test
    void everyOption() throws Exception {
        ServerOptions o = ServerOptions.parse(List.of("--port", "0", "--storage", "jdbc", "--jdbc-url",
                "jdbc:postgresql://db/x", "--jdbc-user", "u", "--jdbc-password=p", "--bulk-delete-cap", "50",
                "--host", "0.0.0.0", "--purge-rows-per-transaction", "1", "--auth-string", "admin:pw",
                "--require-filter"));
        assertEquals(new ServerOptions("0.0.0.0", 0, "jdbc", "jdbc:postgresql://db/x", "u", "p", 50, 1, null,
                BasicAuth.parse("admin:pw"), "--auth-string", false, true), o);
        assertEquals("memory", ServerOptions.parse(List.of("--storage=memory")).storage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--port", "--port x", "--port 70000", "--storage disk", "--jdbc-url mysql://x",
            "--bulk-delete-cap 0", "--storage memory --jdbc-url jdbc:h2:mem:x", "--purge-rows-per-transaction 0"})
    void badCommandLinesAreRefusedWithAReason(String line) {
        ServerOptions.UsageException e = assertThrows(ServerOptions.UsageException.class,
                () -> ServerOptions.parse(List.of(line.split(" "))));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    @Test
    void prefectStorageTakesAPrefectDatabaseAndTheRevisionsToAccept() throws Exception {
        ServerOptions o = ServerOptions.parse(List.of("--storage", "prefect", "--jdbc-url", "jdbc:sqlite:/tmp/p.db",
                "--accept-prefect-revision", "aaa111,bbb222", "--accept-prefect-revision", "ccc333"));
        assertEquals("prefect", o.storage());
        assertEquals(List.of("aaa111", "bbb222", "ccc333"), o.prefectRevisions());
        assertEquals(List.of(), ServerOptions.parse(List.of("--storage", "prefect", "--jdbc-url",
                "jdbc:postgresql://db/prefect")).prefectRevisions());
        assertNull(ServerOptions.parse(List.of("--storage", "prefect", "--jdbc-url", "jdbc:sqlite:p.db",
                "--accept-any-prefect-revision")).prefectRevisions(), "null: any revision");
        assertEquals(List.of(), ServerOptions.parse(List.of()).prefectRevisions());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "--storage prefect|--storage prefect needs --jdbc-url",
            "--storage prefect --jdbc-url jdbc:h2:mem:x|PostgreSQL or SQLite; --jdbc-url is a h2 URL",
            "--storage prefect --jdbc-url jdbc:mariadb://db/prefect|PostgreSQL or SQLite; --jdbc-url is a mariadb URL",
            "--jdbc-url jdbc:sqlite:prefect.db|a SQLite file is a Prefect server's database: use --storage prefect",
            "--accept-prefect-revision aaa111|need --storage prefect",
            "--storage jdbc --accept-any-prefect-revision|need --storage prefect",
            "--storage prefect --jdbc-url jdbc:sqlite:p.db --accept-prefect-revision 0123456789012345678901234567890123"
                    + "|--accept-prefect-revision takes an Alembic revision"})
    void prefectStorageRefusalsNameTheOptions(String lineAndMessage) {
        String[] parts = lineAndMessage.split("\\|");
        ServerOptions.UsageException e = assertThrows(ServerOptions.UsageException.class,
                () -> ServerOptions.parse(List.of(parts[0].split(" "))));
        assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
    }

    @Test
    void theHttpLimitsHaveSafeDefaultsAndAnOptionEach() throws Exception {
        assertEquals(HttpLimits.DEFAULTS, ServerOptions.parse(List.of()).limits());
        assertEquals(10 * 1024 * 1024, HttpLimits.DEFAULTS.maxBodyBytes());
        HttpLimits l = ServerOptions.parse(List.of("--header-read-timeout", "5s", "--body-read-timeout", "1m",
                "--idle-timeout", "500ms", "--max-connections", "100", "--max-requests", "4", "--max-body-size",
                "512KiB", "--shutdown-timeout", "2s")).limits();
        assertEquals(new HttpLimits(java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(1),
                java.time.Duration.ofMillis(500), 100, 4, 512 * 1024, java.time.Duration.ofSeconds(2)), l);
        assertEquals(1000, ServerOptions.parse(List.of("--max-body-size", "1000")).limits().maxBodyBytes());
        assertEquals(3 * 1024 * 1024, ServerOptions.parse(List.of("--max-body-size=3MiB")).limits().maxBodyBytes());
        for (String option : List.of("--header-read-timeout", "--body-read-timeout", "--idle-timeout",
                "--max-connections", "--max-requests", "--max-body-size", "--shutdown-timeout")) {
            assertTrue(ServerOptions.USAGE.contains(option), option + " in --help");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--header-read-timeout 0s", "--body-read-timeout soon", "--idle-timeout 2d",
            "--max-connections 0", "--max-requests -1", "--max-body-size 0", "--max-body-size 2GiB",
            "--max-body-size 10XB", "--shutdown-timeout"})
    void badHttpLimitsAreRefusedNamingTheOption(String line) {
        ServerOptions.UsageException e = assertThrows(ServerOptions.UsageException.class,
                () -> ServerOptions.parse(List.of(line.split(" "))));
        assertTrue(e.getMessage().contains(line.split(" ")[0]), e.getMessage());
    }

    @Test
    void helpIsRecognized() {
        assertTrue(ServerOptions.wantsHelp(List.of("--help")));
        assertTrue(ServerOptions.USAGE.contains("--bulk-delete-cap"));
    }
}
