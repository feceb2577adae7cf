package dev.flowsweep.examples.server;

import dev.flowsweep.examples.server.HttpJson.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.flowsweep.examples.server.BasicAuthTest.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher ({@code java -jar flowsweep-server.jar}) in a child JVM: the refusals of an unsafe or malformed
 * command line (exit code 2, a clear message, never the credentials), and a server started with basic auth and
 * {@code --require-filter} that says so on its ready line without showing the credentials.
 */
class ServerLauncherTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SECRET = "Launch-S3cret";

    private final List<ServerProcess> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (ServerProcess p : children) {
            p.close();
        }
    }

    private ServerProcess start(Map<String, String> env, String... args) throws Exception {
        ServerProcess p = ServerProcess.start(List.of(args), env);
        children.add(p);
        return p;
    }

    private static String text(ServerProcess p) {
        return String.join("\n", p.output);
    }

    @Test
    void aNonLoopbackHostWithoutAuthExitsWith2() throws Exception {
        ServerProcess p = start(Map.of(), "--storage", "memory", "--port", "0", "--host", "0.0.0.0");
        assertEquals(FlowsweepServerMain.EXIT_USAGE, p.awaitExit(DEADLINE), () -> text(p));
        assertTrue(p.output.get(0).startsWith("Error: --host 0.0.0.0 is not a loopback address"), () -> text(p));
        assertTrue(text(p).contains("--allow-unauthenticated"), () -> text(p));
        assertFalse(text(p).contains(ServerProcess.READY), () -> text(p));
    }

    @Test
    void aMalformedAuthStringExitsWith2WithoutShowingIt() throws Exception {
        ServerProcess option = start(Map.of(), "--storage", "memory", "--port", "0", "--auth-string", SECRET);
        ServerProcess variable = start(Map.of(ServerOptions.AUTH_ENV, SECRET), "--storage", "memory", "--port", "0");
        assertEquals(FlowsweepServerMain.EXIT_USAGE, option.awaitExit(DEADLINE), () -> text(option));
        assertEquals(FlowsweepServerMain.EXIT_USAGE, variable.awaitExit(DEADLINE), () -> text(variable));
        assertTrue(option.output.get(0).startsWith("Error: --auth-string must be USER:PASSWORD"), () -> text(option));
        assertTrue(variable.output.get(0).startsWith("Error: FLOWSWEEP_SERVER_AUTH_STRING must be USER:PASSWORD"),
                () -> text(variable));
        assertFalse(text(option).contains(SECRET), () -> text(option));
        assertFalse(text(variable).contains(SECRET), () -> text(variable));
    }

    /** Prefect's server variable is enough; the ready line says auth and require-filter are on, never the secret. */
    @Test
    void aServerWithAuthSaysSoWithoutShowingTheCredentials() throws Exception {
        String credentials = "ops:" + SECRET;
        ServerProcess p = start(Map.of(ServerOptions.PREFECT_AUTH_ENV, credentials), "--storage", "memory",
                "--port", "0", "--host", "0.0.0.0", "--require-filter");
        String ready = p.awaitReady(DEADLINE);
        assertTrue(ready.contains("; basic auth on (from PREFECT_SERVER_API_AUTH_STRING)"), ready);
        assertTrue(ready.contains("; require-filter on"), ready);

        HttpJson anonymous = new HttpJson(p.uri(DEADLINE));
        assertEquals(200, anonymous.get("/health").status());
        assertEquals(401, anonymous.post("/flow_runs/count", "{}").status());
        HttpJson ops = anonymous.withAuthorization(basic(credentials));
        assertEquals("0", ops.post("/flow_runs/count", "{}").text());
        Answer refused = ops.post("/flow_runs/bulk_delete", "{}");
        assertEquals(422, refused.status(), refused::toString);

        p.process.destroy(); // SIGTERM: a clean stop, with its last log lines
        p.awaitExit(DEADLINE);
        assertFalse(text(p).contains(SECRET), () -> text(p));
        assertFalse(text(p).contains("WARNING"), () -> text(p));
    }

    @Test
    void allowUnauthenticatedStartsWithAWarning() throws Exception {
        ServerProcess p = start(Map.of(), "--storage", "memory", "--port", "0", "--host", "0.0.0.0",
                "--allow-unauthenticated");
        String ready = p.awaitReady(DEADLINE);
        assertFalse(ready.contains("basic auth"), ready);
        assertTrue(text(p).contains("WARNING: no authentication (--allow-unauthenticated)"), () -> text(p));
    }
}
