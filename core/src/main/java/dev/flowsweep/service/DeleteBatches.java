package dev.flowsweep.service;

import dev.flowsweep.batch.BatchLoop;
import dev.flowsweep.events.DeletionReason;
import dev.flowsweep.filter.Criterion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The bulk deletes of a run of batches — a drain, a retention policy's run — each one transaction as
 * {@link BulkDeleteService#bulkDelete(BulkDeleteRequest, DeletionReason)}, that walk down the ids: after a full batch
 * the next one looks only below the smallest id it deleted ({@link Criterion.IdBelow}), so that no batch passes again
 * the runs above, which did not match (on a large table those are most of the cost: PostgreSQL re-read 200,000 of
 * them for every batch of a 1,000,000-run retention run, docs/BENCHMARKS.md).
 *
 * <p>Runs that start to match above the walk while it goes on are not lost: when a batch below the walk comes back
 * short, a batch over every run follows at once, in the same step of the loop (its size is the two added up, and may
 * pass the batch size), and the walk starts again from the top when that one is full. So the run of batches ends,
 * as without the walk, only when a batch that looked at every run came back short.
 *
 * <p>Not thread-safe: one object per run of batches, on the running thread.
 */
public final class DeleteBatches {
    private final BulkDeleteService service;
    private final Criterion criterion;
    private final int limit;
    private final String actor;
    private final DeletionReason reason;
    private final boolean archive;
    /** Where the walk goes on: below this id; null = from the top. */
    private UUID below;

    DeleteBatches(BulkDeleteService service, Criterion criterion, int limit, String actor, DeletionReason reason,
                  boolean archive) {
        this.service = service;
        this.criterion = criterion;
        this.limit = limit;
        this.actor = actor;
        this.reason = reason;
        this.archive = archive;
    }

    /**
     * The batches of {@code request} (its limit is the batch size), reported to the deletion listeners with
     * {@code reason}.
     *
     * @throws jakarta.validation.ConstraintViolationException as {@link BulkDeleteService#bulkDelete(BulkDeleteRequest)}
     * @throws IllegalArgumentException                        as {@link BulkDeleteService#bulkDelete(BulkDeleteRequest)}
     */
    public static DeleteBatches of(BulkDeleteService service, BulkDeleteRequest request, DeletionReason reason) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(reason, "reason");
        service.check(request);
        return new DeleteBatches(service, BulkDeleteService.criterionOf(request.filter()), service.limitOf(request),
                request.actor(), reason, request.archive());
    }

    /**
     * Deletes the next batch, in one transaction.
     *
     * @throws dev.flowsweep.spi.FlowsweepStorageException when the storage fails (after the transient retries);
     *                                                      that batch changed nothing
     */
    public BatchLoop.Step next() {
        if (below == null) {
            return fromTheTop(null);
        }
        BulkDeleteResult walked = delete(below(below));
        if (walked.deleted().size() == limit) {
            below = smallest(walked.deleted());
            return new BatchLoop.Step(walked.deleted().size(), walked.releasedSlots());
        }
        return fromTheTop(walked);
    }

    /** A batch over every run; after {@code walked} (a short batch below the walk, or null), counted with it. */
    private BatchLoop.Step fromTheTop(BulkDeleteResult walked) {
        BulkDeleteResult all = delete(criterion);
        below = all.deleted().size() == limit ? smallest(all.deleted()) : null;
        if (walked == null || walked.deleted().isEmpty()) {
            return new BatchLoop.Step(all.deleted().size(), all.releasedSlots());
        }
        Map<UUID, Integer> released = new HashMap<>(walked.releasedSlots());
        all.releasedSlots().forEach((limitId, n) -> released.merge(limitId, n, Integer::sum));
        return new BatchLoop.Step(walked.deleted().size() + all.deleted().size(), released);
    }

    /** The criterion and {@code id < below}, one more child of a top-level {@code And}. */
    private Criterion below(UUID id) {
        Criterion bound = new Criterion.IdBelow(id);
        if (criterion == null) {
            return bound;
        }
        List<Criterion> children = new ArrayList<>();
        if (criterion instanceof Criterion.And and) {
            children.addAll(and.children());
        } else {
            children.add(criterion);
        }
        children.add(bound);
        return new Criterion.And(children);
    }

    private BulkDeleteResult delete(Criterion c) {
        return service.deleteMatching(c, limit, actor, reason, archive);
    }

    /** The ids come in {@code ID_DESC} order: the last is the smallest. */
    private static UUID smallest(List<UUID> idsDescending) {
        return idsDescending.get(idsDescending.size() - 1);
    }
}
