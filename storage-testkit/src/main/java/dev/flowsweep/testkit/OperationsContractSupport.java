package dev.flowsweep.testkit;

import dev.flowsweep.events.DeletionEvent;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionRunListener;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.threeten.extra.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The base of the operations contract classes: {@link #second}, another handle on the same data (see
 * {@link #openSecondStorage}); a clock the tests move; races started together on a latch and awaited with a
 * deadline; and the lease and retention helpers the classes share.
 */
public abstract class OperationsContractSupport extends StorageContractSupport {
    /** Now, for the retention tests: {@link Fixture#T0} plus 60 days. */
    protected static final Instant NOW = Fixture.T0.plus(60, ChronoUnit.DAYS);
    /** How long racing calls may take in all before a test fails. */
    protected static final long DEADLINE_SECONDS = 120;
    /** One microsecond: the precision every storage keeps. */
    protected static final Duration ONE_MICRO = Duration.of(1, ChronoUnit.MICROS);
    /** The retention policy the tests run. */
    protected static final String POLICY = "finished-30d";

    /** The clock of the services the tests build; back at {@link #NOW} before each test. */
    protected final MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
    /** A second handle on the same data, from {@link #openSecondStorage}. */
    protected FlowsweepStorage second;
    private final List<RetentionService> services = new ArrayList<>();

    /**
     * Another storage on the same data as {@code first}, as a second process sharing the database would open it.
     * Default: {@code first} itself.
     */
    protected FlowsweepStorage openSecondStorage(FlowsweepStorage first) {
        return first;
    }

    /** Closes what {@link #openSecondStorage} returned. Default: closes it unless it is {@link #storage}. */
    protected void closeSecondStorage(FlowsweepStorage secondStorage) {
        if (secondStorage != storage) {
            secondStorage.close();
        }
    }

    /** Resets the clock and opens {@link #second}. */
    @BeforeEach
    protected final void openSecond() {
        clock.setInstant(NOW);                // the test instance may be shared by the tests of a class
        second = openSecondStorage(storage);
    }

    /** Closes the retention services a test built, and {@link #second}. */
    @AfterEach
    protected final void closeServicesAndSecond() {
        for (RetentionService s : services) {
            s.close();
        }
        services.clear();
        if (second != null) {
            closeSecondStorage(second);
            second = null;
        }
    }

    // ------------------------------------------------------------------------------------ shared helpers

    /** Takes or renews lease {@code name} for {@code owner} on {@code on}, in a transaction of its own. */
    protected boolean acquire(FlowsweepStorage on, String name, String owner, Instant now, Duration ttl) {
        return on.inTransaction(tx -> tx.leases().tryAcquire(name, owner, now, now.plus(ttl)));
    }

    /** Releases lease {@code name} if {@code owner} holds it. */
    protected static boolean release(FlowsweepStorage on, String name, String owner) {
        return on.inTransaction(tx -> tx.leases().release(name, owner));
    }

    /** The lease {@code name}, read from {@link #storage}. */
    protected Optional<Lease> lease(String name) {
        return fx.tx(tx -> tx.leases().find(name));
    }

    /** Runs {@code n} calls at once (released together by a latch); their results in call order. */
    protected static <T> List<T> race(int n, IndexedCall<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return call.call(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            for (Future<T> f : futures) {
                results.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A call of a {@link #race}, told its index. */
    @FunctionalInterface
    protected interface IndexedCall<T> {
        T call(int index) throws Exception;
    }

    /**
     * A retention service on {@code on} with the tests' clock and one policy, closed after the test; its deletes tell
     * {@code events} (unless null).
     */
    protected RetentionService retention(FlowsweepStorage on, String instanceId, RetentionRunListener listener,
                                       List<DeletionEvent> events, RetentionPolicy policy) {
        BulkDeleteService.Builder deletes = BulkDeleteService.builder(on).clock(clock);
        if (events != null) {
            deletes.deletionListener(e -> {
                synchronized (events) {
                    events.add(e);
                }
            });
        }
        RetentionService s = RetentionService.builder(deletes.build()).policy(policy).clock(clock)
                .instanceId(instanceId).runListener(listener).noOrphanLogSweep().build();
        services.add(s);
        return s;
    }

    /** A retention service running {@link #POLICY}: finished runs older than 30 days, in batches of 4. */
    protected RetentionService retention(FlowsweepStorage on, String instanceId, RetentionRunListener listener) {
        return retention(on, instanceId, listener, null,
                RetentionPolicy.builder(POLICY).olderThan(Duration.ofDays(30)).batchSize(4).build());
    }
}
