package dev.flowsweep.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why flow runs were deleted: the operation that deleted them, and for retention the policy's name. Its
 * {@link #toString()} is the audit code: {@code BULK_DELETE}, {@code DELETE_BY_ID}, {@code DRAIN} or
 * {@code RETENTION:<policy>}.
 *
 * @param kind   the operation
 * @param policy the retention policy's name for {@link Kind#RETENTION}, null otherwise
 */
public record DeletionReason(Kind kind, String policy) {
    /** What a retention policy's name may be: 1 to 100 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit. */
    public static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** A {@code BulkDeleteService.bulkDelete} call. */
    public static final DeletionReason BULK_DELETE = new DeletionReason(Kind.BULK_DELETE, null);
    /** A {@code BulkDeleteService.deleteById} call. */
    public static final DeletionReason DELETE_BY_ID = new DeletionReason(Kind.DELETE_BY_ID, null);
    /** A batch of a {@code BulkDeleteService.drain} call. */
    public static final DeletionReason DRAIN = new DeletionReason(Kind.DRAIN, null);

    /** The operations that delete runs. */
    public enum Kind {
        /** {@code BulkDeleteService.bulkDelete}: one bulk delete by filter. */
        BULK_DELETE,
        /** {@code BulkDeleteService.deleteById}: one run by id. */
        DELETE_BY_ID,
        /** One batch of {@code BulkDeleteService.drain}. */
        DRAIN,
        /** One batch of a retention policy's run; the reason names the policy. */
        RETENTION
    }

    public DeletionReason {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.RETENTION) {
            Objects.requireNonNull(policy, "policy");
            if (!POLICY_NAME.matcher(policy).matches()) {
                throw new IllegalArgumentException("a retention policy name must match " + POLICY_NAME + ", was \""
                        + policy + "\"");
            }
        } else if (policy != null) {
            throw new IllegalArgumentException("only a RETENTION reason names a policy");
        }
    }

    /** The reason of the batches of the retention policy {@code policy}. */
    public static DeletionReason retention(String policy) {
        return new DeletionReason(Kind.RETENTION, policy);
    }

    /** {@code BULK_DELETE}, {@code DELETE_BY_ID}, {@code DRAIN} or {@code RETENTION:<policy>}. */
    @Override
    public String toString() {
        return kind == Kind.RETENTION ? "RETENTION:" + policy : kind.name();
    }
}
