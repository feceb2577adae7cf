package dev.flowsweep.examples.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which {@code Authorization} headers {@link BasicAuth} lets in: exactly Prefect client's, and nothing else. */
class BasicAuthTest {
    private final BasicAuth auth = BasicAuth.parse("admin:pa:ss wörd");

    /** What Prefect's client sends for {@code PREFECT_API_AUTH_STRING}: {@code Basic base64(utf8(user:password))}. */
    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRightCredentialsAreLetIn() {
        assertTrue(auth.accepts(List.of(basic("admin:pa:ss wörd"))));
        assertTrue(auth.accepts(List.of(basic("admin:pa:ss wörd").replace("Basic", "basic"))), "the scheme's case");
        String unpadded = basic("admin:pa:ss wörd").replaceAll("=+$", "");
        assertTrue(auth.accepts(List.of(unpadded)), "base64 without padding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Admin:pa:ss wörd", "admin:pa:ss word", "admin:pa:ss wörd ", "admin:pa", "admin",
            ":pa:ss wörd", "", "admin:pa:ss wördadmin:pa:ss wörd"})
    void otherCredentialsAreRefused(String credentials) {
        assertFalse(auth.accepts(List.of(basic(credentials))), credentials);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic", "Basic ", "Basic !!!!", "Basic YWRtaW46 cGE=", "Bearer YWRtaW46cGE=",
            "Digest username=\"admin\"", "YWRtaW46cGE="})
    void malformedHeadersAndOtherSchemesAreRefused(String header) {
        assertFalse(auth.accepts(List.of(header)), header);
    }

    @Test
    void noHeaderOrTwoHeadersAreRefused() {
        assertFalse(auth.accepts(null));
        assertFalse(auth.accepts(List.of()));
        String good = basic("admin:pa:ss wörd");
        assertFalse(auth.accepts(List.of(good, good)));
    }

    @Test
    void theChallengeSaysNothingAboutWhatWasWrong() {
        Response r = BasicAuth.challenge();
        assertEquals(401, r.status());
        assertEquals("Basic realm=\"flowsweep\", charset=\"UTF-8\"", r.headers().get("WWW-Authenticate"));
        assertEquals(BasicAuth.UNAUTHORIZED_BODY, r.body());
    }
}
