package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.spi.FlowsweepStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.flowsweep.examples.server.BasicAuthTest.basic;
import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server as examples/README.md recommends it on a production database — basic auth and {@code requireFilter}
 * on — over real HTTP, on the storage of the enclosing {@link ServerContractTest} (so on every storage the server
 * tests run): every route but {@code GET /health} needs the credentials, even an unknown route or a wrong method;
 * every refusal is the same 401; a bulk delete whose filter matches every run is a 422 that deletes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerGuardsSuite {
    /** A password with a ':' and a space, as a user may choose. */
    private static final String CREDENTIALS = "admin:correct horse:battery";

    private FlowsweepServer server;
    /** No {@code Authorization} header. */
    private HttpJson anonymous;
    /** The header Prefect's client sends with {@code PREFECT_API_AUTH_STRING=admin:correct horse:battery}. */
    private HttpJson admin;

    /** The storage of the enclosing contract test (open while this suite runs; not closed here). */
    protected abstract FlowsweepStorage storage();

    @BeforeAll
    void startGuardedServer() {
        server = FlowsweepServer.builder(storage())
                .port(0)
                .basicAuth(BasicAuth.parse(CREDENTIALS))
                .requireFilter(true)
                .start();
        anonymous = new HttpJson(server.uri());
        admin = anonymous.withAuthorization(basic(CREDENTIALS));
    }

    @AfterAll
    void stopGuardedServer() {
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private UUID run(String tag) {
        Answer f = admin.post("/flows", q("{'name': 'guarded-" + UUID.randomUUID() + "'}"));
        assertEquals(201, f.status(), f::toString);
        Answer r = admin.post("/flow_runs", q("{'flow_id': '" + f.json().get("id").asText() + "', 'tags': ['" + tag
                + "']}"));
        assertEquals(201, r.status(), r::toString);
        return UUID.fromString(r.json().get("id").asText());
    }

    private long countRuns() {
        Answer a = admin.post("/flow_runs/count", "{}");
        assertEquals(200, a.status(), a::toString);
        return a.json().asLong();
    }

    private boolean exists(UUID id) {
        int status = admin.get("/flow_runs/" + id).status();
        assertTrue(status == 200 || status == 404, "status " + status);
        return status == 200;
    }

    /** The route's method and a concrete path ({@code {id}} replaced by a fresh UUID). */
    private static String[] concrete(String route) {
        String[] parts = route.replace(" (open)", "").split(" ");
        return new String[]{parts[0], parts[1].replace("{id}", UUID.randomUUID().toString())};
    }

    private static Answer send(HttpJson client, String method, String path) {
        HttpRequest.BodyPublisher body = method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody();
        return client.send(method, path, body);
    }

    /**
     * The one 401 of this server: Prefect's body plus {@code detail} and the request id (as every error body has),
     * and a basic challenge.
     */
    private static void assertUnauthorized(Answer a) {
        assertEquals(401, a.status(), a::toString);
        assertEquals("Unauthorized", a.json().get("exception_message").asText(), a::toString);
        assertEquals("Unauthorized", a.json().get("detail").asText(), a::toString);
        assertEquals(a.header("X-Request-Id"), a.json().get("request_id").asText(), a::toString);
        assertEquals(3, a.json().size(), a::toString);
        assertEquals("Basic realm=\"flowsweep\", charset=\"UTF-8\"", a.header("WWW-Authenticate"));
        assertNull(a.header("Allow"), "nothing about the route");
    }

    // ---------------------------------------------------------------------------------------------- basic auth

    @Test
    void everyRouteButHealthNeedsTheCredentials() {
        List<String> routes = server.routes();
        assertTrue(routes.size() >= 17, routes::toString);
        assertEquals(List.of("GET /health (open)"), routes.stream().filter(r -> r.endsWith("(open)")).toList());
        for (String route : routes) {
            String[] r = concrete(route);
            for (String path : List.of(r[1], r[1] + "/")) {
                Answer without = send(anonymous, r[0], path);
                Answer with = send(admin, r[0], path);
                if (route.endsWith("(open)")) {
                    assertEquals(200, without.status(), () -> route + " " + without);
                } else {
                    assertUnauthorized(without);
                }
                assertNotEquals(401, with.status(), () -> route + " with the credentials: " + with);
                assertTrue(with.status() < 500, () -> route + " with the credentials: " + with);
            }
        }
    }

    @Test
    void healthIsOpenToProbes() {
        Answer a = anonymous.get("/health");
        assertEquals(200, a.status(), a::toString);
        assertEquals("true", a.text());
        assertEquals(200, anonymous.get("/health/").status());
    }

    /** Without the credentials, an unknown route is not a 404 and a wrong method not a 405 with Allow. */
    @Test
    void unknownRoutesAndWrongMethodsNeedTheCredentialsToo() {
        assertUnauthorized(anonymous.get("/nothing/here"));
        assertUnauthorized(anonymous.get("/health/x"));
        assertUnauthorized(anonymous.get("/healthz"));
        assertUnauthorized(anonymous.send("PUT", "/flow_runs/filter", HttpRequest.BodyPublishers.noBody()));
        assertUnauthorized(anonymous.post("/health", "{}"));
        assertUnauthorized(anonymous.delete("/health"));
        Answer head = anonymous.send("HEAD", "/health", HttpRequest.BodyPublishers.noBody()); // only GET is open
        assertEquals(401, head.status(), head::toString);
        assertEquals("", head.text(), "a HEAD answer has no body");

        assertEquals(404, admin.get("/nothing/here").status());
        Answer wrongMethod = admin.send("PUT", "/flow_runs/filter", HttpRequest.BodyPublishers.noBody());
        assertEquals(405, wrongMethod.status(), wrongMethod::toString);
        assertEquals("POST", wrongMethod.header("Allow"));
    }

    /** A wrong user, a wrong password, a malformed header, another scheme: the same answer, no hint which. */
    @Test
    void everyWrongAuthorizationIsTheSame401() {
        List<HttpJson> wrong = List.of(
                anonymous,
                anonymous.withAuthorization(basic("Admin:correct horse:battery")),
                anonymous.withAuthorization(basic("admin:correct horse:batterY")),
                anonymous.withAuthorization(basic("admin:")),
                anonymous.withAuthorization(basic("admin")),
                anonymous.withAuthorization(basic(CREDENTIALS + "x")),
                anonymous.withAuthorization("Basic"),
                anonymous.withAuthorization("Basic !!!not-base64!!!"),
                anonymous.withAuthorization(basic(CREDENTIALS).substring("Basic ".length())),
                anonymous.withAuthorization("Bearer " + basic(CREDENTIALS).substring("Basic ".length())),
                anonymous.withAuthorization("Digest username=\"admin\", realm=\"flowsweep\""),
                anonymous.withAuthorization(basic(CREDENTIALS), basic(CREDENTIALS)));
        Set<String> bodies = new java.util.HashSet<>();
        for (HttpJson client : wrong) {
            Answer a = client.post("/flow_runs/count", "{}");
            assertUnauthorized(a);
            bodies.add(((com.fasterxml.jackson.databind.node.ObjectNode) a.json().deepCopy()).without("request_id")
                    .toString());
        }
        assertEquals(1, bodies.size(), bodies::toString);
    }

    @Test
    void theCredentialsPrefectsClientSendsWork() {
        UUID id = run("guarded");
        Answer a = admin.get("/flow_runs/" + id);
        assertEquals(200, a.status(), a::toString);
        assertEquals(200, admin.withAuthorization(basic(CREDENTIALS).replace("Basic ", "basic ")).get("/flow_runs/" + id)
                .status(), "the scheme is case-insensitive");
        assertEquals(204, admin.delete("/flow_runs/" + id).status());
    }

    @Test
    void nothingIsDeletedWithoutTheCredentials() {
        UUID id = run("guarded");
        assertUnauthorized(anonymous.post("/flow_runs/bulk_delete", q("{'flow_runs': {'id': {'any_': ['" + id + "']}}}")));
        assertUnauthorized(anonymous.delete("/flow_runs/" + id));
        assertUnauthorized(anonymous.withAuthorization(basic("admin:wrong")).delete("/flow_runs/" + id));
        assertTrue(exists(id));
    }

    // ------------------------------------------------------------------------------------------ require-filter

    /** Each body's filter matches every run: none, null, {@code {}}, or only conditions that are dropped. */
    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'flow_runs': null}", "{'limit': 1}", "{'flow_runs': {}}",
            "{'flow_runs': {'name': {}}}", "{'flow_runs': {'operator': 'or_', 'name': {}, 'state': {}}}",
            "{'flow_runs': {'tags': {'all_': []}, 'id': {'not_any_': []}, 'name': {'like_': ''}}}",
            "{'flow_runs': {'operator': 'or_'}}"})
    void aBulkDeleteWhoseFilterMatchesEveryRunIs422AndDeletesNothing(String body) {
        UUID id = run("kept");
        long before = countRuns();
        for (String b : List.of(body, body.replaceFirst("^\\{", "{'dry_run': true, ").replace(", }", "}"))) {
            Answer a = admin.post("/flow_runs/bulk_delete", q(b));
            assertEquals(422, a.status(), () -> b + " → " + a);
            assertEquals("Invalid request received.", a.json().get("exception_message").asText());
            JsonNode problems = a.json().get("exception_detail");
            assertEquals(1, problems.size(), a::toString);
            JsonNode p = problems.get(0);
            assertEquals(List.of("body", "flow_runs"), texts(p.get("loc")), a::toString);
            boolean absent = !b.contains("'flow_runs': {");
            assertEquals(absent ? "missing" : "value_error", p.get("type").asText(), a::toString);
            assertTrue(p.get("msg").asText().contains("requires a filter"), a::toString);
            assertTrue(a.json().has("request_body"), a::toString);
        }
        assertEquals(before, countRuns(), "nothing deleted");
        assertTrue(exists(id));
    }

    @Test
    void aFilterThatSelectsRunsStillDeletesThem() {
        String tag = "doomed-" + UUID.randomUUID();
        UUID doomed = run(tag);
        UUID kept = run("kept");
        String body = "{'flow_runs': {'tags': {'all_': ['" + tag + "']}, 'name': {}}, 'limit': 10";

        Answer dry = admin.post("/flow_runs/bulk_delete", q(body + ", 'dry_run': true}"));
        assertEquals(200, dry.status(), dry::toString);
        assertEquals(List.of(doomed.toString()), texts(dry.json().get("would_delete")));
        assertTrue(exists(doomed));

        Answer a = admin.post("/flow_runs/bulk_delete", q(body + "}"));
        assertEquals(200, a.status(), a::toString);
        assertEquals(List.of(doomed.toString()), texts(a.json().get("deleted")));
        assertFalse(exists(doomed));
        assertTrue(exists(kept));
    }

    /** {@code any_: []} matches no run, not every run: allowed, and deletes nothing. */
    @Test
    void aFilterThatMatchesNothingIsAllowedAndDeletesNothing() {
        UUID kept = run("kept");
        Answer a = admin.post("/flow_runs/bulk_delete", q("{'flow_runs': {'id': {'any_': []}}}"));
        assertEquals(200, a.status(), a::toString);
        assertEquals(0, a.json().get("deleted").size());
        assertTrue(exists(kept));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
