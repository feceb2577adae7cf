package dev.flowsweep.examples.boot;

import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.StateType;
import dev.flowsweep.purge.LogPurger;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * This application's own cleanup API around Flowsweep: its request shape, its rule (a cleanup names at least one
 * tag), its caller identity (the {@code X-Actor} header, recorded in the audit lines), and what it answers; and
 * Prefect's own {@code bulk_delete} body, which Spring Boot's JSON mapper reads with Flowsweep's rules (the starter
 * registers them). The beans are the starter's.
 */
@RestController
@RequestMapping("/api")
public class CleanupController {
    private final BulkDeleteService service;
    private final LogPurger purger;
    private final RetentionService retention;

    public CleanupController(BulkDeleteService service, LogPurger purger, RetentionService retention) {
        this.service = service;
        this.purger = purger;
        this.retention = retention;
    }

    /**
     * A cleanup: the runs with all of {@code tags}, in one of {@code states} (none: any), that ended at or
     * before {@code endedBefore} (none: any time), at most {@code limit} (none: the service's cap).
     */
    public record CleanupRequest(List<String> tags, List<StateType> states, Instant endedBefore, Integer limit) {
    }

    /** What a cleanup deleted (or, for a preview, would delete). */
    public record CleanupResponse(List<UUID> deleted, int releasedSlots) {
    }

    /** The purge queue: queued log purges, failed ones, and how long the oldest has waited. */
    public record PurgeQueue(long pending, long failed, Duration oldestPendingAge) {
    }

    /** What one run of a retention policy did. */
    public record RetentionRunResponse(String policy, RetentionRun.Outcome outcome, long deleted, int batches,
                                       Duration elapsed) {
    }

    @PostMapping("/cleanup")
    public CleanupResponse cleanup(@RequestBody CleanupRequest request,
                                   @RequestHeader(name = "X-Actor", required = false) String actor) {
        BulkDeleteResult result = service.bulkDelete(toBulkDelete(request).withActor(actor));
        return new CleanupResponse(result.deleted(), result.totalReleasedSlots());
    }

    /**
     * Prefect's {@code POST /flow_runs/bulk_delete}: the body is a {@link BulkDeleteRequest} ({@code flow_runs},
     * {@code limit}, {@code actor}) read strictly, the answer a {@link BulkDeleteResult} ({@code {"deleted": [...]}});
     * a bad body is a 422 naming each problem ({@link ApiErrors}).
     */
    @PostMapping("/flow_runs/bulk_delete")
    public BulkDeleteResult bulkDelete(@RequestBody BulkDeleteRequest request,
                                       @RequestHeader(name = "X-Actor", required = false) String actor) {
        return service.bulkDelete(actor == null ? request : request.withActor(actor));
    }

    @PostMapping("/cleanup/preview")
    public CleanupResponse preview(@RequestBody CleanupRequest request) {
        return new CleanupResponse(service.dryRun(toBulkDelete(request)), 0);
    }

    @GetMapping("/purge-queue")
    public PurgeQueue purgeQueue() {
        return new PurgeQueue(purger.pendingCount(), purger.failedCount(),
                purger.oldestPendingAge().orElse(Duration.ZERO));
    }

    @PostMapping("/retention/{policy}/run")
    public RetentionRunResponse runRetention(@PathVariable("policy") String policy) {
        RetentionRun run = retention.runNow(policy);
        return new RetentionRunResponse(run.policy(), run.outcome(), run.deleted(), run.batches(), run.elapsed());
    }

    private static BulkDeleteRequest toBulkDelete(CleanupRequest request) {
        if (request.tags() == null || request.tags().isEmpty()) {
            throw new IllegalArgumentException("a cleanup names at least one tag");
        }
        FlowRunFilter.Builder filter = FlowRunFilter.builder().tagsAll(request.tags().toArray(String[]::new));
        if (request.states() != null && !request.states().isEmpty()) {
            filter.stateTypeAny(request.states().toArray(StateType[]::new));
        }
        if (request.endedBefore() != null) {
            filter.endTimeBefore(request.endedBefore());
        }
        return new BulkDeleteRequest(filter.build(), request.limit(), null);
    }
}
