package dev.flowsweep.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * One archive batch: the rows one deleting transaction archived, with why and by whom (docs/CONTRACT.md, "Archive").
 * A retried transaction keeps its batch id; a rolled-back one leaves no row of it.
 *
 * @param id     the batch id, new for every deleting transaction
 * @param reason the deletion reason's audit code ({@code BULK_DELETE}, {@code DELETE_BY_ID}, {@code DRAIN},
 *               {@code RETENTION:<policy>}), at most {@value #MAX_REASON_LENGTH} characters
 * @param actor  who asked, nullable, at most 255 characters
 */
public record ArchiveBatch(UUID id, String reason, String actor) {
    /** The longest reason kept: {@value} characters ({@code RETENTION:} and a 100-character policy name fit). */
    public static final int MAX_REASON_LENGTH = 120;

    public ArchiveBatch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        if (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("an archive reason is 1 to " + MAX_REASON_LENGTH
                    + " characters long, was " + reason.length());
        }
    }

    /** A batch with a new random id. */
    public static ArchiveBatch create(String reason, String actor) {
        return new ArchiveBatch(UUID.randomUUID(), reason, actor);
    }
}
