package dev.flowsweep.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Named, time-limited leases shared by every process that uses the same storage: what keeps two
 * {@code RetentionService}s on one database from running the same policy at once.
 *
 * <p>A lease is one row per name. Times come from the caller (its clock), truncated to microseconds; a lease
 * whose {@code expiresAt} is at or before {@code now} is free. Processes sharing a database should therefore have
 * clocks that agree to well within the lease's time to live. An adapter must make {@link #tryAcquire} atomic
 * against concurrent calls from other transactions: of two racing owners at most one gets the lease, and a call
 * that loses the race returns {@code false} instead of failing (the JDBC adapter runs the insert of a new row in
 * a savepoint and treats a duplicate key as "taken"). Each method is meant to be the only work of its
 * transaction, so that the lease row is committed (and its row lock released) at once.
 *
 * <p>Every adapter must pass the lease contract of flowsweep-storage-testkit ({@code OperationsContract}).
 */
public interface LeaseStore {
    /**
     * Takes or renews the lease {@code name} for {@code owner} until {@code expiresAt}, when nobody else holds it
     * at {@code now}: when there is no such lease, when it is free ({@code expiresAt <= now}), or when
     * {@code owner} already holds it (a renewal, which keeps {@code acquiredAt}).
     *
     * @param name      at most 200 characters
     * @param owner     at most 200 characters
     * @param now       the caller's current time
     * @param expiresAt after {@code now}
     * @return whether {@code owner} holds the lease until {@code expiresAt} now; false when another owner holds it
     */
    boolean tryAcquire(String name, String owner, Instant now, Instant expiresAt);

    /**
     * Releases the lease when {@code owner} holds it (it is then free at once); does nothing when another owner
     * holds it or took it over.
     *
     * @return whether it was {@code owner}'s and is released now
     */
    boolean release(String name, String owner);

    /** The lease as stored, held or expired; empty when there is none by that name. */
    Optional<Lease> find(String name);
}
