package dev.flowsweep.examples.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The options that make the server fit for a production database: basic auth (option, {@code
 * FLOWSWEEP_SERVER_AUTH_STRING}, Prefect's {@code PREFECT_SERVER_API_AUTH_STRING}), the refusal to bind beyond
 * loopback without it, and {@code --require-filter}. The credentials never appear in a message or in
 * {@code toString()}.
 */
class ServerAccessOptionsTest {
    private static final String SECRET = "s3cret-Pa55";

    private static ServerOptions parse(Map<String, String> env, String... args) throws ServerOptions.UsageException {
        return ServerOptions.parse(List.of(args), env);
    }

    private static ServerOptions.UsageException refused(Map<String, String> env, String... args) {
        return assertThrows(ServerOptions.UsageException.class, () -> parse(env, args));
    }

    @Test
    void authIsOffAndFilterNotRequiredByDefault() throws Exception {
        ServerOptions o = parse(Map.of());
        assertNull(o.auth());
        assertNull(o.authSource());
        assertFalse(o.requireFilter());
        assertFalse(o.allowUnauthenticated());
    }

    @Test
    void authStringComesFromTheOptionThenOurVariableThenPrefects() throws Exception {
        BasicAuth fromOption = BasicAuth.parse("opt:" + SECRET);
        BasicAuth ours = BasicAuth.parse("ours:" + SECRET);
        BasicAuth prefects = BasicAuth.parse("prefect:" + SECRET);
        Map<String, String> both = Map.of(ServerOptions.AUTH_ENV, "ours:" + SECRET,
                ServerOptions.PREFECT_AUTH_ENV, "prefect:" + SECRET);

        ServerOptions o = parse(both, "--auth-string", "opt:" + SECRET);
        assertEquals(fromOption, o.auth());
        assertEquals("--auth-string", o.authSource());

        o = parse(both);
        assertEquals(ours, o.auth());
        assertEquals("FLOWSWEEP_SERVER_AUTH_STRING", o.authSource());

        o = parse(Map.of(ServerOptions.PREFECT_AUTH_ENV, "prefect:" + SECRET));
        assertEquals(prefects, o.auth());
        assertEquals("PREFECT_SERVER_API_AUTH_STRING", o.authSource());
        assertFalse(ours.equals(prefects));
    }

    /** The password may hold ':' (the first one splits), and any character but a control character. */
    @Test
    void passwordMayHoldColonsAndUnicode() throws Exception {
        assertEquals(BasicAuth.parse("admin:a:b:c"), parse(Map.of(), "--auth-string", "admin:a:b:c").auth());
        assertEquals(BasicAuth.parse("adm1n:pässwörd €"), parse(Map.of(), "--auth-string=adm1n:pässwörd €").auth());
    }

    @ParameterizedTest
    @ValueSource(strings = {SECRET, ":" + SECRET, SECRET + ":", "", "user:" + SECRET + "\n", "us\ter:" + SECRET})
    void malformedAuthStringIsRefusedNamingTheOptionButNotTheValue(String value) {
        ServerOptions.UsageException e = refused(Map.of(), "--auth-string", value);
        assertTrue(e.getMessage().startsWith("--auth-string must be USER:PASSWORD"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {ServerOptions.AUTH_ENV, ServerOptions.PREFECT_AUTH_ENV})
    void malformedAuthStringFromTheEnvironmentIsRefusedNamingTheVariable(String variable) {
        ServerOptions.UsageException e = refused(Map.of(variable, SECRET));
        assertTrue(e.getMessage().startsWith(variable + " must be USER:PASSWORD"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        // set but empty is not "unset": refused too
        assertTrue(refused(Map.of(variable, "")).getMessage().startsWith(variable + " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10"})
    void nonLoopbackHostWithoutAuthIsRefused(String host) {
        ServerOptions.UsageException e = refused(Map.of(), "--host", host);
        assertTrue(e.getMessage().contains("--host " + host + " is not a loopback address"), e.getMessage());
        assertTrue(e.getMessage().contains("--auth-string"), e.getMessage());
        assertTrue(e.getMessage().contains("--allow-unauthenticated"), e.getMessage());
    }

    @Test
    void nonLoopbackHostIsAllowedWithAuthOrWhenTheOperatorSaysSo() throws Exception {
        ServerOptions withAuth = parse(Map.of(ServerOptions.AUTH_ENV, "ops:" + SECRET), "--host", "0.0.0.0");
        assertFalse(withAuth.exposedWithoutAuth());
        ServerOptions open = parse(Map.of(), "--host", "0.0.0.0", "--allow-unauthenticated");
        assertTrue(open.allowUnauthenticated());
        assertNull(open.auth());
        assertTrue(open.exposedWithoutAuth());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost"})
    void loopbackHostsNeedNoAuth(String host) throws Exception {
        ServerOptions o = parse(Map.of(), "--host", host);
        assertEquals(host, o.host());
        assertFalse(o.exposedWithoutAuth());
    }

    @Test
    void requireFilterIsAFlag() throws Exception {
        assertTrue(parse(Map.of(), "--require-filter").requireFilter());
    }

    @Test
    void toStringHidesTheCredentialsAndTheDatabasePassword() throws Exception {
        ServerOptions o = parse(Map.of(), "--auth-string", "admin:" + SECRET, "--jdbc-password", "db-" + SECRET);
        assertFalse(o.toString().contains(SECRET), o.toString());
        assertTrue(o.toString().contains("auth=on from --auth-string"), o.toString());
        assertFalse(o.auth().toString().contains(SECRET));
    }

    @Test
    void usageListsTheOptionsAndVariables() {
        for (String s : List.of("--auth-string", "--allow-unauthenticated", "--require-filter",
                "FLOWSWEEP_SERVER_AUTH_STRING", "PREFECT_SERVER_API_AUTH_STRING")) {
            assertTrue(ServerOptions.USAGE.contains(s), s);
        }
    }
}
