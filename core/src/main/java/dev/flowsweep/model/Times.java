package dev.flowsweep.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Time values in Flowsweep are UTC instants truncated to microseconds, on input, in storage and in
 * filter bounds, so that every adapter (Java, H2, PostgreSQL, MariaDB) compares the same values.
 */
public final class Times {
    /** The earliest instant accepted: 0001-01-01T00:00:00Z. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant accepted: 9999-12-31T23:59:59.999999Z. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Times() {
    }

    /**
     * Truncates to microseconds; {@code null} stays {@code null}.
     *
     * @throws IllegalArgumentException when the instant lies outside years 0001–9999
     */
    public static Instant normalize(Instant instant) {
        if (instant == null) {
            return null;
        }
        Instant t = instant.truncatedTo(ChronoUnit.MICROS);
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw new IllegalArgumentException("time " + instant + " is outside years 0001-9999");
        }
        return t;
    }

    /** The current time, truncated to microseconds. */
    public static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
