package dev.flowsweep.examples.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flowsweep.json.jackson2.FlowsweepJsonException;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the embedding example on an in-memory H2 database behind the host's own HikariCP pool. */
class HostApplicationTest {
    private HikariDataSource hostPool;
    private ObjectMapper hostMapper;
    private HostApplication app;

    @BeforeEach
    void start() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(4);
        hostPool = new HikariDataSource(config);
        hostMapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT); // the host's own settings
        app = new HostApplication(hostPool, hostMapper);
    }

    @AfterEach
    void stop() {
        app.close();
        assertFalse(hostPool.isClosed(), "the host's DataSource stays the host's");
        hostPool.close();
    }

    @Test
    void deletesRunsThroughTheHostsMapperAndDataSource() throws Exception {
        UUID flowId = UUID.randomUUID();
        FlowRun failed = FlowRun.builder(flowId).state(StateType.FAILED).tags("nightly").build();
        FlowRun running = FlowRun.builder(flowId).state(StateType.RUNNING).tags("nightly").build();
        app.storage().inTransaction(tx -> {
            tx.flows().insert(new Flow(flowId, "etl"));
            tx.flowRuns().insert(failed);
            tx.flowRuns().insert(running);
            tx.logs().insert(List.of(new Log(UUID.randomUUID(), "etl", 40, "boom", Instant.now(), failed.id(), null)));
            return null;
        });

        String answer = app.deleteRuns("{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"FAILED\"]}}}, \"limit\": 10}");

        JsonNode json = hostMapper.readTree(answer);
        assertEquals(failed.id().toString(), json.get("deleted").get(0).asText());
        assertEquals(1, json.get("deleted").size());
        assertTrue(answer.contains("\n"), "written by the host's mapper, with its indentation");
        assertTrue(app.storage().inTransaction(tx -> tx.flowRuns().findById(running.id())).isPresent());
        assertTrue(app.logPurger().awaitIdle(Duration.ofSeconds(30)));
        assertEquals(0L, (long) app.storage().inTransaction(tx -> tx.logs().count(List.of(failed.id()))));
    }

    @Test
    void anInvalidBodyNamesItsPath() {
        FlowsweepJsonException e = assertThrows(FlowsweepJsonException.class,
                () -> app.deleteRuns("{\"flow_runs\": {\"id\": {\"any_\": [\"not-a-uuid\"]}}}"));
        assertEquals(List.of("flow_runs", "id", "any_", 0), e.firstProblem().loc());
        assertEquals("uuid_parsing", e.firstProblem().type());
    }
}
