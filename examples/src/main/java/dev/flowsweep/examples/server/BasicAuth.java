package dev.flowsweep.examples.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * HTTP basic authentication with one {@code user:password}, as Prefect's server does with
 * {@code PREFECT_SERVER_API_AUTH_STRING}: a request is let in when its {@code Authorization} header is
 * {@code Basic base64(user:password)} (what Prefect's client sends for {@code PREFECT_API_AUTH_STRING}).
 * <ul>
 *   <li>The comparison is in constant time: both sides are hashed with SHA-256 and the digests compared with
 *       {@link MessageDigest#isEqual}, so neither the content nor the length of the secret shows in the timing.</li>
 *   <li>Every refusal is the same 401 ({@link #challenge()}): a missing header, another scheme, a malformed header,
 *       a wrong user and a wrong password cannot be told apart.</li>
 *   <li>The secret is never kept in clear (only its digest), never shown by {@link #toString()} and never in an
 *       error message.</li>
 * </ul>
 * It is checked by the {@link Router}, not by the HTTP library: the refusal is Prefect's JSON, and one route
 * ({@code GET /health}) stays open.
 */
public final class BasicAuth {
    /** The realm named in {@code WWW-Authenticate}. */
    public static final String REALM = "flowsweep";
    /** The body of every 401: Prefect's ({@code exception_message}) plus this server's usual {@code detail}. */
    static final Map<String, String> UNAUTHORIZED_BODY;

    static {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("exception_message", "Unauthorized");
        body.put("detail", "Unauthorized");
        UNAUTHORIZED_BODY = Collections.unmodifiableMap(body);
    }

    private final byte[] expectedDigest;

    private BasicAuth(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    /**
     * The credentials {@code USER:PASSWORD}: split at the first {@code ':'} (so the user has none, the password may),
     * both non-empty, without control characters (RFC 7617).
     *
     * @throws IllegalArgumentException naming the rule broken, never quoting the value
     */
    public static BasicAuth parse(String authString) {
        Objects.requireNonNull(authString, "authString");
        int colon = authString.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("must be USER:PASSWORD, and has no ':'");
        }
        if (colon == 0) {
            throw new IllegalArgumentException("must be USER:PASSWORD, and the user is empty");
        }
        if (colon == authString.length() - 1) {
            throw new IllegalArgumentException("must be USER:PASSWORD, and the password is empty");
        }
        for (int i = 0; i < authString.length(); i++) {
            char c = authString.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("must be USER:PASSWORD without control characters, and has one "
                        + "(a line break at the end?)");
            }
        }
        return new BasicAuth(sha256(authString.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether these {@code Authorization} header values (null when there is none) carry the credentials: exactly one
     * value, scheme {@code Basic} (any case), one base64 token that decodes to {@code user:password}'s UTF-8 bytes.
     */
    boolean accepts(List<String> authorization) {
        if (authorization == null || authorization.size() != 1) {
            return false;
        }
        String header = authorization.get(0).strip();
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Basic")) {
            return false;
        }
        String token = header.substring(space + 1).strip();
        if (token.isEmpty() || token.indexOf(' ') >= 0) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(given));
    }

    /**
     * The answer to a request without the credentials: 401, {@code WWW-Authenticate: Basic realm="flowsweep",
     * charset="UTF-8"} (RFC 7235 asks for it; Prefect's server sends none and its client ignores it) and
     * {@link #UNAUTHORIZED_BODY}.
     */
    static Response challenge() {
        return Response.json(401, UNAUTHORIZED_BODY)
                .withHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Equal when the credentials are the same. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BasicAuth other && MessageDigest.isEqual(expectedDigest, other.expectedDigest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(expectedDigest);
    }

    /** Never the credentials. */
    @Override
    public String toString() {
        return "BasicAuth[credentials hidden]";
    }
}
