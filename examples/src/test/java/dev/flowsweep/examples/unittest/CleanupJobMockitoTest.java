package dev.flowsweep.examples.unittest;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.memory.InMemoryStorage;
import dev.flowsweep.model.Flow;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DrainProgressListener;
import dev.flowsweep.spi.FlowsweepStorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/**
 * The same job with Mockito: mock the collaborator you own ({@link CleanupReporter}) and keep Flowsweep real on
 * {@link InMemoryStorage}; mock {@link BulkDeleteService} itself only to simulate what memory cannot, such as a
 * database outage.
 */
@ExtendWith(MockitoExtension.class)
class CleanupJobMockitoTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Mock
    CleanupReporter reporter;

    @Test
    void reportsHowManyRunsWereDeleted() {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            UUID flowId = UUID.randomUUID();
            storage.inTransaction(tx -> {
                tx.flows().insert(new Flow(flowId, "etl"));
                for (int i = 0; i < 3; i++) {
                    tx.flowRuns().insert(FlowRun.builder(flowId).state(StateType.COMPLETED)
                            .endTime(NOW.minus(Duration.ofDays(90))).build());
                }
                return null;
            });
            new CleanupJob(new BulkDeleteService(storage), reporter, CLOCK, Duration.ofDays(30), 2).run();
            verify(reporter).cleaned(3, 0);
            verifyNoMoreInteractions(reporter);
        }
    }

    @Test
    void reportsAStorageOutage() {
        BulkDeleteService service = mock(BulkDeleteService.class);
        when(service.drain(any(FlowRunFilter.class), anyInt(), any(DrainProgressListener.class)))
                .thenThrow(new FlowsweepStorageException("connection refused", null));

        assertEquals(0, new CleanupJob(service, reporter, CLOCK, Duration.ofDays(30), 100).run());

        verify(reporter).failed(contains("connection refused"));
        verifyNoMoreInteractions(reporter);
    }
}
