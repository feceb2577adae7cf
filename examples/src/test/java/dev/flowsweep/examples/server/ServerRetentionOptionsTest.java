package dev.flowsweep.examples.server;

import dev.flowsweep.model.StateType;
import dev.flowsweep.retention.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's retention options. */
class ServerRetentionOptionsTest {
    @Test
    void noRetentionByDefault() throws Exception {
        assertNull(ServerOptions.parse(List.of()).retention());
    }

    @Test
    void olderThanTurnsRetentionOnWithPrefectsDefaults() throws Exception {
        ServerOptions o = ServerOptions.parse(List.of("--retention-older-than", "30d"));

        RetentionPolicy p = o.retention().toPolicy();
        assertEquals("server", p.name());
        assertEquals(Duration.ofDays(30), p.olderThan());
        assertEquals(Duration.ofHours(1), p.interval());
        assertEquals(200, p.batchSize());
        assertEquals(RetentionPolicy.DEFAULT_STATES, p.states());
        assertTrue(p.topLevelOnly());
    }

    @Test
    void everyRetentionOption() throws Exception {
        ServerOptions o = ServerOptions.parse(List.of("--retention-older-than=PT36H", "--retention-interval", "15m",
                "--retention-batch-size", "50", "--retention-states", "completed, cancelled"));

        RetentionPolicy p = o.retention().toPolicy();
        assertEquals(Duration.ofHours(36), p.olderThan());
        assertEquals(Duration.ofMinutes(15), p.interval());
        assertEquals(50, p.batchSize());
        assertEquals(Set.of(StateType.COMPLETED, StateType.CANCELLED), p.states());
        assertTrue(ServerOptions.USAGE.contains("--retention-older-than"));
    }

    @Test
    void theDefaultBatchFollowsASmallerCap() throws Exception {
        assertEquals(50, ServerOptions.parse(List.of("--bulk-delete-cap", "50", "--retention-older-than", "7d"))
                .retention().batchSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--retention-older-than soon", "--retention-older-than 0s", "--retention-interval 1h",
            "--retention-older-than 30d --retention-states DONE", "--retention-older-than 30d --retention-batch-size 0",
            "--retention-older-than 30d --bulk-delete-cap 50 --retention-batch-size 60"})
    void badRetentionOptionsAreRefusedWithAReason(String line) {
        ServerOptions.UsageException e = assertThrows(ServerOptions.UsageException.class,
                () -> ServerOptions.parse(List.of(line.split(" "))));
        assertTrue(e.getMessage().contains("retention") || e.getMessage().contains("--retention"), e.getMessage());
    }
}
