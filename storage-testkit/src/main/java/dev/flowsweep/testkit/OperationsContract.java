package dev.flowsweep.testkit;

import dev.flowsweep.events.DeletionEvent;
import dev.flowsweep.filter.FlowRunFilter;
import dev.flowsweep.model.FlowRun;
import dev.flowsweep.model.Log;
import dev.flowsweep.model.StateType;
import dev.flowsweep.model.TaskRun;
import dev.flowsweep.retention.OrphanLogSweep;
import dev.flowsweep.retention.RetentionPolicy;
import dev.flowsweep.retention.RetentionPreview;
import dev.flowsweep.retention.RetentionRun;
import dev.flowsweep.retention.RetentionRunListener;
import dev.flowsweep.retention.RetentionService;
import dev.flowsweep.service.BulkDeleteRequest;
import dev.flowsweep.service.BulkDeleteResult;
import dev.flowsweep.service.BulkDeleteService;
import dev.flowsweep.service.DrainProgress;
import dev.flowsweep.spi.FlowsweepStorage;
import dev.flowsweep.spi.FlowsweepStorageException;
import dev.flowsweep.spi.Lease;
import dev.flowsweep.spi.TransactionCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations built on the storage: the lease store ({@link dev.flowsweep.spi.LeaseStore}), the orphaned-log
 * sweep ({@link dev.flowsweep.spi.LogStore#deleteOrphans}), retention policies run by the real
 * {@link RetentionService}, and deletion events of the real {@link BulkDeleteService}.
 *
 * <p>"Two instances on one database" is played by two services on {@link #storage} and on the storage that
 * {@link #openSecondStorage} returns: by default the same object (an in-memory storage is one process's data);
 * a JDBC adapter returns a second storage on the same database, as a second process would open it. Races start
 * together on a latch and are awaited with a deadline; time is a clock the tests move.
 */
public abstract class OperationsContract extends StorageContractSupport {
    /** Now, for the retention tests: {@link Fixture#T0} plus 60 days. */
    protected static final Instant NOW = Fixture.T0.plus(60, ChronoUnit.DAYS);
    /** How long racing calls may take in all before a test fails. */
    protected static final long DEADLINE_SECONDS = 120;
    private static final Duration ONE_MICRO = Duration.of(1, ChronoUnit.MICROS);
    private static final String POLICY = "finished-30d";

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
        clock.setInstant(NOW);                       // the test instance may be shared by the tests of a class
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

    // =============================================================================================== leases

    private boolean acquire(FlowsweepStorage on, String name, String owner, Instant now, Duration ttl) {
        return on.inTransaction(tx -> tx.leases().tryAcquire(name, owner, now, now.plus(ttl)));
    }

    private static boolean release(FlowsweepStorage on, String name, String owner) {
        return on.inTransaction(tx -> tx.leases().release(name, owner));
    }

    private Optional<Lease> lease(String name) {
        return fx.tx(tx -> tx.leases().find(name));
    }

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

    /** Runs {@code n} calls at once (released together by a latch); their results in call order. */
    private static <T> List<T> race(int n, IndexedCall<T> call) throws Exception {
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

    @FunctionalInterface
    private interface IndexedCall<T> {
        T call(int index) throws Exception;
    }

    // =============================================================================================== orphaned logs

    private List<Log> logsAt(UUID flowRunId, Instant... timestamps) {
        List<Log> logs = new ArrayList<>();
        for (Instant t : timestamps) {
            logs.add(new Log(UUID.randomUUID(), "flowsweep.test", 20, "line", t, flowRunId, null));
        }
        fx.tx(tx -> {
            tx.logs().insert(logs);
            return null;
        });
        return logs;
    }

    private int deleteOrphans(Instant loggedBefore, int maxRows) {
        return fx.tx(tx -> tx.logs().deleteOrphans(loggedBefore, maxRows));
    }

    private Set<UUID> remainingLogIds() {
        Set<UUID> ids = new HashSet<>();
        for (Log l : fx.tx(tx -> tx.logs().find(null, 100_000, 0))) {
            ids.add(l.id());
        }
        return ids;
    }

    private static Set<UUID> logIds(List<Log> logs) {
        Set<UUID> ids = new HashSet<>();
        for (Log l : logs) {
            ids.add(l.id());
        }
        return ids;
    }

    @Test
    void orphanedLogsAreDeletedAndEveryOtherLogIsKept() {
        FlowRun alive = fx.run("alive", b -> b.state(StateType.RUNNING));
        List<Log> ofAlive = fx.logs(alive.id(), 3);
        List<Log> ofNoRun = fx.logs(null, 2);
        List<Log> orphans = fx.logs(UUID.randomUUID(), 4);
        orphans.addAll(fx.logs(UUID.randomUUID(), 1));

        int deleted = deleteOrphans(null, 100);

        assertEquals(5, deleted);
        Set<UUID> expected = logIds(ofAlive);
        expected.addAll(logIds(ofNoRun));
        assertEquals(expected, remainingLogIds());
    }

    @Test
    void orphanedLogsAreSweptOnlyWhenLoggedStrictlyBeforeTheBound() {
        Instant bound = Fixture.T0.plusSeconds(3600);
        UUID gone = UUID.randomUUID();
        List<Log> old = logsAt(gone, Fixture.T0, bound.minus(ONE_MICRO));
        List<Log> recent = logsAt(gone, bound, bound.plusSeconds(1));

        assertEquals(2, deleteOrphans(bound, 100));

        assertEquals(logIds(recent), remainingLogIds());
        assertTrue(Collections.disjoint(logIds(old), remainingLogIds()));
    }

    @Test
    void anOrphanSweepDeletesAtMostMaxRowsPerCall() {
        fx.logs(UUID.randomUUID(), 15);
        fx.logs(UUID.randomUUID(), 10);

        assertEquals(10, deleteOrphans(null, 10));
        assertEquals(10, deleteOrphans(null, 10));
        assertEquals(5, deleteOrphans(null, 10));
        assertEquals(0, deleteOrphans(null, 10));
        assertEquals(0, fx.countLogs(null));
    }

    @Test
    void logsWrittenAfterTheirRunWasDeletedAreSweptByTheRetentionService() {
        FlowRun run = fx.run("doomed", b -> b.state(StateType.COMPLETED));
        FlowRun alive = fx.run("alive", b -> b.state(StateType.RUNNING));
        new BulkDeleteService(storage).deleteById(run.id());
        List<Log> late = logsAt(run.id(), NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(3)));
        List<Log> tooRecent = logsAt(run.id(), NOW.minus(Duration.ofMinutes(5)));
        List<Log> ofAlive = logsAt(alive.id(), NOW.minus(Duration.ofDays(3)));

        RetentionService retention = retention(storage, "instance-a", RetentionRunListener.NONE);
        OrphanLogSweep sweep = retention.sweepOrphanLogs();

        assertEquals(RetentionRun.Outcome.COMPLETED, sweep.outcome());
        assertEquals(2, sweep.deleted());
        assertEquals(NOW.minus(RetentionService.DEFAULT_ORPHAN_LOG_GRACE), sweep.loggedBefore());
        Set<UUID> expected = logIds(tooRecent);
        expected.addAll(logIds(ofAlive));
        assertEquals(expected, remainingLogIds());
        assertTrue(Collections.disjoint(logIds(late), remainingLogIds()));
        assertEquals(Optional.empty(), lease(RetentionService.ORPHAN_LOG_LEASE), "released");
    }

    // =============================================================================================== retention

    /** The runs of the retention scenario: which ones the policy must delete, and which ones it must keep. */
    private record Scenario(List<FlowRun> doomed, List<FlowRun> kept, TaskRun taskOfDoomed, List<Log> logsOfDoomed) {
        Set<UUID> doomedIds() {
            return new HashSet<>(Fixture.ids(doomed));
        }
    }

    /** With {@code extraOld} more old finished runs to delete. */
    private Scenario scenario(int extraOld) {
        Instant cutoff = NOW.minus(Duration.ofDays(30));
        Instant old = NOW.minus(Duration.ofDays(45));
        List<FlowRun> doomed = new ArrayList<>();
        List<FlowRun> kept = new ArrayList<>();
        for (StateType s : List.of(StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED, StateType.CRASHED)) {
            doomed.add(fx.run("old-" + s, b -> b.state(s).startTime(old.minusSeconds(60)).endTime(old)));
        }
        doomed.add(fx.run("just-before-cutoff", b -> b.state(StateType.COMPLETED).endTime(cutoff.minus(ONE_MICRO))));
        for (int i = 0; i < extraOld; i++) {
            doomed.add(fx.run("old-" + i, b -> b.state(StateType.COMPLETED).endTime(old.plusSeconds(1))));
        }

        kept.add(fx.run("ended-at-cutoff", b -> b.state(StateType.COMPLETED).endTime(cutoff)));
        kept.add(fx.run("recent", b -> b.state(StateType.COMPLETED).endTime(NOW.minus(Duration.ofDays(1)))));
        kept.add(fx.run("old-running", b -> b.state(StateType.RUNNING).startTime(old)));
        kept.add(fx.run("old-pending", b -> b.state(StateType.PENDING).expectedStartTime(old)));
        kept.add(fx.run("old-scheduled", b -> b.state(StateType.SCHEDULED).expectedStartTime(old)));
        kept.add(fx.run("old-paused-with-end", b -> b.state(StateType.PAUSED).endTime(old)));
        kept.add(fx.run("old-cancelling-with-end", b -> b.state(StateType.CANCELLING).endTime(old)));
        kept.add(fx.run("old-without-state", b -> b.endTime(old)));
        kept.add(fx.run("completed-without-end", b -> b.state(StateType.COMPLETED).startTime(old)));
        FlowRun parent = fx.run("parent", b -> b.state(StateType.RUNNING));
        kept.add(parent);
        TaskRun parentTask = fx.taskRun(parent);
        kept.add(fx.run("old-subflow", b -> b.state(StateType.COMPLETED).endTime(old).parentTaskRunId(parentTask.id())));

        TaskRun taskOfDoomed = fx.taskRun(doomed.get(0));
        List<Log> logs = fx.logs(doomed.get(0).id(), 3);
        return new Scenario(doomed, kept, taskOfDoomed, logs);
    }

    private RetentionService retention(FlowsweepStorage on, String instanceId, RetentionRunListener listener,
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

    private RetentionService retention(FlowsweepStorage on, String instanceId, RetentionRunListener listener) {
        return retention(on, instanceId, listener, null,
                RetentionPolicy.builder(POLICY).olderThan(Duration.ofDays(30)).batchSize(4).build());
    }

    @Test
    void aPolicyDeletesExactlyTheOldFinishedTopLevelRunsInBatches() {
        Scenario sc = scenario(6);                              // 11 runs to delete: batches of 4, 4, 3
        List<DeletionEvent> events = new ArrayList<>();
        RetentionService retention = retention(storage, "instance-a", RetentionRunListener.NONE, events,
                RetentionPolicy.builder(POLICY).olderThan(Duration.ofDays(30)).batchSize(4).build());

        RetentionRun run = retention.runNow(POLICY);

        assertEquals(RetentionRun.Outcome.COMPLETED, run.outcome(), String.valueOf(run.message()));
        Set<UUID> remaining = new HashSet<>(fx.allRunIds());
        for (FlowRun r : sc.doomed()) {
            assertFalse(remaining.contains(r.id()), r.name() + " should be deleted");
        }
        assertEquals(new HashSet<>(Fixture.ids(sc.kept())), remaining, "exactly the kept runs remain: "
                + fx.describe(remaining));
        assertEquals(11, run.deleted());
        assertEquals(3, run.batches());
        assertEquals(NOW.minus(Duration.ofDays(30)), run.cutoff());

        assertEquals(List.of(4, 4, 3), events.stream().map(e -> e.runIds().size()).toList());
        Set<UUID> reported = new HashSet<>();
        for (DeletionEvent e : events) {
            assertEquals("RETENTION:" + POLICY, e.reason().toString());
            assertEquals(RetentionService.DEFAULT_ACTOR, e.actor());
            reported.addAll(e.runIds());
        }
        assertEquals(sc.doomedIds(), reported);

        assertEquals(Optional.empty(), fx.findTaskRun(sc.taskOfDoomed().id()), "task runs cascade");
        assertEquals(11, fx.tx(tx -> tx.purgeQueue().stats()).pending(), "a log purge is queued per deleted run");
        assertEquals(Optional.empty(), lease(RetentionService.LEASE_PREFIX + POLICY), "the lease is released");

        RetentionRun again = retention.runNow(POLICY);
        assertEquals(0, again.deleted());
        assertEquals(1, again.batches());
    }

    @Test
    void aDryRunChangesNothingAndCountsWhatTheRunThenDeletes() {
        Scenario sc = scenario(9);                              // 14 runs: batches of 4, 4, 4, 2
        List<DeletionEvent> events = new ArrayList<>();
        RetentionService retention = retention(storage, "instance-a", RetentionRunListener.NONE, events,
                RetentionPolicy.builder(POLICY).olderThan(Duration.ofDays(30)).batchSize(4).build());
        long before = fx.countRuns();

        RetentionPreview preview = retention.dryRun(POLICY, 4);

        assertEquals(before, fx.countRuns());
        assertEquals(14, preview.matching());
        assertEquals(4, preview.batches());
        assertEquals(sc.logsOfDoomed().size(), fx.countLogs(List.of(sc.doomed().get(0).id())));
        assertEquals(0, fx.tx(tx -> tx.purgeQueue().stats()).pending());

        RetentionRun run = retention.runNow(POLICY);

        assertEquals(preview.matching(), run.deleted());
        assertEquals(preview.batches(), run.batches());
        assertEquals(preview.firstIds(), events.get(0).runIds(), "the first batch deletes the ids the preview listed");
    }

    @Test
    void twoServicesOnOneDatabaseNeverRunAPolicyAtOnce() {
        scenario(6);
        List<RetentionRun> seenByB = new ArrayList<>();
        RetentionService[] b = new RetentionService[1];
        RetentionService a = retention(storage, "instance-a", new RetentionRunListener() {
            @Override
            public void onBatch(RetentionPolicy policy, DrainProgress progress) {
                seenByB.add(b[0].runNow(POLICY));                // while a is between two batches
            }
        });
        b[0] = retention(second, "instance-b", RetentionRunListener.NONE);

        RetentionRun runA = a.runNow(POLICY);

        assertEquals(RetentionRun.Outcome.COMPLETED, runA.outcome());
        assertEquals(11, runA.deleted());
        assertEquals(3, seenByB.size());
        for (RetentionRun r : seenByB) {
            assertEquals(RetentionRun.Outcome.SKIPPED_LEASE_HELD, r.outcome());
            assertTrue(r.message().contains("instance-a"), r.message());
            assertEquals(0, r.deleted());
        }

        // Once a is done, b runs the policy itself.
        FlowRun later = fx.run("old-later", x -> x.state(StateType.FAILED).endTime(NOW.minus(Duration.ofDays(40))));
        RetentionRun runB = b[0].runNow(POLICY);
        assertEquals(RetentionRun.Outcome.COMPLETED, runB.outcome());
        assertEquals(1, runB.deleted());
        assertFalse(fx.exists(later.id()));
    }

    @Test
    void aLeaseLeftByACrashedInstanceIsTakenOverWhenItExpires() {
        scenario(0);
        String leaseName = RetentionService.LEASE_PREFIX + POLICY;
        assertTrue(acquire(second, leaseName, "crashed-instance", NOW, RetentionService.DEFAULT_LEASE_TTL));
        RetentionService a = retention(storage, "instance-a", RetentionRunListener.NONE);

        RetentionRun skipped = a.runNow(POLICY);
        clock.add(RetentionService.DEFAULT_LEASE_TTL);
        RetentionRun taken = a.runNow(POLICY);

        assertEquals(RetentionRun.Outcome.SKIPPED_LEASE_HELD, skipped.outcome());
        assertTrue(skipped.message().contains("crashed-instance"), skipped.message());
        assertEquals(RetentionRun.Outcome.COMPLETED, taken.outcome());
        assertEquals(6, taken.deleted(), "the 5 old runs, and the one that ended at the first cutoff: 5 min later "
                + "it ended strictly before the cutoff");
    }

    @Test
    void aRunWhoseLeaseWasTakenOverStopsAfterItsBatch() {
        scenario(6);
        String leaseName = RetentionService.LEASE_PREFIX + POLICY;
        RetentionService a = retention(storage, "instance-a", new RetentionRunListener() {
            @Override
            public void onBatch(RetentionPolicy policy, DrainProgress progress) {
                if (progress.batches() == 1) {
                    // a stalls past its lease; another instance takes the expired lease over.
                    clock.add(RetentionService.DEFAULT_LEASE_TTL);
                    assertTrue(acquire(second, leaseName, "instance-b", clock.instant(), Duration.ofMinutes(5)));
                }
            }
        });

        RetentionRun run = a.runNow(POLICY);

        assertEquals(RetentionRun.Outcome.LEASE_LOST, run.outcome());
        assertEquals(1, run.batches());
        assertEquals(4, run.deleted());
        assertEquals("instance-b", lease(leaseName).orElseThrow().owner(), "a does not release b's lease");
    }

    @Test
    void servicesRacingOnOneDatabaseRunEachPolicyOnceAtATime() throws Exception {
        int oldRuns = 120;
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < oldRuns; i++) {
            runs.add(fx.newRun().name("old-" + i).state(StateType.COMPLETED)
                    .endTime(NOW.minus(Duration.ofDays(31)).plusSeconds(i)).build());
        }
        fx.insertAll(runs);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ThreadLocal<Boolean> started = ThreadLocal.withInitial(() -> false);
        // Both calls of one run come on its thread: started after the lease is taken, finished before it is released.
        RetentionRunListener probe = new RetentionRunListener() {
            @Override
            public void onRunStarted(RetentionPolicy policy, Instant cutoff) {
                started.set(true);
                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            }

            @Override
            public void onRunFinished(RetentionRun run) {
                if (started.get()) {
                    started.set(false);
                    inside.decrementAndGet();
                }
            }
        };
        RetentionPolicy policy = RetentionPolicy.builder(POLICY).olderThan(Duration.ofDays(30)).batchSize(3).build();
        List<DeletionEvent> events = new ArrayList<>();
        RetentionService a = retention(storage, "instance-a", probe, events, policy);
        RetentionService b = retention(second, "instance-b", probe, events, policy);
        int threads = 6;
        int callsPerThread = 8;

        List<List<RetentionRun>> results = race(threads, i -> {
            List<RetentionRun> mine = new ArrayList<>();
            for (int c = 0; c < callsPerThread; c++) {
                mine.add((i % 2 == 0 ? a : b).runNow(POLICY));
            }
            return mine;
        });

        assertEquals(1, mostInside.get(), "two runs of the policy overlapped");
        long deleted = 0;
        for (List<RetentionRun> mine : results) {
            for (RetentionRun r : mine) {
                assertNotEquals(RetentionRun.Outcome.FAILED, r.outcome(), String.valueOf(r.message()));
                assertNotEquals(RetentionRun.Outcome.LEASE_LOST, r.outcome());
                deleted += r.deleted();
            }
        }
        assertEquals(oldRuns, deleted);
        assertEquals(0, fx.countRuns());
        Set<UUID> reported = new HashSet<>();
        int total = 0;
        for (DeletionEvent e : events) {
            reported.addAll(e.runIds());
            total += e.runIds().size();
        }
        assertEquals(oldRuns, total, "each deleted run is reported by exactly one event");
        assertEquals(new HashSet<>(Fixture.ids(runs)), reported);
    }

    // =============================================================================================== events

    @Test
    void racingDeletesTellEachCommittedDeletionOnceWithWhatTheCallReturned() throws Exception {
        int runCount = 300;
        List<FlowRun> runs = new ArrayList<>();
        for (int i = 0; i < runCount; i++) {
            runs.add(fx.newRun().name("r" + i).state(StateType.COMPLETED).tags(i % 2 == 0 ? "even" : "odd").build());
        }
        fx.insertAll(runs);
        List<DeletionEvent> events = Collections.synchronizedList(new ArrayList<>());
        BulkDeleteService one = BulkDeleteService.builder(storage).clock(clock).deletionListener(events::add).build();
        BulkDeleteService two = BulkDeleteService.builder(second).clock(clock).deletionListener(events::add).build();
        FlowRunFilter even = FlowRunFilter.builder().tagsAll("even").build();

        List<List<BulkDeleteResult>> results = race(6, i -> {
            List<BulkDeleteResult> mine = new ArrayList<>();
            BulkDeleteService s = i % 2 == 0 ? one : two;
            for (int c = 0; c < 12; c++) {
                mine.add(s.bulkDelete(new BulkDeleteRequest(c % 3 == 0 ? null : even, 7, "thread-" + i)));
            }
            return mine;
        });

        List<List<UUID>> nonEmptyResults = new ArrayList<>();
        for (List<BulkDeleteResult> mine : results) {
            for (BulkDeleteResult r : mine) {
                if (!r.deleted().isEmpty()) {
                    nonEmptyResults.add(r.deleted());
                }
            }
        }
        List<List<UUID>> eventIds = new ArrayList<>();
        Set<UUID> reported = new HashSet<>();
        int total = 0;
        for (DeletionEvent e : events) {
            eventIds.add(e.runIds());
            reported.addAll(e.runIds());
            total += e.runIds().size();
            assertEquals("BULK_DELETE", e.reason().toString());
            assertTrue(e.actor().startsWith("thread-"));
        }
        assertEquals(nonEmptyResults.size(), events.size(), "one event per call that deleted runs");
        assertEquals(new HashSet<>(nonEmptyResults), new HashSet<>(eventIds), "each event is its call's result");
        assertEquals(total, reported.size(), "no run is reported twice");
        Set<UUID> gone = new HashSet<>(Fixture.ids(runs));
        gone.removeAll(fx.allRunIds());
        assertEquals(gone, reported, "exactly the runs that disappeared are reported");
    }

    @Test
    void aDeleteThatRollsBackTellsNoOneAndDeletesNothing() {
        FlowRun a = fx.run("a", b -> b.state(StateType.COMPLETED));
        FlowRun b = fx.run("b", x -> x.state(StateType.FAILED));
        List<DeletionEvent> events = new ArrayList<>();
        // The whole unit of work runs, then "commit" fails: the storage under test must roll it all back.
        FlowsweepStorage failingCommit = new FlowsweepStorage() {
            @Override
            public <T> T inTransaction(TransactionCallback<T> work) {
                return storage.inTransaction(tx -> {
                    work.doInTransaction(tx);
                    throw new FlowsweepStorageException("commit failed", null);
                });
            }
        };
        BulkDeleteService service = BulkDeleteService.builder(failingCommit).deletionListener(events::add).build();

        assertThrows(FlowsweepStorageException.class, () -> service.bulkDelete(BulkDeleteRequest.of(null, 10)));
        assertThrows(FlowsweepStorageException.class, () -> service.deleteById(a.id()));
        assertThrows(FlowsweepStorageException.class, () -> service.drain(null, 10, null));

        assertEquals(List.of(), events);
        assertTrue(fx.exists(a.id()));
        assertTrue(fx.exists(b.id()));
        assertEquals(0, fx.tx(tx -> tx.purgeQueue().stats()).pending());

        // The same deletes through the storage itself commit and tell once.
        BulkDeleteService working = BulkDeleteService.builder(storage).deletionListener(events::add).build();
        BulkDeleteResult result = working.bulkDelete(BulkDeleteRequest.of(null, 10));
        assertEquals(1, events.size());
        assertEquals(result.deleted(), events.get(0).runIds());
        assertEquals(Fixture.idDesc(List.of(a, b)), events.get(0).runIds());
    }
}
