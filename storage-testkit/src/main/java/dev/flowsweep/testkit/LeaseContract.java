package dev.flowsweep.testkit;

import dev.flowsweep.spi.Lease;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lease store ({@link dev.flowsweep.spi.LeaseStore}): taking, renewing, expiring, releasing, and owners racing
 * for one lease from two handles on the same data.
 */
public abstract class LeaseContract extends OperationsContractSupport {

    @Test
    void aFreeLeaseIsTakenAndReadBack() {
        Instant t = Fixture.T0.plusNanos(123_456_789);

        assertTrue(acquire(storage, "job", "a", t, Duration.ofMinutes(5)));

        Lease l = lease("job").orElseThrow();
        assertEquals("job", l.name());
        assertEquals("a", l.owner());
        assertEquals(Fixture.T0.plusNanos(123_456_000), l.acquiredAt(), "times are truncated to microseconds");
        assertEquals(Fixture.T0.plusNanos(123_456_000).plus(Duration.ofMinutes(5)), l.expiresAt());
        assertEquals(Optional.empty(), lease("other-job"));
    }

    @Test
    void aHeldLeaseIsRefusedToOthersUntilTheInstantItExpires() {
        Instant t = Fixture.T0;
        Instant expiry = t.plusSeconds(60);
        assertTrue(acquire(storage, "job", "a", t, Duration.ofSeconds(60)));

        assertFalse(acquire(second, "job", "b", t, Duration.ofSeconds(60)));
        assertFalse(acquire(second, "job", "b", expiry.minus(ONE_MICRO), Duration.ofSeconds(60)),
                "one microsecond before expiry the lease is still held");
        assertEquals("a", lease("job").orElseThrow().owner());

        assertTrue(acquire(second, "job", "b", expiry, Duration.ofSeconds(60)), "at its expiry instant it is free");
        Lease l = lease("job").orElseThrow();
        assertEquals("b", l.owner());
        assertEquals(expiry, l.acquiredAt(), "a take-over is a new acquisition");
        assertEquals(expiry.plusSeconds(60), l.expiresAt());
        assertFalse(acquire(storage, "job", "a", expiry, Duration.ofSeconds(60)), "now a is the one refused");
    }

    @Test
    void theOwnerRenewsItsLeaseKeepingWhenItTookIt() {
        Instant t = Fixture.T0;
        assertTrue(acquire(storage, "job", "a", t, Duration.ofSeconds(60)));

        assertTrue(acquire(second, "job", "a", t.plusSeconds(50), Duration.ofSeconds(60)));

        Lease l = lease("job").orElseThrow();
        assertEquals(t, l.acquiredAt());
        assertEquals(t.plusSeconds(110), l.expiresAt());
        assertFalse(acquire(storage, "job", "b", t.plusSeconds(100), Duration.ofSeconds(60)), "renewed past 60 s");
    }

    @Test
    void aRenewalThatChangesNothingStillHoldsTheLease() {
        Instant t = Fixture.T0;
        assertTrue(acquire(storage, "job", "a", t, Duration.ofSeconds(60)));

        assertTrue(acquire(second, "job", "a", t, Duration.ofSeconds(60)), "same owner, same expiry");

        assertEquals(new Lease("job", "a", t, t.plusSeconds(60)), lease("job").orElseThrow());
    }

    @Test
    void anExpiredLeaseRetakenByItsOwnerIsANewAcquisition() {
        Instant t = Fixture.T0;
        assertTrue(acquire(storage, "job", "a", t, Duration.ofSeconds(60)));

        assertTrue(acquire(storage, "job", "a", t.plusSeconds(90), Duration.ofSeconds(60)));

        assertEquals(t.plusSeconds(90), lease("job").orElseThrow().acquiredAt());
    }

    @Test
    void leasesOfDifferentNamesAreIndependent() {
        assertTrue(acquire(storage, "job-1", "a", Fixture.T0, Duration.ofSeconds(60)));
        assertTrue(acquire(second, "job-2", "b", Fixture.T0, Duration.ofSeconds(60)));

        assertEquals("a", lease("job-1").orElseThrow().owner());
        assertEquals("b", lease("job-2").orElseThrow().owner());
    }

    @Test
    void onlyTheOwnerReleasesALeaseAndThenItIsFreeAtOnce() {
        assertTrue(acquire(storage, "job", "a", Fixture.T0, Duration.ofSeconds(60)));

        assertFalse(release(second, "job", "b"));
        assertEquals("a", lease("job").orElseThrow().owner());

        assertTrue(release(storage, "job", "a"));
        assertTrue(acquire(second, "job", "b", Fixture.T0, Duration.ofSeconds(60)));
        assertFalse(release(storage, "job", "a"), "a no longer holds it");
        assertFalse(release(storage, "never-taken", "a"));
    }

    @Test
    void aLeaseTakenInARolledBackTransactionIsNotTaken() {
        assertThrows(IllegalStateException.class, () -> storage.inTransaction(tx -> {
            tx.leases().tryAcquire("job", "a", Fixture.T0, Fixture.T0.plusSeconds(60));
            throw new IllegalStateException("rolled back");
        }));

        assertEquals(Optional.empty(), lease("job"));
        assertTrue(acquire(second, "job", "b", Fixture.T0, Duration.ofSeconds(60)));
    }

    @Test
    void ownersRacingForANewLeaseGetItOnce() throws Exception {
        int owners = 6;
        for (int round = 0; round < 10; round++) {
            String name = "race-" + round;
            List<Boolean> results = race(owners, i -> acquire(i % 2 == 0 ? storage : second, name, "owner-" + i,
                    Fixture.T0, Duration.ofSeconds(60)));
            assertEquals(1, Collections.frequency(results, true), "round " + round + ": " + results);
            String winner = "owner-" + results.indexOf(true);
            assertEquals(winner, lease(name).orElseThrow().owner());
        }
    }

    @Test
    void ownersRacingForAnExpiredLeaseGetItOnce() throws Exception {
        int owners = 6;
        assertTrue(acquire(storage, "race", "crashed", Fixture.T0, Duration.ofSeconds(60)));
        for (int round = 1; round <= 10; round++) {
            Instant at = Fixture.T0.plusSeconds(60L * round);
            List<Boolean> results = race(owners, i -> acquire(i % 2 == 0 ? storage : second, "race",
                    "owner-" + i, at, Duration.ofSeconds(60)));
            assertEquals(1, Collections.frequency(results, true), "round " + round + ": " + results);
        }
    }
}
