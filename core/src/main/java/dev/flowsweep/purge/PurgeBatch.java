package dev.flowsweep.purge;

import java.time.Duration;
import java.util.Objects;

/**
 * What one purge transaction did, as told to a {@link PurgeListener}.
 *
 * @param outcome     how it ended
 * @param runs        deleted runs whose purge it claimed (0 when even the claim failed)
 * @param logsDeleted logs it deleted and committed (0 when it failed: the transaction was rolled back)
 * @param elapsed     how long it took, by the purger's clock; never negative
 * @param error       for {@link Outcome#FAILED}, the error (cut to {@link LogPurger#MAX_ERROR_LENGTH}); otherwise null
 */
public record PurgeBatch(Outcome outcome, int runs, long logsDeleted, Duration elapsed, String error) {
    /** How a purge transaction ended. */
    public enum Outcome {
        /** The claimed runs have no logs left and left the queue. */
        COMPLETED,
        /** The transaction stopped at its row cap; the claimed runs stay queued and the next one continues. */
        MORE_LEFT,
        /** The transaction failed and was rolled back; the runs stay queued and are retried after a backoff. */
        FAILED
    }

    public PurgeBatch {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
