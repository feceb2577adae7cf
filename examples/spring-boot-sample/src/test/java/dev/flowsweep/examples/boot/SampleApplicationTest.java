package dev.flowsweep.examples.boot;

import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.testkit.Await;
import dev.flowsweep.testkit.Fixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application as its users reach it, over HTTP on a random port: only the starter, a DataSource and
 * {@code application.yaml}. It deletes by filter, purges the logs, runs a retention policy, and shows Flowsweep's
 * meters at {@code /actuator/metrics} and its health at {@code /actuator/health}. One application context for all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {
    private static Fixture fixture;

    @LocalServerPort
    int port;
    @Autowired
    FlowsweepStorage storage;

    RestTestClient http;
    String tag;

    @BeforeAll
    static void noFixtureYet() {
        fixture = null;
    }

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        if (fixture == null) {
            fixture = new Fixture(storage);
        }
        tag = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void deletesByFilterAndPurgesTheLogs() throws InterruptedException {
        FlowRun completed = fixture.run(b -> b.state(StateType.COMPLETED).tags(tag));
        FlowRun failed = fixture.run(b -> b.state(StateType.FAILED).tags(tag));
        FlowRun running = fixture.run(b -> b.state(StateType.RUNNING).tags(tag));
        fixture.logs(completed.id(), 10);
        fixture.logs(failed.id(), 10);
        Map<String, Object> cleanup = Map.of("tags", List.of(tag), "states", List.of("COMPLETED", "FAILED"));

        http.post().uri("/api/cleanup/preview").contentType(MediaType.APPLICATION_JSON).body(cleanup).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.deleted").value((List<String> ids) -> assertThat(ids)
                        .containsExactlyInAnyOrder(completed.id().toString(), failed.id().toString()));
        assertThat(fixture.exists(completed.id())).as("a preview deletes nothing").isTrue();

        http.post().uri("/api/cleanup").contentType(MediaType.APPLICATION_JSON).header("X-Actor", "alice")
                .body(cleanup).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.deleted").value((List<String> ids) -> assertThat(ids)
                        .containsExactlyInAnyOrder(completed.id().toString(), failed.id().toString()));
        assertThat(fixture.exists(completed.id())).isFalse();
        assertThat(fixture.exists(failed.id())).isFalse();
        assertThat(fixture.exists(running.id())).isTrue();

        Await.until(Duration.ofSeconds(10), "the logs of the deleted runs purged",
                () -> fixture.countLogs(List.of(completed.id(), failed.id())) == 0);
        http.get().uri("/api/purge-queue").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.failed").isEqualTo(0);
    }

    @Test
    void refusesBadRequestsWithAReasonAndNoStackTrace() {
        http.post().uri("/api/cleanup").contentType(MediaType.APPLICATION_JSON).body(Map.of("limit", 5)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("a cleanup names at least one tag");
        http.post().uri("/api/cleanup").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tags", List.of(tag), "limit", 500)).exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").isEqualTo("limit must be between 1 and 100, was 500");
        http.post().uri("/api/cleanup").contentType(MediaType.APPLICATION_JSON).body("{\"tags\": [").exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("at dev.flowsweep")
                        .doesNotContain("Exception"));
        http.post().uri("/api/retention/no-such-policy/run").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("no-such-policy"));
    }

    /** Prefect's body on Boot's own JSON mapper: read with Flowsweep's rules, the result in Prefect's format. */
    @Test
    void takesPrefectsBulkDeleteBodyAndRefusesABadOneWithItsProblems() {
        FlowRun done = fixture.run(b -> b.state(StateType.COMPLETED).tags(tag));
        FlowRun running = fixture.run(b -> b.state(StateType.RUNNING).tags(tag));
        http.post().uri("/api/flow_runs/bulk_delete").contentType(MediaType.APPLICATION_JSON)
                .body("{\"flow_runs\": {\"tags\": {\"all_\": [\"" + tag + "\"]}, "
                        + "\"state\": {\"type\": {\"any_\": [\"COMPLETED\"]}}}, \"limit\": 10}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.deleted").isEqualTo(List.of(done.id().toString()))
                .jsonPath("$.released_slots").doesNotExist();
        assertThat(fixture.exists(done.id())).isFalse();
        assertThat(fixture.exists(running.id())).isTrue();

        http.post().uri("/api/flow_runs/bulk_delete").contentType(MediaType.APPLICATION_JSON)
                .body("{\"flow_runs\": {\"tags\": {\"all_\": [\"" + tag + "\"]}}, \"limit\": \"10\"}").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.problems.length()").isEqualTo(1)
                .jsonPath("$.problems[0].loc").isEqualTo(List.of("body", "limit"))
                .jsonPath("$.problems[0].type").isEqualTo("int_type")
                .jsonPath("$.problems[0].msg").value((String msg) -> assertThat(msg)
                        .startsWith("Input should be a valid integer").contains("a string (\"10\")"));
        http.post().uri("/api/flow_runs/bulk_delete").contentType(MediaType.APPLICATION_JSON)
                .body("{\"flow_runs\": {\"tags\": {\"all_\": [\"" + tag + "\"]}}, \"offset\": 0}").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.problems[0].loc").isEqualTo(List.of("body", "offset"))
                .jsonPath("$.problems[0].type").isEqualTo("extra_forbidden")
                .jsonPath("$.problems[0].msg").value((String msg) -> assertThat(msg).contains("flow_runs, limit, actor"));
        http.post().uri("/api/flow_runs/bulk_delete").contentType(MediaType.APPLICATION_JSON)
                .body("{\"flow_runs\": {\"id\": {\"any_\": [\"1-2-3-4-5\"]}}}").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.problems[0].loc").isEqualTo(List.of("body", "flow_runs", "id", "any_", 0))
                .jsonPath("$.problems[0].type").isEqualTo("uuid_parsing");
        assertThat(fixture.exists(running.id())).as("a refused body deletes nothing").isTrue();
    }

    @Test
    void runsTheRetentionPolicyOfApplicationYaml() {
        Instant fortyDaysAgo = Instant.now().minus(40, ChronoUnit.DAYS);
        FlowRun old = fixture.run(b -> b.state(StateType.COMPLETED).tags(tag).endTime(fortyDaysAgo));
        FlowRun recent = fixture.run(b -> b.state(StateType.COMPLETED).tags(tag)
                .endTime(Instant.now().minus(1, ChronoUnit.DAYS)));

        http.post().uri("/api/retention/finished-30d/run").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.outcome").isEqualTo("COMPLETED")
                .jsonPath("$.deleted").value((Integer deleted) -> assertThat(deleted).isGreaterThanOrEqualTo(1));
        assertThat(fixture.exists(old.id())).isFalse();
        assertThat(fixture.exists(recent.id())).isTrue();
    }

    @Test
    void showsFlowsweepsMetersAndHealthOnActuator() {
        fixture.run(b -> b.state(StateType.COMPLETED).tags(tag));
        http.post().uri("/api/cleanup").contentType(MediaType.APPLICATION_JSON).body(Map.of("tags", List.of(tag)))
                .exchange().expectStatus().isOk();

        http.get().uri("/actuator/metrics").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.names").value((List<String> names) -> assertThat(names).contains(
                        "flowsweep.runs.deleted", "flowsweep.slots.released", "flowsweep.deletions",
                        "flowsweep.purge.pending", "flowsweep.purge.failed", "flowsweep.purge.oldest.age"));
        http.get().uri("/actuator/metrics/flowsweep.runs.deleted?tag=reason:bulk_delete").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[0].value")
                .value((Double count) -> assertThat(count).isGreaterThanOrEqualTo(1.0));
        http.get().uri("/actuator/metrics/flowsweep.deletions").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.baseUnit").isEqualTo("seconds");

        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.flowsweep.status").isEqualTo("UP")
                .jsonPath("$.components.flowsweep.details.purge.failed").isEqualTo(0)
                .jsonPath("$.components.flowsweep.details.retention").value(
                        (Map<String, Object> policies) -> assertThat(policies)
                                .containsOnlyKeys("finished-30d", "nightly-7d"))
                .jsonPath("$.components.flowsweep.details.problems").doesNotExist();
        http.get().uri("/actuator/health").exchange().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain("Exception"));
    }
}
