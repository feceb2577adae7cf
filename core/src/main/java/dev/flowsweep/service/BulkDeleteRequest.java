package dev.flowsweep.service;

import dev.flowsweep.filter.FlowRunFilter;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * A bulk delete: which runs ({@code filter}, null = every run), at most how many ({@code limit}, null = the
 * service's cap), who asks ({@code actor}, optional, for auditing), and whether the deleted rows are archived first
 * ({@code archive}, default false; docs/CONTRACT.md, "Archive").
 *
 * <p>The annotations state the bounds that hold whatever the service ({@code limit} at least 1, {@code actor} at most
 * {@value #MAX_ACTOR_LENGTH} characters), for a host's own validator and for JSON binding. The upper bound of
 * {@code limit} is the service's cap, a setting of each {@link BulkDeleteService}: {@link #validate(int)} checks
 * both against it.
 */
public record BulkDeleteRequest(FlowRunFilter filter, @Min(1) Integer limit,
                                @Size(max = BulkDeleteRequest.MAX_ACTOR_LENGTH,
                                        message = "actor must be at most {max} characters long") String actor,
                                boolean archive) {
    /** The longest {@code actor} accepted, in UTF-16 characters: {@value}. */
    public static final int MAX_ACTOR_LENGTH = 255;

    /** A request that does not archive. */
    public BulkDeleteRequest(FlowRunFilter filter, Integer limit, String actor) {
        this(filter, limit, actor, false);
    }

    /**
     * A request from its parts as a JSON body gives them, {@code archive} null meaning false: for the JSON bindings
     * (flowsweep-json), where {@code "archive"} is Flowsweep's extension of Prefect's body.
     */
    public static BulkDeleteRequest fromParts(FlowRunFilter filter, Integer limit, String actor, Boolean archive) {
        return new BulkDeleteRequest(filter, limit, actor, Boolean.TRUE.equals(archive));
    }

    public static BulkDeleteRequest of(FlowRunFilter filter) {
        return new BulkDeleteRequest(filter, null, null);
    }

    public static BulkDeleteRequest of(FlowRunFilter filter, int limit) {
        return new BulkDeleteRequest(filter, limit, null);
    }

    public BulkDeleteRequest withActor(String actor) {
        return new BulkDeleteRequest(filter, limit, actor, archive);
    }

    /**
     * This request, archiving (or not) the runs it deletes, their task runs (and on Prefect's layout their states) in
     * its transaction, and their logs when the purge deletes them (docs/CONTRACT.md, "Archive").
     */
    public BulkDeleteRequest withArchive(boolean archive) {
        return new BulkDeleteRequest(filter, limit, actor, archive);
    }

    /**
     * Checks this request as a service with this cap does before it touches storage: {@code limit} null or
     * 1..{@code limitCap}, {@code actor} null or at most {@value #MAX_ACTOR_LENGTH} characters. For a host that wants
     * the error before it opens a database (the command line does).
     *
     * @param limitCap the service's cap, at least 1 ({@link BulkDeleteService#DEFAULT_LIMIT_CAP} by default)
     * @throws ConstraintViolationException whose violations name {@code actor} and/or {@code limit} (in that order),
     *                                      with messages such as {@code "limit must be between 1 and 200, was 201"}
     * @throws IllegalArgumentException     when {@code limitCap} is less than 1
     */
    public void validate(int limitCap) {
        Checks.request(this, limitCap);
    }
}
