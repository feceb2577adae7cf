package dev.flowsweep.memory;

import dev.flowsweep.model.Times;
import dev.flowsweep.spi.Lease;
import dev.flowsweep.spi.LeaseStore;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Leases in a map; the storage's one lock makes each call atomic. */
final class MemoryLeaseStore implements LeaseStore {
    private static final int MAX_LENGTH = 200;

    private final MemoryTransaction tx;

    MemoryLeaseStore(MemoryTransaction tx) {
        this.tx = tx;
    }

    @Override
    public boolean tryAcquire(String name, String owner, Instant now, Instant expiresAt) {
        check(name, "name");
        check(owner, "owner");
        Instant n = Times.normalize(Objects.requireNonNull(now, "now"));
        Instant until = Times.normalize(Objects.requireNonNull(expiresAt, "expiresAt"));
        if (!until.isAfter(n)) {
            throw new IllegalArgumentException("expiresAt " + until + " must be after now " + n);
        }
        Tables t = tx.tables();
        Lease current = t.leases.get(name);
        if (current == null || !current.isHeldAt(n)) {
            t.putLease(new Lease(name, owner, n, until));
            return true;
        }
        if (current.owner().equals(owner)) {
            t.putLease(new Lease(name, owner, current.acquiredAt(), until));
            return true;
        }
        return false;
    }

    @Override
    public boolean release(String name, String owner) {
        check(name, "name");
        check(owner, "owner");
        Tables t = tx.tables();
        Lease current = t.leases.get(name);
        if (current == null || !current.owner().equals(owner)) {
            return false;
        }
        t.removeLease(name);
        return true;
    }

    @Override
    public Optional<Lease> find(String name) {
        check(name, "name");
        return Optional.ofNullable(tx.tables().leases.get(name));
    }

    private static void check(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_LENGTH + " characters long");
        }
    }
}
