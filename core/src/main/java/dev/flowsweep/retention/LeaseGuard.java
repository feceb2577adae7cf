package dev.flowsweep.retention;

import dev.flowsweep.model.Times;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The leases of one {@link RetentionService} ({@link dev.flowsweep.spi.LeaseStore}): acquire a lease for its time to
 * live, renew it before each further batch, release it at the end; each in a transaction of its own, with this
 * service's instance id as the owner. Built {@link #disabled} (a service {@code withoutLease()}), it touches no
 * storage: every acquire and renewal succeeds, and release does nothing.
 */
final class LeaseGuard {
    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    /**
     * The answer to an acquire.
     *
     * @param ok     whether this instance holds the lease now
     * @param holder when not, the lease as stored (null when unknown)
     */
    record Acquired(boolean ok, Lease holder) {
    }

    private final FlowsweepStorage storage;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;
    private final boolean enabled;

    private LeaseGuard(FlowsweepStorage storage, String owner, Duration ttl, Clock clock, boolean enabled) {
        this.storage = storage;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** Leases in {@code storage}, held by {@code owner} for {@code ttl} at a time. */
    static LeaseGuard of(FlowsweepStorage storage, String owner, Duration ttl, Clock clock) {
        return new LeaseGuard(storage, owner, ttl, clock, true);
    }

    /** No leases: for one process only. */
    static LeaseGuard disabled(FlowsweepStorage storage, String owner, Duration ttl, Clock clock) {
        return new LeaseGuard(storage, owner, ttl, clock, false);
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * Checks that the storage has a lease store.
     *
     * @throws IllegalStateException when leases are used and the storage has none
     */
    void checkSupported() {
        if (!enabled) {
            return;
        }
        try {
            storage.inTransaction(tx -> tx.leases());
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("the storage " + storage.describe() + " has no lease store, so "
                    + "retention cannot be kept to one instance at a time; if only one process uses this storage, "
                    + "build the RetentionService withoutLease()", e);
        }
    }

    /** Takes the lease {@code name} from {@code now} for the time to live, unless another instance holds it. */
    Acquired acquire(String name, Instant now) {
        if (!enabled) {
            return new Acquired(true, null);
        }
        Instant expiresAt = now.plus(ttl);
        try {
            return storage.inTransaction(tx -> {
                if (tx.leases().tryAcquire(name, owner, now, expiresAt)) {
                    return new Acquired(true, null);
                }
                return new Acquired(false, tx.leases().find(name).orElse(null));
            });
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException(e.getMessage() + "; build the RetentionService withoutLease() if "
                    + "only this process runs retention on this storage", e);
        }
    }

    /** Renews the lease {@code name} for the time to live from now; false when another instance took it over. */
    boolean renew(String name) {
        if (!enabled) {
            return true;
        }
        Instant now = Times.now(clock);
        Instant expiresAt = now.plus(ttl);
        return storage.inTransaction(tx -> tx.leases().tryAcquire(name, owner, now, expiresAt));
    }

    /** The lease {@code name} as stored; null when there is none or the storage fails. */
    Lease find(String name) {
        try {
            return storage.inTransaction(tx -> tx.leases().find(name).orElse(null));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Releases the lease {@code name}; a failure is logged (the lease then expires after its time to live). */
    void release(String name) {
        if (!enabled) {
            return;
        }
        try {
            storage.inTransaction(tx -> tx.leases().release(name, owner));
        } catch (RuntimeException e) {
            log.warn("could not release the lease {} ({}); it expires within {}", name, Describe.error(e), ttl);
        }
    }

    /** {@code "held by <owner> until <expiry>"}, or {@code "held by another instance"} when unknown. */
    static String heldBy(Lease lease) {
        return lease == null ? "held by another instance"
                : "held by " + lease.owner() + " until " + lease.expiresAt();
    }
}
