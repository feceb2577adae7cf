package dev.flowsweep.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowsweep.examples.server.HttpJson.Answer;
import dev.flowsweep.service.TransientRetries;
import dev.flowsweep.spi.FlowsweepCommitUnknownException;
import dev.flowsweep.spi.FlowsweepStatementTimeoutException;
import dev.flowsweep.spi.FlowsweepTransientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.flowsweep.examples.server.HttpJson.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's errors: Prefect's 422 for every bad body (echoing what was sent), 404, 405 with {@code Allow}, 413
 * for bodies over 10 MiB, 503 with {@code Retry-After} for a storage failure the service classifies (transient, commit
 * outcome unknown, statement timeout) and 500 with a short message for any other; creates retried after a transient
 * failure; a refused request changes nothing. On the storage of the enclosing {@link ServerContractTest}.
 */
abstract class ServerErrorsSuite extends ServerSuite {
    @Test
    void malformedJsonIs422WithTheRawTextEchoed() {
        UUID keep = run(newFlow(), "");
        Answer a = http().post("/flow_runs/bulk_delete", "{\"flow_runs\": ");
        assertEquals(422, a.status(), a::toString);
        JsonNode problem = a.json().get("exception_detail").get(0);
        assertEquals("json_invalid", problem.get("type").asText());
        assertEquals("body", problem.get("loc").get(0).asText());
        assertEquals("{\"flow_runs\": ", a.json().get("request_body").asText());
        assertTrue(exists(keep));
    }

    @Test
    void echoedRawTextIsCutTo1KiB() {
        String text = "x".repeat(5000);
        Answer a = http().post("/flow_runs/filter", text);
        assertEquals(422, a.status());
        assertEquals(1024, a.json().get("request_body").asText().length());
    }

    @Test
    void unknownFieldAtAnyDepthIs422WithTheParsedBodyEchoed() {
        UUID keep = run(newFlow(), "");
        String body = q("{'flow_runs': {'state': {'type': {'any_': ['COMPLETED'], 'bogus': 1}}}}");
        Answer a = http().post("/flow_runs/bulk_delete", body);
        assertInvalid(a, "extra_forbidden", "body", "flow_runs", "state", "type", "bogus");
        assertEquals(HttpJson.parse(body), a.json().get("request_body"));
        assertInvalid(http().post("/flow_runs/bulk_delete", q("{'flow_run': {}}")), "extra_forbidden", "body", "flow_run");
        assertTrue(exists(keep));
    }

    @Test
    void wrongTypesBadUuidsUnknownStateTypesAndBadTimesAre422() {
        UUID keep = run(newFlow(), "");
        assertInvalid(http().post("/flow_runs/bulk_delete", q("{'flow_runs': {'id': {'any_': ['nope']}}}")),
                "uuid_parsing", "body", "flow_runs", "id", "any_", 0);
        assertInvalid(http().post("/flow_runs/bulk_delete", q("{'flow_runs': {'state': {'type': {'any_': ['DONE']}}}}")),
                "enum", "body", "flow_runs", "state", "type", "any_", 0);
        assertInvalid(http().post("/flow_runs/bulk_delete", q("{'flow_runs': {'tags': {'all_': 'x'}}}")),
                "list_type", "body", "flow_runs", "tags", "all_");
        assertEquals(422, http().post("/flow_runs/bulk_delete", q("{'flow_runs': {'start_time': {'before_': '2026-13-01T00:00:00Z'}}}")).status());
        assertInvalid(http().post("/flow_runs", q("{'flow_id': '" + UUID.randomUUID() + "', 'state': {'type': 'DONE'}}")),
                "enum", "body", "state", "type");
        assertTrue(exists(keep));
    }

    @Test
    void jsonNestedDeeperThan100Is422() {
        String deep = "[".repeat(101) + "]".repeat(101);
        Answer a = http().post("/flow_runs/filter", "{\"flow_runs\": " + deep + "}");
        assertEquals(422, a.status(), a::toString);
        assertEquals("json_invalid", a.json().get("exception_detail").get(0).get("type").asText());
    }

    @Test
    void bodiesOver10MiBAre413() {
        byte[] big = new byte[Request.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertDetail(http().send("POST", "/flow_runs/filter", HttpRequest.BodyPublishers.ofByteArray(big)), 413);
        // Without Content-Length (chunked), the server counts while reading.
        assertDetail(http().send("POST", "/flow_runs/filter",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))), 413);
        byte[] fits = "{}".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, http().send("POST", "/flow_runs/filter",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(fits))).status());
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405WithAllow() {
        assertDetail(http().get("/nothing/here"), 404);
        assertEquals("POST", http().get("/flow_runs/bulk_delete").header("Allow"));
        Answer m = http().send("PUT", "/flow_runs/filter", HttpRequest.BodyPublishers.noBody());
        assertDetail(m, 405);
        assertEquals("POST", m.header("Allow"));
        Answer d = http().send("PATCH", "/flow_runs/" + UUID.randomUUID(), HttpRequest.BodyPublishers.noBody());
        assertDetail(d, 405);
        assertEquals(Set.of("GET", "DELETE"), Set.of(d.header("Allow").split(",\\s*")));
    }

    /**
     * A deadlock or lock timeout that outlasts the service's retries (3) is 503 with Retry-After, which Prefect's client
     * retries by itself; nothing was deleted. The next call, the storage well again, deletes.
     */
    @Test
    void transientStorageFailureIs503WithRetryAfterAndChangesNothing() {
        UUID run = run(newFlow(), "");
        String body = "{'flow_runs': {'id': {'any_': ['" + run + "']}}}";
        fixture().serverStorage().failNext(1 + dev.flowsweep.service.BulkDeleteService.DEFAULT_MAX_TRANSIENT_RETRIES, true);
        Answer a = http().post("/flow_runs/bulk_delete", q(body));
        assertDetail(a, 503);
        assertEquals("1", a.header("Retry-After"), a::toString);
        assertEquals(ErrorMapper.STORAGE_BUSY, a.json().get("detail").asText());
        assertFalse(a.text().contains("Exception"), a::toString);
        assertEquals(200, http().get("/flow_runs/" + run).status(), "not deleted");

        assertEquals(List.of(run), bulkDelete(body));
    }

    /**
     * A connection lost while the commit was in flight is never retried (the commit may have happened): 503 with
     * {@code Retry-After: 1} and a body saying the outcome is unknown and repeating is safe. Repeating deletes.
     */
    @Test
    void commitOutcomeUnknownIs503SayingRepeatingIsSafe() {
        UUID run = run(newFlow(), "");
        String body = "{'flow_runs': {'id': {'any_': ['" + run + "']}}}";
        fixture().serverStorage().failNextWith(1, () -> new FlowsweepCommitUnknownException(
                "simulated: connection lost during commit", new java.sql.SQLException("I/O error", "08006")));
        Answer a = http().post("/flow_runs/bulk_delete", q(body));
        assertDetail(a, 503);
        assertEquals("1", a.header("Retry-After"), a::toString);
        assertEquals(ErrorMapper.COMMIT_UNKNOWN, a.json().get("detail").asText());
        assertFalse(a.text().contains("Exception"), a::toString);

        assertEquals(List.of(run), bulkDelete(body), "the same request, repeated, deletes");
    }

    /** A statement timeout is 503 with {@code Retry-After: 5}: rolled back, nothing deleted. */
    @Test
    void statementTimeoutIs503WithRetryAfter5AndChangesNothing() {
        UUID run = run(newFlow(), "");
        String body = "{'flow_runs': {'id': {'any_': ['" + run + "']}}}";
        fixture().serverStorage().failNextWith(1, () -> new FlowsweepStatementTimeoutException(
                "simulated: canceling statement due to statement timeout", new java.sql.SQLException("timeout", "57014")));
        Answer a = http().post("/flow_runs/bulk_delete", q(body));
        assertDetail(a, 503);
        assertEquals("5", a.header("Retry-After"), a::toString);
        assertEquals(ErrorMapper.STATEMENT_TIMEOUT, a.json().get("detail").asText());
        assertTrue(exists(run), "not deleted");
    }

    /**
     * The server's creates run again on a fresh connection after a transient failure: within the retries the client
     * sees 201; past them, 503 and nothing created.
     */
    @Test
    void createsAreRetriedAfterATransientFailure() {
        UUID flow = newFlow();
        UUID id = UUID.randomUUID();
        fixture().serverStorage().failNextWith(TransientRetries.DEFAULT_MAX_RETRIES, () -> new FlowsweepTransientException(
                "simulated: terminating connection due to administrator command", new java.sql.SQLException("x", "57P01")));
        Answer created = http().post("/flow_runs", q("{'id': '" + id + "', 'flow_id': '" + flow + "'}"));
        assertEquals(201, created.status(), created::toString);
        assertTrue(exists(id));

        UUID other = UUID.randomUUID();
        fixture().serverStorage().failNext(1 + TransientRetries.DEFAULT_MAX_RETRIES, true);
        Answer refused = http().post("/flow_runs", q("{'id': '" + other + "', 'flow_id': '" + flow + "'}"));
        assertDetail(refused, 503);
        assertEquals("1", refused.header("Retry-After"), refused::toString);
        assertFalse(exists(other), "not created");
    }

    /** The increment route does not retry: one deadlock is 503, and no slot was taken. */
    @Test
    void transientStorageFailureOfAnIncrementIs503AndTakesNothing() {
        String p = UUID.randomUUID().toString();
        JsonNode l = limit(p, 5, true, 1);
        fixture().serverStorage().failNext(1, true);
        Answer a = http().post("/v2/concurrency_limits/increment", q("{'names': ['" + p + "'], 'slots': 2}"));
        assertDetail(a, 503);
        assertEquals("1", a.header("Retry-After"), a::toString);
        assertEquals(1, activeSlots(l));
    }

    @ValueSource(strings = {"/flow_runs/bulk_delete", "/flow_runs/bulk_delete/"})
    @ParameterizedTest
    void storageFailureIs500WithAShortMessage(String path) {
        fixture().serverStorage().failNext();
        Answer a = http().post(path, "{}");
        assertDetail(a, 500);
        assertFalse(a.text().contains("Exception"), a::toString);
        assertFalse(a.text().contains("at dev."), a::toString);
    }
}
