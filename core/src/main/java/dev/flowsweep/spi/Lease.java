package dev.flowsweep.spi;

import dev.flowsweep.model.Times;

import java.time.Instant;
import java.util.Objects;

/**
 * A named lease as stored: who holds it and until when. A lease is <em>free</em> at an instant {@code now} when
 * {@code expiresAt <= now} (the expiry instant itself is already free), whoever its last owner was.
 *
 * @param name       the lease's name, e.g. {@code retention:finished-30d}
 * @param owner      the owner that took or last renewed it
 * @param acquiredAt when {@code owner} took it (kept when it renews)
 * @param expiresAt  when it becomes free unless renewed
 */
public record Lease(String name, String owner, Instant acquiredAt, Instant expiresAt) {
    public Lease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        acquiredAt = Times.normalize(Objects.requireNonNull(acquiredAt, "acquiredAt"));
        expiresAt = Times.normalize(Objects.requireNonNull(expiresAt, "expiresAt"));
    }

    /** Whether someone holds it at {@code now}: {@code now} is strictly before {@link #expiresAt()}. */
    public boolean isHeldAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
