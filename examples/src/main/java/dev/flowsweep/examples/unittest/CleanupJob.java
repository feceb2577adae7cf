package dev.flowsweep.examples.unittest;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.StateType;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DrainProgressListener;
import dev.flowsweep.service.DrainResult;
import dev.flowsweep.spi.FlowsweepStorageException;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An example of <em>your</em> orchestration code: a nightly job that deletes finished runs older than a retention
 * period, batch by batch, and reports the outcome. It only talks to {@link BulkDeleteService}, so it can be tested
 * against {@code InMemoryStorage} in milliseconds (see {@code CleanupJobTest}) — no database, no server.
 */
public final class CleanupJob {
    private final BulkDeleteService service;
    private final CleanupReporter reporter;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;

    public CleanupJob(BulkDeleteService service, CleanupReporter reporter, Clock clock, Duration retention,
                      int batchSize) {
        this.service = Objects.requireNonNull(service, "service");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.batchSize = batchSize;
    }

    /** Which runs the job deletes: finished (COMPLETED, FAILED, CANCELLED, CRASHED) and ended before the cutoff. */
    public FlowRunFilter filter() {
        return FlowRunFilter.builder()
                .stateTypeAny(StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED, StateType.CRASHED)
                .endTimeBefore(clock.instant().minus(retention))
                .build();
    }

    /** Runs once; returns how many runs were deleted (0 when it failed, after reporting the failure). */
    public long run() {
        try {
            DrainResult result = service.drain(filter(), batchSize, DrainProgressListener.NONE);
            int slots = result.releasedSlots().values().stream().mapToInt(Integer::intValue).sum();
            reporter.cleaned(result.deleted(), slots);
            return result.deleted();
        } catch (FlowsweepStorageException e) {
            reporter.failed(e.getMessage());
            return 0;
        }
    }
}
